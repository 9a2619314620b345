package org.bipm.kcdb.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A handler that applies a run of a poll's events at once ({@link EventHandlers#onIdempotentRun}), against a real
 * Mongo-wire store: one call and one insert of marks for the run, the run ended by an event of another type the
 * consumer handles (order kept), not by one it drops, each event applied and counted once, a failed run applied on
 * the binder's retry, and a redelivered run found applied.
 */
class EventRunsTest {

    static MongoServer server;
    static MongoClient client;
    static ReactiveMongoTemplate mongo;
    static final AtomicInteger markInserts = new AtomicInteger();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProcessedEvents processed = new ProcessedEvents(mongo, new EventMeters(registry));
    /** What the handlers were called with, in order: a run as its reviews' ids, a return as "returned r-…". */
    private final List<List<String>> calls = new ArrayList<>();
    private final String consumer = "test-" + UUID.randomUUID();

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("insert")
                        && event.getCommand().getString("insert").getValue().equals(ProcessedEvents.COLLECTION)) {
                    markInserts.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:"
                        + server.getLocalAddress().getPort()))
                .addCommandListener(counting).build());
        mongo = new ReactiveMongoTemplate(client, "event-runs-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @AfterEach
    void forgetThePoll() {
        PolledEvents.forget();
    }

    @Test
    void aRunOfAPollsEventsIsAppliedInOneCallAndMarkedInOneInsertUpToAnEventOfAnotherHandledType() {
        EventHandlers handlers = handlers();
        List<Message<byte[]>> poll = List.of(opened("r-1"), opened("r-2"), commented("r-2"), opened("r-3"),
                returned("r-2"), opened("r-4"));
        PolledEvents.polled(records(poll));
        int before = markInserts.get();

        poll.forEach(handlers);

        assertThat(calls).containsExactly(List.of("r-1", "r-2", "r-3"), List.of("returned r-2"), List.of("r-4"));
        assertThat(markInserts.get() - before).as("one insert of marks per run, one for the return").isEqualTo(3);
        assertThat(count(EventMeters.CONSUMED)).isEqualTo(5);
        assertThat(count(EventMeters.DUPLICATES)).isZero();
    }

    @Test
    void aRunDeliveredAgainIsFoundAppliedAndAnEventThePollBringsTwiceIsAppliedOnce() {
        EventHandlers handlers = handlers();
        Message<byte[]> first = opened("r-5");
        List<Message<byte[]>> poll = List.of(first, opened("r-6"), first);
        PolledEvents.polled(records(poll));
        poll.forEach(handlers);
        assertThat(calls).containsExactly(List.of("r-5", "r-6"));
        assertThat(count(EventMeters.CONSUMED)).isEqualTo(2);
        assertThat(count(EventMeters.DUPLICATES)).isEqualTo(1);

        // The offsets were not committed: the same records come again in a later poll.
        PolledEvents.polled(records(poll));
        poll.forEach(handlers);

        assertThat(calls).as("the idempotent handler is called again, and finds its writes")
                .containsExactly(List.of("r-5", "r-6"), List.of("r-5", "r-6"));
        assertThat(count(EventMeters.CONSUMED)).isEqualTo(2);
        assertThat(count(EventMeters.DUPLICATES)).isEqualTo(4);
    }

    @Test
    void aRunWhoseHandlerFailedIsAppliedAndMarkedWhenTheBinderRetriesItsFirstEvent() {
        boolean[] storeDown = {true};
        List<String> applied = new ArrayList<>();
        EventHandlers handlers = EventHandlers.forConsumer(consumer, processed, json)
                .<ReviewOpened>onIdempotentRun(EventType.REVIEW_OPENED, run -> {
                    if (storeDown[0]) {
                        throw new IllegalStateException("store down");
                    }
                    run.forEach(e -> applied.add(e.reviewId()));
                });
        Message<byte[]> first = opened("r-7");
        List<Message<byte[]>> poll = List.of(first, opened("r-8"));
        PolledEvents.polled(records(poll));

        assertThatThrownBy(() -> handlers.accept(first)).isInstanceOf(IllegalStateException.class);
        assertThat(processed.alreadyApplied(consumer, eventId(poll.get(1)))).as("nothing marked").isFalse();
        storeDown[0] = false;
        handlers.accept(first);
        handlers.accept(poll.get(1));

        assertThat(applied).containsExactly("r-7", "r-8");
        assertThat(processed.alreadyApplied(consumer, eventId(first))).isTrue();
        assertThat(processed.alreadyApplied(consumer, eventId(poll.get(1)))).isTrue();
        assertThat(count(EventMeters.CONSUMED)).isEqualTo(2);
    }

    @Test
    void anEventThatFailsOnItsOwnIsTheOnlyOneRefusedAndTheRestOfItsRunIsApplied() {
        List<String> applied = new ArrayList<>();
        EventHandlers handlers = EventHandlers.forConsumer(consumer, processed, json)
                .<ReviewOpened>onIdempotentRun(EventType.REVIEW_OPENED, run -> {
                    if (run.stream().anyMatch(e -> e.reviewId().equals("r-poison"))) {
                        throw new IllegalArgumentException("cannot be applied");
                    }
                    run.forEach(e -> applied.add(e.reviewId()));
                });
        List<Message<byte[]>> poll = List.of(opened("r-14"), opened("r-15"), opened("r-poison"), opened("r-16"));
        PolledEvents.polled(records(poll));

        handlers.accept(poll.get(0));
        handlers.accept(poll.get(1));
        assertThatThrownBy(() -> handlers.accept(poll.get(2))).isInstanceOf(IllegalArgumentException.class);
        handlers.accept(poll.get(3));

        assertThat(applied).containsExactly("r-14", "r-15", "r-16");
        assertThat(processed.alreadyApplied(consumer, eventId(poll.get(2)))).isFalse();
        assertThat(count(EventMeters.CONSUMED)).isEqualTo(3);
    }

    @Test
    void anEventThePollDidNotBringComesAloneAndIsMarked() {
        EventHandlers handlers = handlers();
        Message<byte[]> alone = opened("r-9");
        PolledEvents.polled(records(List.of(opened("r-10"), opened("r-11"))));

        handlers.accept(alone);

        assertThat(calls).containsExactly(List.of("r-9"));
        assertThat(processed.alreadyApplied(consumer, eventId(alone))).isTrue();
    }

    @Test
    void aRecordWhosePayloadCannotBeReadEndsTheRunAndIsRefusedAtItsOwnTurn() {
        EventHandlers handlers = handlers();
        Message<byte[]> broken = MessageBuilder.withPayload("{not json".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, EventType.REVIEW_OPENED.ceType())
                .setHeader(CloudEventHeaders.ID, UUID.randomUUID().toString()).build();
        List<Message<byte[]>> poll = List.of(opened("r-12"), broken, opened("r-13"));
        PolledEvents.polled(records(poll));

        handlers.accept(poll.get(0));
        assertThatThrownBy(() -> handlers.accept(broken)).isInstanceOf(RuntimeException.class);
        handlers.accept(poll.get(2));

        assertThat(calls).containsExactly(List.of("r-12"), List.of("r-13"));
    }

    private EventHandlers handlers() {
        return EventHandlers.forConsumer(consumer, processed, json)
                .<ReviewOpened>onIdempotentRun(EventType.REVIEW_OPENED,
                        run -> calls.add(run.stream().map(ReviewOpened::reviewId).toList()))
                .<ReviewReturned>on(EventType.REVIEW_RETURNED, e -> calls.add(List.of("returned " + e.reviewId())));
    }

    private Message<byte[]> opened(String reviewId) {
        return message(EventType.REVIEW_OPENED, new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, reviewId,
                "c-" + reviewId, "EURAMET", "EM", "INTRA_RMO_REVIEW"));
    }

    private Message<byte[]> returned(String reviewId) {
        return message(EventType.REVIEW_RETURNED, new ReviewReturned(UUID.randomUUID(), Instant.now(), 2, reviewId,
                "c-" + reviewId, "chair.euramet", "the range", null));
    }

    /** An event of a type these handlers do not handle (the binder drops it before the consumer). */
    private Message<byte[]> commented(String reviewId) {
        ReviewOpened event = new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, reviewId, "c-" + reviewId,
                "EURAMET", "EM", "INTRA_RMO_REVIEW");
        return MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(CloudEventHeaders.TYPE, EventType.REVIEW_COMMENT_ADDED.ceType())
                .setHeader(CloudEventHeaders.ID, event.eventId().toString()).build();
    }

    private Message<byte[]> message(EventType type, IntegrationEvent event) {
        return MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(CloudEventHeaders.TYPE, type.ceType())
                .setHeader(CloudEventHeaders.ID, event.eventId().toString()).build();
    }

    private static String eventId(Message<byte[]> message) {
        return message.getHeaders().get(CloudEventHeaders.ID, String.class);
    }

    /** The poll as the broker hands it over: the headers as bytes, the type JSON-quoted as the binder maps it. */
    private static ConsumerRecords<Object, Object> records(List<Message<byte[]>> messages) {
        TopicPartition partition = new TopicPartition("kcdb.reviews", 0);
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        for (Message<byte[]> message : messages) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventHeaders.ID, eventId(message).getBytes(StandardCharsets.UTF_8));
            headers.add(CloudEventHeaders.TYPE, ("\"" + message.getHeaders().get(CloudEventHeaders.TYPE) + "\"")
                    .getBytes(StandardCharsets.UTF_8));
            records.add(new ConsumerRecord<>(partition.topic(), 0, records.size(), 0L, TimestampType.CREATE_TIME, 0,
                    0, null, message.getPayload(), headers, Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    private double count(String meter) {
        return registry.find(meter).tag("consumer", consumer).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
