package org.bipm.kcdb.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * One imperative Kafka consumer for a topic: reads the CloudEvents type, turns the payload into its record and
 * calls the handler for that type, at most once per event id. A handler that throws leaves the event unmarked,
 * so the binder retries it and finally parks it on the dead-letter topic. Applied and skipped events are counted
 * per consumer and type ({@code kcdb.events.consumed}, {@code kcdb.events.duplicates}). The types without a handler
 * are dropped before the binder converts them ({@link ReceivedTypesFilter}); one that reaches the consumer all the
 * same (a binding the filter does not cover) is counted as ignored ({@code kcdb.events.ignored}).
 */
public final class EventHandlers implements SelectiveConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventHandlers.class);

    private final String consumer;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final Map<EventType, Consumer<IntegrationEvent>> handlers = new EnumMap<>(EventType.class);
    /** The reader of each handled type's payload, made once: a reader is immutable, and made per event it cost. */
    private final Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);
    /** Which events of a type the handler finds its own earlier write for (see {@link #onIdempotent}). */
    private final Map<EventType, Predicate<IntegrationEvent>> idempotent = new EnumMap<>(EventType.class);
    /** The types whose handler applies a run of a poll's events at once (see {@link #onIdempotentRun}). */
    private final Map<EventType, Consumer<List<IntegrationEvent>>> runs = new EnumMap<>(EventType.class);

    private EventHandlers(String consumer, ProcessedEvents processed, JsonMapper json) {
        this.consumer = consumer;
        this.processed = processed;
        this.json = json;
    }

    public static EventHandlers forConsumer(String consumer, ProcessedEvents processed, JsonMapper json) {
        return new EventHandlers(consumer, processed, json);
    }

    @SuppressWarnings("unchecked")
    public <E extends IntegrationEvent> EventHandlers on(EventType type, Consumer<E> handler) {
        handlers.put(type, event -> handler.accept((E) event));
        readers.put(type, reader(type));
        idempotent.remove(type);
        runs.remove(type);
        return this;
    }

    /**
     * A handler that is idempotent on its own: applied a second time, it finds the write of the first and changes
     * nothing (e.g. it inserts under a key the event determines, or it looks for its record first). Its events
     * cost one store round trip for the processed-event record instead of two: no look before the handler, only
     * the mark after it, whose duplicate-key refusal says "applied before" (counted as a duplicate). Why that keeps
     * both guarantees: the mark is still written only after the handler's effect, so a crash in between leaves the
     * event unmarked and its redelivery applies it (never lost); and a redelivered event that is marked, or whose
     * effect is there without its mark, runs into the handler's own check (never applied twice). A handler with
     * effects it cannot find again (a counter, an e-mail, a history entry, a state a later change may have left)
     * must use {@link #on}, which looks first; {@code when} names the events of the type the handler is idempotent
     * for on its own, the others are looked up first as with {@link #on}.
     */
    @SuppressWarnings("unchecked")
    public <E extends IntegrationEvent> EventHandlers onIdempotent(EventType type, Predicate<E> when,
                                                                   Consumer<E> handler) {
        handlers.put(type, event -> handler.accept((E) event));
        readers.put(type, reader(type));
        idempotent.put(type, event -> when.test((E) event));
        runs.remove(type);
        return this;
    }

    /**
     * A handler idempotent on its own for every event of the type (as {@link #onIdempotent} says) that applies many
     * events in one go, e.g. in one bulk write. At an event of the type it gets that event and those of the type that
     * follow it in the poll that brought it ({@link PolledEvents#following}), up to the next event of another type
     * this consumer handles, so that no event is applied before one that came ahead of it; then their marks are
     * written in one insert, and when the listener container hands over the run's other records, they are passed
     * over as applied (counted when their run was). An event the poll did not bring comes alone. Why both
     * guarantees hold: the marks are written only after the handler's effect, for the whole run; a failure of
     * either leaves the event unmarked, and the binder's retry applies its run again, which the handler finds
     * (never lost, never applied twice). A run that fails is applied again as its first event alone, so that only an
     * event that fails on its own is retried and then parked, as without runs; a record of the run whose payload
     * cannot be read ends the run before it and is refused at its own turn.
     */
    @SuppressWarnings("unchecked")
    public <E extends IntegrationEvent> EventHandlers onIdempotentRun(EventType type, Consumer<List<E>> handler) {
        handlers.put(type, event -> handler.accept(List.of((E) event)));
        readers.put(type, reader(type));
        idempotent.put(type, event -> true);
        runs.put(type, events -> handler.accept((List<E>) events));
        return this;
    }

    /** Producers may add fields (additive changes keep the type); an older consumer ignores what it doesn't know. */
    private ObjectReader reader(EventType type) {
        return json.readerFor(type.payloadType()).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public boolean handles(EventType type) {
        return handlers.containsKey(type);
    }

    @Override
    public void accept(Message<byte[]> message) {
        String ceType = ceType(message);
        EventType type = ceType == null ? null : EventType.fromCeType(ceType).orElse(null);
        Consumer<IntegrationEvent> handler = type == null ? null : handlers.get(type);
        if (handler == null) {
            // Types this consumer does not care about, including ones added after it was written.
            log.debug("{} ignores event of type {}", consumer, ceType);
            processed.meters().ignored(consumer, ceType);
            return;
        }
        Consumer<List<IntegrationEvent>> run = runs.get(type);
        if (run != null) {
            String polledId = ceId(message);
            if (polledId != null && PolledEvents.isAppliedAhead(consumer, polledId)) {
                log.debug("{} applied event {} ({}) with its run", consumer, polledId, ceType);
                return;
            }
        }
        IntegrationEvent event = readers.get(type).readValue(message.getPayload());
        String eventId = event.eventId().toString();
        if (run != null) {
            applyRun(type, ceType, event, run);
            return;
        }
        if (idempotent.getOrDefault(type, e -> false).test(event)) {
            handler.accept(event);
            if (processed.markFirst(consumer, eventId, ceType)) {
                processed.meters().consumed(consumer, ceType);
            } else {
                log.debug("{} found redelivered event {} ({}) applied already", consumer, eventId, ceType);
                processed.meters().duplicate(consumer, ceType);
            }
            return;
        }
        if (processed.alreadyApplied(consumer, eventId, this::looksUp)) {
            log.debug("{} skips redelivered event {} ({})", consumer, eventId, ceType);
            processed.meters().duplicate(consumer, ceType);
            return;
        }
        handler.accept(event);
        processed.markApplied(consumer, eventId, ceType);
        processed.meters().consumed(consumer, ceType);
    }

    /** The event and the rest of its run in its poll, applied at once and then marked at once. */
    private void applyRun(EventType type, String ceType, IntegrationEvent first,
                          Consumer<List<IntegrationEvent>> handler) {
        String firstId = first.eventId().toString();
        Map<String, IntegrationEvent> run = new LinkedHashMap<>();
        run.put(firstId, first);
        List<String> ahead = new ArrayList<>();
        ObjectReader reader = readers.get(type);
        for (PolledEvents.Polled polled : PolledEvents.following(firstId, ceType, this::endsRun)) {
            IntegrationEvent next;
            try {
                next = reader.readValue(polled.payload());
            } catch (JacksonException unreadable) {
                break;
            }
            String nextId = next.eventId().toString();
            if (!nextId.equals(polled.eventId())) {
                break; // a record whose header says another event than its payload: at its own turn, alone
            }
            ahead.add(nextId);
            run.putIfAbsent(nextId, next);
        }
        try {
            handler.accept(List.copyOf(run.values()));
        } catch (RuntimeException failed) {
            if (run.size() == 1) {
                throw failed;
            }
            // Which event failed is not known: this one alone, so that only an event that fails on its own is
            // retried and parked on the dead-letter topic, as without runs; the others come at their own turn.
            log.debug("{} applies event {} ({}) alone: its run of {} failed: {}", consumer, firstId, ceType,
                    run.size(), failed.toString());
            run.keySet().retainAll(Set.of(firstId));
            ahead.clear();
            handler.accept(List.of(first));
        }
        Set<String> markedBefore = processed.markAllFirst(consumer, run.keySet(), ceType);
        PolledEvents.appliedAhead(consumer, ahead);
        for (int twice = ahead.size() - (run.size() - 1); twice > 0; twice--) {
            processed.meters().duplicate(consumer, ceType); // the poll brought an event of the run again
        }
        for (String eventId : run.keySet()) {
            if (markedBefore.contains(eventId)) {
                log.debug("{} found redelivered event {} ({}) applied already", consumer, eventId, ceType);
                processed.meters().duplicate(consumer, ceType);
            } else {
                processed.meters().consumed(consumer, ceType);
            }
        }
    }

    /** A record of another type this consumer handles ends a run; those it drops or ignores do not. */
    private boolean endsRun(String ceType) {
        return EventType.fromCeType(ceType).map(handlers::containsKey).orElse(false);
    }

    /** Whether events of the type are looked up before their handler (those of the poll are, together). */
    private boolean looksUp(String ceType) {
        EventType type = EventType.fromCeType(ceType).orElse(null);
        return type != null && handlers.containsKey(type) && !idempotent.containsKey(type);
    }

    /**
     * Spring Cloud Function may re-key CloudEvents attributes on the way in ({@code ce_type}, {@code ce-type}, ...);
     * its utility knows every form.
     */
    public static String ceType(Message<?> message) {
        String type = CloudEventMessageUtils.getType(message);
        return type != null ? unquote(type) : header(message, CloudEventHeaders.TYPE);
    }

    /** The event's id ({@code ce_id}), in whichever form the CloudEvents attributes came. */
    public static String ceId(Message<?> message) {
        String id = CloudEventMessageUtils.getId(message);
        return id != null ? unquote(id) : header(message, CloudEventHeaders.ID);
    }

    private static String unquote(String text) {
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1)
                : text;
    }

    static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            // Some header mappers JSON-quote strings.
            return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")
                    ? text.substring(1, text.length() - 1) : text;
        }
        return value == null ? null : value.toString();
    }
}
