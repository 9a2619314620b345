package org.bipm.kcdb.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import org.springframework.cloud.stream.function.StreamBridge;
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

    @Test
    void aWrittenAggregatesEventsLeaveByItsIdAndTheRestOnTheRunOverEveryOutbox() {
        String collection = "counters-" + UUID.randomUUID();
        List<String> sent = new CopyOnWriteArrayList<>();
        StreamBridge bridge = mock(StreamBridge.class);
        when(bridge.send(anyString(), any(Message.class))).thenAnswer(call -> {
            Message<?> message = call.getArgument(1);
            sent.add(message.getHeaders().get(CloudEventHeaders.ID, String.class));
            return true;
        });
        OutboxRelay relay = new OutboxRelay(mongo, bridge, List.of(collection), "test", Duration.ofHours(1));
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
        List<String> sent = new CopyOnWriteArrayList<>();
        StreamBridge bridge = mock(StreamBridge.class);
        when(bridge.send(anyString(), any(Message.class))).thenAnswer(call -> {
            sent.add(((Message<?>) call.getArgument(1)).getHeaders().get(CloudEventHeaders.ID, String.class));
            return true;
        });
        AggregateStore<Counter> counters = new AggregateStore<>(mongo, JsonMapper.builder().build(), Counter.class,
                collection, "counter", id -> { });
        CmcWithdrawn before = event("old");
        // an outbox written before the marker existed: the first run finds it all the same
        mongo.insert(new org.bson.Document("_id", "old").append("count", 0).append("_version", 1L)
                .append("outbox", List.of(OutboxEvent.of(before, JsonMapper.builder().build()).toDocument())),
                collection).block();
        OutboxRelay relay = new OutboxRelay(mongo, bridge, List.of(collection), "test", Duration.ofHours(1));
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
        assertThat(new OutboxRelay(mongo, bridge, List.of(collection), "test", Duration.ofHours(1)).relayPending())
                .isEqualTo(1);
    }

    private static org.bson.Document raw(String collection, String id) {
        return mongo.findById(id, org.bson.Document.class, collection).block();
    }
}
