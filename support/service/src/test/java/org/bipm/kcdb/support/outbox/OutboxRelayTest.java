package org.bipm.kcdb.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay against a real Mongo-wire store: a write's nudge sends that aggregate's events (read by its id, the
 * rest of the collection untouched), in order and once; the run over every outbox sends what is left, once.
 */
class OutboxRelayTest {

    record Counter(String id, int count) {
    }

    static MongoServer server;
    static MongoClient client;
    static ReactiveMongoTemplate mongo;

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "outbox-relay-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    static CmcWithdrawn event(String id) {
        return new CmcWithdrawn(UUID.randomUUID(), Instant.now(), 1, id, 1, "PTB", "DE", "EURAMET", "writer.ptb",
                "test");
    }

    /**
     * The binder as the relay sees it: each send's future handed over through {@link SendResults}, acknowledged at
     * once, refused for the event ids in {@link #refuse} (once each), or, with {@link #later}, acknowledged by
     * another thread in shuffled order once the relay has handed over a whole flight.
     */
    static final class Broker implements TopicSender {
        final SendResults results = new SendResults();
        /** Every send the relay attempted, and the ones the broker acknowledged, in the order they reached it. */
        final List<Message<?>> attempts = new CopyOnWriteArrayList<>();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final java.util.Set<String> refuse = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Set<String> throwOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        boolean later;
        /** Run as the broker receives an event (its id): a write between the relay's read and its removal. */
        java.util.function.Consumer<String> whileSending = id -> { };
        final java.util.concurrent.BlockingQueue<Runnable> pending = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public boolean send(String topic, Message<byte[]> message) {
            String id = message.getHeaders().get(CloudEventHeaders.ID, String.class);
            attempts.add(message);
            whileSending.accept(id);
            if (throwOn.remove(id)) {
                throw new IllegalStateException("no metadata for the topic");
            }
            java.util.concurrent.CompletableFuture<Object> future = new java.util.concurrent.CompletableFuture<>();
            results.handleMessage(org.springframework.messaging.support.MessageBuilder.withPayload(future)
                    .setHeader(SendResults.TOKEN, message.getHeaders().get(SendResults.TOKEN)).build());
            Runnable answer = () -> {
                if (refuse.remove(id)) {
                    future.completeExceptionally(new org.apache.kafka.common.errors.TimeoutException("expired"));
                } else {
                    acknowledged.add(id);
                    future.complete("ok");
                }
            };
            if (later) {
                pending.add(answer);
            } else {
                answer.run();
            }
            return true;
        }

        OutboxRelay relay(String collection, int inFlight) {
            return new OutboxRelay(mongo, this, results, List.of(collection), "test", Duration.ofHours(1), inFlight);
        }

        /** Acknowledges, from another thread and in shuffled order, whatever the relay sent so far. */
        void answerShuffledWhileRelaying(java.util.concurrent.atomic.AtomicBoolean done) {
            Thread answering = new Thread(() -> {
                java.util.Random random = new java.util.Random(15);
                try {
                    while (!done.get() || !pending.isEmpty()) {
                        Runnable first = pending.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        List<Runnable> now = new java.util.ArrayList<>(List.of(first));
                        pending.drainTo(now);
                        java.util.Collections.shuffle(now, random);
                        now.forEach(Runnable::run);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "broker");
            answering.setDaemon(true);
            answering.start();
        }

        /** The ids the relay attempted for one aggregate (the key), in the order it sent them. */
        List<String> attemptsOf(String key) {
            return attempts.stream().filter(m -> key.equals(m.getHeaders().get(CloudEventHeaders.SUBJECT)))
                    .map(m -> m.getHeaders().get(CloudEventHeaders.ID, String.class)).toList();
        }
    }

    @Test
    void anEventTheBrokerDidNotAcknowledgeStaysWithTheLaterOnesOfItsAggregateAndLeavesLaterInOrder() {
        String collection = "counters-" + UUID.randomUUID();
        Broker broker = new Broker();
        OutboxRelay relay = broker.relay(collection, 200);
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", (java.util.function.Consumer<String>) id -> relay.nudge(collection, id));
        CmcWithdrawn a1 = event("a");
        CmcWithdrawn a2 = event("a");
        CmcWithdrawn a3 = event("a");
        CmcWithdrawn b1 = event("b");
        CmcWithdrawn b2 = event("b");
        CmcWithdrawn c1 = event("c");
        counters.insert("a", Outcome.of(new Counter("a", 0), a1)).block();
        counters.change("a", c -> Outcome.of(new Counter("a", 1), a2)).block();
        counters.change("a", c -> Outcome.of(new Counter("a", 2), a3)).block();
        counters.insert("b", Outcome.of(new Counter("b", 0), b1)).block();
        counters.change("b", c -> Outcome.of(new Counter("b", 1), b2)).block();
        counters.insert("c", Outcome.of(new Counter("c", 0), c1)).block();
        broker.refuse.add(a2.eventId().toString()); // acknowledged with an error (e.g. delivery timeout)
        broker.throwOn.add(b1.eventId().toString()); // refused by the producer at once

        assertThat(relay.relayWritten()).isEqualTo(2);
        assertThat(broker.acknowledged).containsExactlyInAnyOrder(a1.eventId().toString(), c1.eventId().toString());
        // nothing sent after a refused event of the same aggregate
        assertThat(broker.attemptsOf("a")).containsExactly(a1.eventId().toString(), a2.eventId().toString());
        assertThat(broker.attemptsOf("b")).containsExactly(b1.eventId().toString());
        eventually(() -> { // the acknowledged events leave their outboxes in the background
            assertThat(outbox(collection, "a")).containsExactly(a2.eventId().toString(), a3.eventId().toString());
            assertThat(outbox(collection, "b")).containsExactly(b1.eventId().toString(), b2.eventId().toString());
            assertThat(outbox(collection, "c")).isEmpty();
        });

        assertThat(relay.relayPending()).isEqualTo(4); // the safety net's run sends what stayed, in order
        assertThat(broker.attemptsOf("a")).containsExactly(a1.eventId().toString(), a2.eventId().toString(),
                a2.eventId().toString(), a3.eventId().toString());
        assertThat(broker.attemptsOf("b")).containsExactly(b1.eventId().toString(), b1.eventId().toString(),
                b2.eventId().toString());
        assertThat(broker.acknowledged).containsExactlyInAnyOrder(a1.eventId().toString(), c1.eventId().toString(),
                a2.eventId().toString(), a3.eventId().toString(), b1.eventId().toString(), b2.eventId().toString());
        assertThat(outbox(collection, "a")).isEmpty();
        assertThat(outbox(collection, "b")).isEmpty();
        assertThat(relay.relayPending()).isZero();
    }

    @Test
    void manyAggregatesEventsLeaveInOneBatchEachOnceAndInOrderPerAggregate() throws Exception {
        String collection = "counters-" + UUID.randomUUID();
        Broker broker = new Broker();
        broker.later = true;
        OutboxRelay relay = broker.relay(collection, 64); // several flights per round
        List<String> named = new CopyOnWriteArrayList<>();
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", named::add);
        java.util.Map<String, List<String>> written = new java.util.LinkedHashMap<>();
        List<AggregateStore.Created<Counter>> created = new java.util.ArrayList<>();
        for (int n = 0; n < 260; n++) {
            String id = "agg-" + n;
            List<CmcWithdrawn> events = new java.util.ArrayList<>();
            for (int k = 0; k <= n % 3; k++) { // one to three events per aggregate, in its outbox in this order
                events.add(event(id));
            }
            created.add(new AggregateStore.Created<>(id, new Counter(id, 0), events));
            written.put(id, events.stream().map(e -> e.eventId().toString()).toList());
        }
        assertThat(counters.insertEach(created).block()).isEmpty();
        for (int n = 0; n < 210; n++) { // more than a batch named by their writes, the rest left to the safety net
            relay.nudge(collection, "agg-" + n);
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        broker.answerShuffledWhileRelaying(done);
        int sent = relay.relayWritten() + relay.relayPending();
        done.set(true);

        int total = written.values().stream().mapToInt(List::size).sum();
        assertThat(sent).isEqualTo(total);
        assertThat(broker.acknowledged).hasSize(total).doesNotHaveDuplicates();
        assertThat(broker.attempts).hasSize(total);
        written.forEach((id, events) -> {
            assertThat(broker.attemptsOf(id)).as(id).containsExactlyElementsOf(events);
            assertThat(broker.acknowledged.stream().filter(events::contains).toList()).as(id)
                    .containsExactlyElementsOf(events);
        });
        eventually(() -> assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("outbox.0").exists(true)), collection)
                .block()).isZero());
    }

    @Test
    void anAcknowledgedEventIsNotSentAgainWhileItLeavesItsOutboxAndAnEmptiedOutboxLosesItsMarker() {
        String collection = "counters-" + UUID.randomUUID();
        Broker broker = new Broker();
        OutboxRelay relay = broker.relay(collection, 200);
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", (java.util.function.Consumer<String>) id -> relay.nudge(collection, id));
        CmcWithdrawn first = event("a");
        CmcWithdrawn second = event("a");
        counters.insert("a", Outcome.of(new Counter("a", 0), first)).block();
        assertThat(relay.relayWritten()).isEqualTo(1);
        // written and read again right away, whether or not the removal of the first event has landed
        counters.change("a", c -> Outcome.of(new Counter("a", 1), second)).block();
        assertThat(relay.relayWritten()).isEqualTo(1);
        assertThat(relay.relayWritten()).isZero();

        assertThat(broker.attemptsOf("a")).containsExactly(first.eventId().toString(), second.eventId().toString());
        eventually(() -> {
            assertThat(outbox(collection, "a")).isEmpty();
            assertThat(mongo.findById("a", org.bson.Document.class, collection).block())
                    .doesNotContainKey(OutboxEvent.PENDING); // the periodic run does not read it again
        });
        assertThat(relay.relayPending()).isZero();
        assertThat(broker.attempts).hasSize(2);
    }

    /** Waits, up to 10 s, until the assertions hold: the relay removes acknowledged events without waiting. */
    static void eventually(Runnable assertions) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertions.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > until) {
                    throw notYet;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    /** The ids of the events waiting in one aggregate's outbox, in order. */
    static List<String> outbox(String collection, String id) {
        org.bson.Document aggregate = mongo.findById(id, org.bson.Document.class, collection).block();
        return aggregate.getList("outbox", org.bson.Document.class).stream().map(e -> e.getString("eventId"))
                .toList();
    }

    @Test
    void aWrittenAggregatesEventsLeaveByItsIdAndTheRestOnTheRunOverEveryOutbox() {
        String collection = "counters-" + UUID.randomUUID();
        Broker broker = new Broker();
        List<String> sent = broker.acknowledged;
        OutboxRelay relay = broker.relay(collection, 200);
        List<String> named = new CopyOnWriteArrayList<>();
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", named::add);

        CmcWithdrawn first = event("a");
        CmcWithdrawn second = event("a");
        counters.insert("a", Outcome.of(new Counter("a", 0), first)).block();
        counters.change("a", c -> Outcome.of(new Counter("a", 1), second)).block();
        CmcWithdrawn other = event("b");
        counters.insert("b", Outcome.of(new Counter("b", 0), other)).block();
        assertThat(named).containsExactly("a", "a", "b");

        relay.nudge(collection, "a"); // the relay is not started: nothing runs until asked below
        relay.nudge(collection, "a");
        relay.nudge("another-collection", "b");
        assertThat(relay.relayWritten()).isEqualTo(2);
        assertThat(sent).containsExactly(first.eventId().toString(), second.eventId().toString());
        assertThat(relay.relayWritten()).isZero();

        assertThat(relay.relayPending()).isEqualTo(1); // b was never named: the safety net finds it
        assertThat(sent).containsExactly(first.eventId().toString(), second.eventId().toString(),
                other.eventId().toString());
        relay.nudge(collection, "b");
        assertThat(relay.relayWritten()).isZero();
        assertThat(relay.relayPending()).isZero();
    }

    /**
     * After its first run (which reads every non-empty outbox, those written before the marker too) the periodic run
     * reads only the documents a write marked as pending, through the index the relay declares, and removes the
     * marker of each outbox it emptied; a relay that starts again reads every outbox once more.
     */
    @Test
    void thePeriodicRunFindsPendingOutboxesByTheirMarkerAndClearsIt() {
        String collection = "markers-" + UUID.randomUUID();
        Broker broker = new Broker();
        List<String> sent = broker.acknowledged;
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", id -> { });
        CmcWithdrawn before = event("old");
        // an outbox written before the marker existed: the first run finds it all the same
        mongo.insert(new org.bson.Document("_id", "old").append("count", 0).append("_version", 1L)
                .append("outbox", List.of(OutboxEvent.of(before, JsonMapper.builder().build()).toDocument())),
                collection).block();
        OutboxRelay relay = broker.relay(collection, 200);
        relay.start(); // declares the index; its periodic run is an hour away
        try {
            assertThat(mongo.indexOps(collection).getIndexInfo().collectList().block())
                    .anyMatch(index -> index.isIndexForFields(List.of(OutboxEvent.PENDING)));
            assertThat(relay.relayPending()).isEqualTo(1);
            assertThat(sent).containsExactly(before.eventId().toString());

            CmcWithdrawn created = event("a");
            counters.insert("a", Outcome.of(new Counter("a", 0), created)).block();
            assertThat(raw(collection, "a")).containsEntry(OutboxEvent.PENDING, true);
            CmcWithdrawn changed = event("a");
            counters.change("a", c -> Outcome.of(new Counter("a", 1), changed)).block();
            assertThat(relay.relayPending()).isEqualTo(2);
            assertThat(sent).containsExactly(before.eventId().toString(), created.eventId().toString(),
                    changed.eventId().toString());
            assertThat(raw(collection, "a")).doesNotContainKey(OutboxEvent.PENDING);
            assertThat(relay.relayPending()).isZero();
        } finally {
            relay.stop();
        }
        // no marker, as before the change: only a relay's first run finds it
        mongo.insert(new org.bson.Document("_id", "older").append("count", 0).append("_version", 1L)
                .append("outbox", List.of(OutboxEvent.of(event("older"), JsonMapper.builder().build())
                        .toDocument())), collection).block();
        assertThat(broker.relay(collection, 200).relayPending())
                .isEqualTo(1);
    }

    /**
     * A run that sent an aggregate's every event removes its marker with them (the periodic run does not read it
     * again); the marker stays on an aggregate whose event the broker refused, and comes back on one that got an
     * event while its earlier ones were being sent: the periodic run sends both.
     */
    @Test
    void aRelayedAggregateLosesItsMarkerUnlessAnEventWasRefusedOrAddedMeanwhile() {
        String collection = "removal-" + UUID.randomUUID();
        Broker broker = new Broker();
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", id -> { });
        OutboxRelay relay = broker.relay(collection, 200);
        assertThat(relay.relayPending()).isZero(); // its first run: from now on the periodic run reads by marker
        CmcWithdrawn a1 = event("a");
        CmcWithdrawn b1 = event("b");
        CmcWithdrawn c1 = event("c");
        CmcWithdrawn a2 = event("a");
        counters.insert("a", Outcome.of(new Counter("a", 0), a1)).block();
        counters.insert("b", Outcome.of(new Counter("b", 0), b1)).block();
        counters.insert("c", Outcome.of(new Counter("c", 0), c1)).block();
        broker.refuse.add(b1.eventId().toString());
        broker.whileSending = id -> {
            if (id.equals(a1.eventId().toString())) {
                counters.change("a", c -> Outcome.of(new Counter("a", 1), a2)).block();
            }
        };
        List.of("a", "b", "c").forEach(id -> relay.nudge(collection, id));

        assertThat(relay.relayWritten()).isEqualTo(2);

        eventually(() -> { // a nudged run's removal (and the marking again after it) is not awaited
            assertThat(raw(collection, "c")).doesNotContainKey(OutboxEvent.PENDING);
            assertThat(raw(collection, "a")).containsEntry(OutboxEvent.PENDING, true);
            assertThat(raw(collection, "b")).containsEntry(OutboxEvent.PENDING, true);
        });
        broker.whileSending = id -> { };
        assertThat(relay.relayPending()).isEqualTo(2);
        assertThat(broker.acknowledged).containsExactlyInAnyOrder(a1.eventId().toString(), c1.eventId().toString(),
                a2.eventId().toString(), b1.eventId().toString());
        assertThat(raw(collection, "a")).doesNotContainKey(OutboxEvent.PENDING);
        assertThat(raw(collection, "b")).doesNotContainKey(OutboxEvent.PENDING);
        assertThat(relay.relayPending()).isZero();
    }

    private static org.bson.Document raw(String collection, String id) {
        return mongo.findById(id, org.bson.Document.class, collection).block();
    }
}
