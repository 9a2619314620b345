package org.bipm.kcdb.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes the events waiting in the outboxes of the given collections, in order per aggregate, and removes
 * each one only after the broker acknowledged it. A crash between the two re-sends: delivery is at least once,
 * and consumers skip what they have already applied.
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
    /** Bounds one run, so that the other collections and the stop of the service never wait long. */
    private static final int BATCHES_PER_RUN = 50;

    private final ReactiveMongoTemplate mongo;
    private final StreamBridge bridge;
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
    private ScheduledExecutorService executor;
    /** A periodic run has read every non-empty outbox once; later runs read only the marked ones. */
    private volatile boolean scannedOnce;

    public OutboxRelay(ReactiveMongoTemplate mongo, StreamBridge bridge, List<String> collections, String source,
                       Duration interval) {
        this(mongo, bridge, collections, source, interval, EventMeters.none(), EventTracing.none());
    }

    public OutboxRelay(ReactiveMongoTemplate mongo, StreamBridge bridge, List<String> collections, String source,
                       Duration interval, EventMeters meters, EventTracing tracing) {
        this.mongo = mongo;
        this.tracing = tracing;
        this.bridge = bridge;
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
        int sent = 0;
        for (String collection : collections) {
            Set<String> ids = written.get(collection);
            if (ids == null) {
                continue;
            }
            for (Iterator<String> next = ids.iterator(); next.hasNext(); ) {
                String id = next.next();
                next.remove();
                // by _id alone: an index hit on every store (a second condition makes the local store scan)
                Document aggregate = mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class,
                        collection).block();
                if (aggregate != null && !aggregate.getList(OutboxEvent.FIELD, Document.class, List.of()).isEmpty()) {
                    sent += relay(collection, aggregate);
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
        int sent = 0;
        // The first run reads every non-empty outbox (those written before the marker existed too); later runs
        // read the marked documents through their index, not the whole collection every few seconds (issue 13).
        Criteria marked = scannedOnce ? Criteria.where(OutboxEvent.PENDING).is(true)
                : Criteria.where(OutboxEvent.FIELD + ".0").exists(true);
        int drained = 0;
        for (String collection : collections) {
            Backlog backlog = backlogs.get(collection);
            Query pending = new Query(marked).limit(BATCH);
            for (int batch = 0; batch < BATCHES_PER_RUN; batch++) {
                List<Document> documents = mongo.find(pending, Document.class, collection).collectList().block();
                documents = documents == null ? List.of() : documents;
                backlog.saw(documents);
                for (int i = 0; i < documents.size(); i++) {
                    sent += relay(collection, documents.get(i));
                    unmark(collection, documents.get(i).get("_id"));
                    backlog.relayed(i + 1);
                }
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
     * The aggregate's outbox is empty: its marker goes, in one conditional write (an event added meanwhile keeps the
     * marker, and a marker left by a write the nudge already relayed goes at the next periodic run).
     */
    private void unmark(String collection, Object id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(OutboxEvent.FIELD).size(0)),
                new Update().unset(OutboxEvent.PENDING), collection).block();
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

    private int relay(String collection, Document aggregate) {
        int sent = 0;
        for (Document event : aggregate.getList(OutboxEvent.FIELD, Document.class)) {
            boolean accepted = tracing.sending(event.getString("traceparent"), "publish " + event.getString("type"),
                    traceparent -> bridge.send(event.getString("topic"), toMessage(event, traceparent)));
            if (!accepted) {
                throw new IllegalStateException("The broker did not accept event " + event.getString("eventId"));
            }
            mongo.updateFirst(Query.query(Criteria.where("_id").is(aggregate.get("_id"))),
                    new Update().pull(OutboxEvent.FIELD, new Document(OutboxEvent.ID_FIELD, event.getString("eventId"))),
                    collection).block();
            meters.published(event.getString("type"));
            sent++;
        }
        return sent;
    }

    private Message<byte[]> toMessage(Document event, String traceparent) {
        MessageBuilder<byte[]> message = MessageBuilder
                .withPayload(event.getString("payload").getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, event.getString("key").getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, event.getString("eventId"))
                .setHeader(CloudEventHeaders.TYPE, event.getString("type"))
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .setHeader(CloudEventHeaders.TIME, event.getString("occurredAt"))
                .setHeader(CloudEventHeaders.SUBJECT, event.getString("key"))
                .setHeader("contentType", CloudEventHeaders.JSON);
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
