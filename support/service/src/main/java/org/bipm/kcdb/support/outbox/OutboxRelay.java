package org.bipm.kcdb.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.micrometer.core.instrument.Gauge;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.bipm.kcdb.support.tracing.EventTracing;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;

/**
 * Publishes the events waiting in the outboxes of the given collections, in order per aggregate, and removes
 * each one only after the broker acknowledged it. A crash between the two re-sends: delivery is at least once,
 * and consumers skip what they have already applied.
 * <p>
 * A batch of aggregates is read at once (the nudged ones by their ids in one query), their events are sent without
 * waiting for each acknowledgement (up to {@code kcdb.outbox.in-flight} at the broker, one per aggregate at a time)
 * and the acknowledged ones leave their outboxes in one bulk write: issue 15, where one read, one synchronous send
 * and one removal per event bounded a migration. A nudged run does not wait for that write before the next events go
 * (issue 15's event hop: the events written meanwhile waited for it); what is leaving is skipped by every read.
 * <p>
 * It counts what it published per type, and keeps per collection the backlog it last saw and the time the oldest
 * of those events occurred, from the batches it reads anyway (no extra query): both fall to zero after a run that
 * emptied the outboxes, and stay up while the broker refuses events. The age grows with the clock even when the
 * relay is stuck.
 * <p>
 * Each event goes out inside a span that continues the traceparent stored with it, and carries that span's
 * traceparent as a header ({@link EventTracing}).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** How long the relay waits for the broker to acknowledge a send (Spring Integration's synchronous default). */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds one run, so that the other collections and the stop of the service never wait long. */
    private static final int BATCHES_PER_RUN = 50;
    /**
     * Spring Cloud Function's mark of a CloudEvent, which it put on every message the relay sent through
     * {@code StreamBridge}: kept, so that the records stay what consumers received before {@link BoundTopics}.
     */
    private static final String MESSAGE_TYPE = "message-type";
    private static final String CLOUD_EVENT = "cloudevent";

    private final ReactiveMongoTemplate mongo;
    private final TopicSender topics;
    private final SendResults results;
    private final int inFlight;
    private final List<String> collections;
    private final String source;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final EventMeters meters;
    private final EventTracing tracing;
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();
    /** Per collection, the aggregates written since the last targeted run: their events leave without a scan. */
    private final Map<String, Set<String>> written = new ConcurrentHashMap<>();
    /** A run is queued and has not begun: further nudges ride on it rather than queue their own. */
    private final AtomicBoolean scanQueued = new AtomicBoolean();
    private final AtomicBoolean writtenQueued = new AtomicBoolean();
    /**
     * Events the broker acknowledged whose removal from their outbox is under way (not awaited): a read meanwhile
     * may still see them, and skips them rather than send them again.
     */
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    /** Events whose removal has completed: they leave {@link #leaving} at the start of the next run, on its thread. */
    private final Queue<String> left = new ConcurrentLinkedQueue<>();
    /** Await each round's removal before the next round's events go (the relay before the event hop's change). */
    private volatile boolean awaitRemoval;
    private ScheduledExecutorService executor;
    /** A periodic run has read every non-empty outbox once; later runs read only the marked ones. */
    private volatile boolean scannedOnce;

    public OutboxRelay(ReactiveMongoTemplate mongo, TopicSender topics, SendResults results, List<String> collections,
                       String source, Duration interval, int inFlight) {
        this(mongo, topics, results, collections, source, interval, inFlight, EventMeters.none(), EventTracing.none());
    }

    /**
     * @param results  where the binder's producer hands over each send's future (its futures channel)
     * @param inFlight how many events may wait for the broker's acknowledgement at once (1: one at a time, each
     *                 removed on its own, as the relay did before issue 15)
     */
    public OutboxRelay(ReactiveMongoTemplate mongo, TopicSender topics, SendResults results, List<String> collections,
                       String source, Duration interval, int inFlight, EventMeters meters, EventTracing tracing) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("kcdb.outbox.in-flight must be at least 1, was " + inFlight);
        }
        this.results = results;
        this.inFlight = inFlight;
        this.mongo = mongo;
        this.tracing = tracing;
        this.topics = topics;
        this.collections = List.copyOf(collections);
        this.source = source;
        this.interval = interval;
        this.meters = meters;
        for (String collection : this.collections) {
            Backlog backlog = new Backlog();
            backlogs.put(collection, backlog);
            Gauge.builder(EventMeters.OUTBOX_BACKLOG, backlog, b -> b.events)
                    .description("Events waiting in the outbox, as the relay last saw them (at least one batch)")
                    .tag("collection", collection).register(meters.registry());
            Gauge.builder(EventMeters.OUTBOX_OLDEST_AGE, backlog, Backlog::oldestAgeSeconds)
                    .description("Age of the oldest event waiting in the outbox, zero when none waits")
                    .baseUnit("seconds").tag("collection", collection).register(meters.registry());
        }
    }

    /**
     * Ask for a run over every outbox now rather than at the next tick. It finds the pending events by a query over
     * the whole collection: for writes whose aggregate is known, {@link #nudge(String, String)} costs less.
     */
    public void nudge() {
        ScheduledExecutorService current = executor;
        if (running.get() && current != null && scanQueued.compareAndSet(false, true)) {
            current.execute(() -> {
                scanQueued.set(false); // a nudge from here on may find events this run has passed
                relaySafely();
            });
        }
    }

    /**
     * The aggregate {@code id} of {@code collection} has just been written with events: send them now, reading that
     * one document by its id. The work per write does not grow with the collection (a scan for pending outboxes
     * did: issue 15); the periodic run stays the safety net for events a failed send left behind.
     */
    public void nudge(String collection, String id) {
        if (!collections.contains(collection)) {
            return;
        }
        written.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()).add(id);
        ScheduledExecutorService current = executor;
        if (running.get() && current != null && writtenQueued.compareAndSet(false, true)) {
            current.execute(() -> {
                writtenQueued.set(false);
                try {
                    relayWritten();
                } catch (RuntimeException e) {
                    log.warn("Outbox relay run failed, the periodic run retries: {}", e.toString());
                }
            });
        }
    }

    /**
     * Publishes the events of the aggregates named by {@link #nudge(String, String)} since the last such run, each
     * read by its id; returns how many events were sent.
     */
    public synchronized int relayWritten() {
        forgetRemoved();
        int sent = 0;
        for (String collection : collections) {
            Set<String> ids = written.get(collection);
            if (ids == null) {
                continue;
            }
            List<String> chunk = new ArrayList<>(BATCH);
            for (Iterator<String> next = ids.iterator(); next.hasNext(); ) {
                chunk.add(next.next());
                next.remove();
                if (chunk.size() == BATCH || !next.hasNext()) {
                    // one query for the chunk, by _id alone: an index hit on every store (a second condition makes
                    // the local store scan; its unique index answers $in)
                    Query byIds = outboxesOnly(Query.query(Criteria.where("_id").in(chunk)));
                    List<Document> aggregates = mongo.find(byIds, Document.class, collection).collectList().block();
                    chunk.clear();
                    Batch batch = relay(collection, aggregates == null ? List.of() : aggregates.stream()
                            .filter(a -> !a.getList(OutboxEvent.FIELD, Document.class, List.of()).isEmpty())
                            .toList(), true);
                    sent += batch.sent();
                }
            }
        }
        return sent;
    }

    /**
     * Publishes what is pending, batch after batch until a batch comes back short (a bulk migration leaves
     * thousands at once), at most {@link #BATCHES_PER_RUN} batches a run; returns how many events were sent.
     */
    public synchronized int relayPending() {
        forgetRemoved();
        int sent = 0;
        // The first run reads every non-empty outbox (those written before the marker existed too); later runs
        // read the marked documents through their index, not the whole collection every few seconds (issue 13).
        Criteria marked = scannedOnce ? Criteria.where(OutboxEvent.PENDING).is(true)
                : Criteria.where(OutboxEvent.FIELD + ".0").exists(true);
        int drained = 0;
        for (String collection : collections) {
            Backlog backlog = backlogs.get(collection);
            Query pending = outboxesOnly(new Query(marked).limit(BATCH));
            for (int batch = 0; batch < BATCHES_PER_RUN; batch++) {
                List<Document> documents = mongo.find(pending, Document.class, collection).collectList().block();
                documents = documents == null ? List.of() : documents;
                backlog.saw(documents);
                // the removal awaited: the next batch's read must not find these aggregates marked again
                Batch relayed = relay(collection, documents, false);
                sent += relayed.sent();
                // the relayed ones lost their markers with their events (remove); these were marked with nothing left
                unmark(collection, documents.stream()
                        .filter(d -> d.getList(OutboxEvent.FIELD, Document.class, List.of()).isEmpty())
                        .map(document -> document.get("_id")).toList());
                if (relayed.failed()) {
                    break; // what the broker refused stays for the next run; the backlog stays as seen
                }
                backlog.relayed(documents.size());
                if (documents.size() < BATCH) {
                    drained++;
                    break;
                }
            }
        }
        // a first run cut short by its bound reads every outbox again next time
        scannedOnce |= drained == collections.size();
        return sent;
    }

    /**
     * The markers of these aggregates go, and come back on those whose outbox holds an event after all (written
     * meanwhile). Every query names only {@code _id}s, an index hit on every store: a marker removal conditional on an
     * empty outbox ({@code {_id: {$in}, outbox: {$size: 0}}}) made the in-memory store compare every document with
     * every id, a cost per relayed event that grew with the collection (issue 15). An event added after the check
     * was written with its marker, after this removal.
     */
    private void unmark(String collection, List<Object> ids) {
        if (ids.isEmpty()) {
            return;
        }
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().unset(OutboxEvent.PENDING),
                collection).then(remarkNonEmpty(collection, ids)).block();
    }

    /** Marks again those of {@code ids} (their markers just removed) whose outbox holds events. */
    private Mono<Void> remarkNonEmpty(String collection, Collection<Object> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return mongo.find(outboxesOnly(Query.query(Criteria.where("_id").in(ids))), Document.class, collection)
                .filter(d -> !d.getList(OutboxEvent.FIELD, Document.class, List.of()).isEmpty())
                .map(d -> d.get("_id")).collectList()
                .flatMap(pending -> pending.isEmpty() ? Mono.<Void>empty()
                        // only where the outbox still holds events when the marker is written: a later removal
                        // may have emptied it since the read (and unset the marker), which this must not undo
                        : mongo.updateMulti(Query.query(Criteria.where("_id").in(pending)
                                .and(OutboxEvent.FIELD + ".0").exists(true)),
                                new Update().set(OutboxEvent.PENDING, true), collection).then());
    }

    /** Only the outbox of each aggregate: its state (a migrated CMC's whole content) is not read for nothing. */
    private static Query outboxesOnly(Query query) {
        query.fields().include(OutboxEvent.FIELD);
        return query;
    }

    /** The index the periodic run reads pending outboxes by (sparse: only marked documents are in it). */
    private void declareIndexes() {
        for (String collection : collections) {
            try {
                mongo.indexOps(collection).createIndex(new Index().on(OutboxEvent.PENDING, Sort.Direction.ASC)
                        .sparse()).block(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.warn("No index on {} of {} (the relay still finds pending outboxes, reading more): {}",
                        OutboxEvent.PENDING, collection, e.toString());
            }
        }
    }

    /** What waits in one collection's outboxes: the rest of the batch being relayed. */
    private static final class Backlog {
        private volatile long events;
        private volatile Instant oldest;
        /** From each document of the batch to its end: the events waiting and the oldest of them. */
        private long[] countFrom = {0};
        private Instant[] oldestFrom = {null};

        /** A new batch was read: read each event once, so that {@link #relayed} costs nothing. */
        void saw(List<Document> documents) {
            int size = documents.size();
            countFrom = new long[size + 1];
            oldestFrom = new Instant[size + 1];
            for (int i = size - 1; i >= 0; i--) {
                long count = countFrom[i + 1];
                Instant first = oldestFrom[i + 1];
                for (Document event : documents.get(i).getList(OutboxEvent.FIELD, Document.class)) {
                    count++;
                    Instant occurred = occurredAt(event);
                    if (occurred != null && (first == null || occurred.isBefore(first))) {
                        first = occurred;
                    }
                }
                countFrom[i] = count;
                oldestFrom[i] = first;
            }
            relayed(0);
        }

        /** The first {@code done} documents of the batch have left. */
        void relayed(int done) {
            events = countFrom[done];
            oldest = oldestFrom[done];
        }

        double oldestAgeSeconds() {
            Instant first = oldest;
            return first == null ? 0 : Math.max(0, Duration.between(first, Instant.now()).toMillis() / 1000.0);
        }

        private static Instant occurredAt(Document event) {
            Object value = event.get("occurredAt");
            if (value instanceof Date date) {
                return date.toInstant();
            }
            try {
                return value == null ? null : Instant.parse(value.toString());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** What one batch did: the events the broker acknowledged (and that left their outboxes), and any refusal. */
    private record Batch(int sent, boolean failed) {
    }

    /** One aggregate's outbox as read, and how far the relay has got through it. */
    private static final class Outbox {
        final Object id;
        final List<Document> events;
        int next;
        /** The broker refused one of its events: the rest stays, and so does its marker. */
        boolean refused;

        Outbox(Document aggregate, Set<String> leaving) {
            id = aggregate.get("_id");
            List<Document> stored = aggregate.getList(OutboxEvent.FIELD, Document.class, List.of());
            events = leaving.isEmpty() ? stored : stored.stream()
                    .filter(event -> !leaving.contains(event.getString(OutboxEvent.ID_FIELD))).toList();
        }

        boolean pending() {
            return next < events.size();
        }
    }

    /**
     * Sends the events of the given aggregates, several at once, and removes from each outbox what the broker
     * acknowledged. Per aggregate one event at a time is at the broker: its next event is sent only once the one
     * before was acknowledged, so neither a retry inside the producer nor a failed send can put two events of one
     * aggregate out of order (the key's partition keeps the order of what it was given). Within a round the first
     * pending event of every aggregate goes out, up to {@code inFlight} sends before waiting for all their
     * acknowledgements; the acknowledged ones are then removed in one bulk write, which a nudged run does not await
     * ({@code inBackground}: the next events go at once, see {@link #remove}). An event the broker did not
     * acknowledge stays, with the later events of its aggregate, for the next run. A crash between acknowledgement
     * and removal sends those events again: delivery is at least once, and consumers skip an event id they applied.
     */
    private Batch relay(String collection, List<Document> aggregates, boolean inBackground) {
        List<Outbox> round = new ArrayList<>(aggregates.size());
        for (Document aggregate : aggregates) {
            Outbox outbox = new Outbox(aggregate, leaving);
            if (outbox.pending()) {
                round.add(outbox);
            }
        }
        int sent = 0;
        boolean failed = false;
        while (!round.isEmpty()) {
            for (int from = 0; from < round.size(); from += inFlight) {
                List<Outbox> flight = round.subList(from, Math.min(round.size(), from + inFlight));
                List<CompletableFuture<?>> acks = new ArrayList<>(flight.size());
                for (Outbox outbox : flight) {
                    acks.add(send(outbox.events.get(outbox.next)));
                }
                Map<Object, List<String>> acknowledged = new LinkedHashMap<>();
                long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos(); // one wait for the whole flight
                for (int i = 0; i < flight.size(); i++) {
                    Outbox outbox = flight.get(i);
                    Document event = outbox.events.get(outbox.next);
                    Throwable refused = awaitAck(acks.get(i), deadline);
                    if (refused == null) {
                        acknowledged.computeIfAbsent(outbox.id, id -> new ArrayList<>())
                                .add(event.getString(OutboxEvent.ID_FIELD));
                        meters.published(event.getString("type"));
                        outbox.next++;
                    } else {
                        if (!failed) {
                            log.warn("The broker did not acknowledge event {} ({}); it and the later events of its "
                                    + "aggregate stay in the outbox for the next run", event.getString("eventId"),
                                    refused.toString());
                        }
                        failed = true;
                        outbox.refused = true;
                        outbox.next = outbox.events.size(); // nothing more of this aggregate in this run
                    }
                }
                Set<Object> emptied = new HashSet<>();
                for (Outbox outbox : flight) {
                    if (!outbox.pending() && !outbox.refused) {
                        emptied.add(outbox.id);
                    }
                }
                remove(collection, acknowledged, emptied, inBackground);
                sent += acknowledged.values().stream().mapToInt(List::size).sum();
            }
            round.removeIf(outbox -> !outbox.pending());
        }
        return new Batch(sent, failed);
    }

    /**
     * Hands one event to the binder without waiting for the broker (the producer is asynchronous, {@code sync:
     * false}); the future is the producer's own, handed over through its futures channel under the event's id.
     */
    private CompletableFuture<?> send(Document event) {
        String eventId = event.getString("eventId");
        try {
            boolean accepted = tracing.sending(event.getString("traceparent"), "publish " + event.getString("type"),
                    traceparent -> topics.send(event.getString("topic"), toMessage(event, traceparent)));
            CompletableFuture<?> ack = results.take(eventId);
            if (!accepted) {
                return CompletableFuture.failedFuture(new IllegalStateException("the binder refused the message"));
            }
            return ack != null ? ack : CompletableFuture.failedFuture(new IllegalStateException(
                    "the producer handed over no send result (is the futures channel of the binder set?)"));
        } catch (RuntimeException e) {
            results.take(eventId);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Null once the broker acknowledged the send; what went wrong otherwise (no answer in time included). */
    private static Throwable awaitAck(CompletableFuture<?> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return new TimeoutException("no acknowledgement within " + ACK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * Removes the acknowledged events from their outboxes: one bulk write, by {@code _id} and event id (newer events
     * stay). An aggregate whose every event read was acknowledged ({@code emptied}) loses its marker in the same
     * write, and gets it back if an event was added meanwhile ({@link #remarkNonEmpty}), so the periodic run never
     * reads a relayed aggregate again. A nudged run does not wait for it (the event hop, issue 15): until it
     * completes, the removed events are in {@link #leaving}, which every read of an outbox skips. Order per aggregate
     * does not depend on it (an aggregate's next event goes only after this one's acknowledgement); a crash or a
     * failed write before it lands sends the events again, as a crash between acknowledgement and removal always did.
     */
    private void remove(String collection, Map<Object, List<String>> acknowledged, Set<Object> emptied,
                        boolean inBackground) {
        if (acknowledged.isEmpty()) {
            return;
        }
        ReactiveBulkOperations removal = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        List<String> removed = new ArrayList<>();
        acknowledged.forEach((id, eventIds) -> {
            Update update = new Update().pull(OutboxEvent.FIELD,
                    new Document(OutboxEvent.ID_FIELD, new Document("$in", eventIds)));
            if (emptied.contains(id)) {
                update.unset(OutboxEvent.PENDING);
            }
            removal.updateOne(Query.query(Criteria.where("_id").is(id)), update);
            removed.addAll(eventIds);
        });
        Mono<Void> done = removal.execute().then(remarkNonEmpty(collection, emptied));
        if (!inBackground || awaitRemoval) {
            done.block();
            return;
        }
        leaving.addAll(removed);
        done.subscribe(nothing -> { }, failed -> {
            log.warn("Removing {} acknowledged events from {} failed; the periodic run sends them again: {}",
                    removed.size(), collection, failed.toString());
            left.addAll(removed);
        }, () -> left.addAll(removed));
    }

    /**
     * On the relay's thread at the start of a run: the events whose removal completed leave {@link #leaving}. Not
     * earlier: a read issued before a removal landed may still hold them, and is skipped over until its run ends.
     */
    private void forgetRemoved() {
        for (String eventId = left.poll(); eventId != null; eventId = left.poll()) {
            leaving.remove(eventId);
        }
    }

    /**
     * The relay as it was before the event hop's change (issue 15, item 7): each round's acknowledged events leave
     * their outboxes before the next round's events go. For {@code EventHopBenchmark}'s side-by-side "before".
     */
    void awaitRemoval(boolean await) {
        this.awaitRemoval = await;
    }

    private Message<byte[]> toMessage(Document event, String traceparent) {
        MessageBuilder<byte[]> message = MessageBuilder
                .withPayload(event.getString("payload").getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, event.getString("key").getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, event.getString("eventId"))
                .setHeader(SendResults.TOKEN, event.getString("eventId")) // the producer hands its future over
                .setHeader(CloudEventHeaders.TYPE, event.getString("type"))
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .setHeader(CloudEventHeaders.TIME, event.getString("occurredAt"))
                .setHeader(CloudEventHeaders.SUBJECT, event.getString("key"))
                .setHeader("contentType", CloudEventHeaders.JSON)
                .setHeader(MESSAGE_TYPE, CLOUD_EVENT);
        if (traceparent != null) {
            message.setHeader(CloudEventHeaders.TRACEPARENT, traceparent);
        }
        return message.build();
    }

    private void relaySafely() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            // The events stay in their outboxes and go out on a later run.
            log.warn("Outbox relay run failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            declareIndexes();
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "outbox-relay");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::relaySafely, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
