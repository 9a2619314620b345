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
import org.bipm.kcdb.events.ReviewOpened;
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
 * The processed-event look over a poll against a real Mongo-wire store: one query for the poll's events, and the
 * same answers as a look before each record (an applied event skipped, a redelivery in the same poll skipped, an
 * event whose handler failed applied on its retry, an event the poll did not bring looked up alone).
 */
class PolledEventsTest {

    static MongoServer server;
    static MongoClient client;
    static ReactiveMongoTemplate mongo;
    static final AtomicInteger finds = new AtomicInteger();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProcessedEvents processed = new ProcessedEvents(mongo, new EventMeters(registry));
    private final List<String> applied = new ArrayList<>();
    private final String consumer = "test-" + UUID.randomUUID();

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    finds.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:"
                        + server.getLocalAddress().getPort()))
                .addCommandListener(counting).build());
        mongo = new ReactiveMongoTemplate(client, "polled-events-test");
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
    void aPollsEventsAreLookedUpInOneQueryAndThoseAppliedBeforeAreSkipped() {
        EventHandlers handlers = handlers();
        List<Message<byte[]>> poll = List.of(opened("r-1"), opened("r-2"), opened("r-3"), opened("r-4"),
                opened("r-5"));
        processed.markApplied(consumer, eventId(poll.get(1)), EventType.REVIEW_OPENED.ceType());
        processed.markApplied(consumer, eventId(poll.get(3)), EventType.REVIEW_OPENED.ceType());
        PolledEvents.polled(records(poll));
        int before = finds.get();

        poll.forEach(handlers);

        assertThat(finds.get() - before).isEqualTo(1);
        assertThat(applied).containsExactly("r-1", "r-3", "r-5");
        assertThat(count(EventMeters.DUPLICATES)).isEqualTo(2);
        assertThat(count(EventMeters.CONSUMED)).isEqualTo(3);
    }

    @Test
    void anEventTheSamePollBringsTwiceIsAppliedOnce() {
        EventHandlers handlers = handlers();
        Message<byte[]> first = opened("r-6");
        List<Message<byte[]>> poll = List.of(first, opened("r-7"), first);
        PolledEvents.polled(records(poll));

        poll.forEach(handlers);

        assertThat(applied).containsExactly("r-6", "r-7");
        assertThat(count(EventMeters.DUPLICATES)).isEqualTo(1);
    }

    @Test
    void anEventWhoseHandlerFailedIsAppliedWhenTheBinderRetriesIt() {
        boolean[] storeDown = {true};
        EventHandlers handlers = EventHandlers.forConsumer(consumer, processed, json)
                .<ReviewOpened>on(EventType.REVIEW_OPENED, e -> {
                    if (storeDown[0]) {
                        throw new IllegalStateException("store down");
                    }
                    applied.add(e.reviewId());
                });
        Message<byte[]> failing = opened("r-8");
        PolledEvents.polled(records(List.of(failing, opened("r-9"))));

        assertThatThrownBy(() -> handlers.accept(failing)).isInstanceOf(IllegalStateException.class);
        storeDown[0] = false;
        handlers.accept(failing);
        handlers.accept(failing);

        assertThat(applied).containsExactly("r-8");
        assertThat(count(EventMeters.DUPLICATES)).isEqualTo(1);
    }

    @Test
    void anEventThePollDidNotBringIsLookedUpAlone() {
        EventHandlers handlers = handlers();
        Message<byte[]> other = opened("r-10");
        processed.markApplied(consumer, eventId(other), EventType.REVIEW_OPENED.ceType());
        PolledEvents.polled(records(List.of(opened("r-11"))));
        int before = finds.get();

        handlers.accept(other);

        assertThat(finds.get() - before).isEqualTo(1);
        assertThat(applied).isEmpty();
        assertThat(count(EventMeters.DUPLICATES)).isEqualTo(1);
    }

    private EventHandlers handlers() {
        return EventHandlers.forConsumer(consumer, processed, json)
                .<ReviewOpened>on(EventType.REVIEW_OPENED, e -> applied.add(e.reviewId()));
    }

    private Message<byte[]> opened(String reviewId) {
        ReviewOpened event = new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, reviewId, "c-" + reviewId,
                "EURAMET", "EM", "INTRA_RMO_REVIEW");
        return MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(CloudEventHeaders.TYPE, EventType.REVIEW_OPENED.ceType())
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
            headers.add(CloudEventHeaders.TYPE, ("\"" + EventType.REVIEW_OPENED.ceType() + "\"")
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
