package org.bipm.kcdb.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

class EventHandlersMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> applied = new HashSet<>();
    private final ProcessedEvents processed = new ProcessedEvents(null, new EventMeters(registry)) {
        @Override
        public boolean alreadyApplied(String consumer, String eventId) {
            return applied.contains(consumer + ":" + eventId);
        }

        @Override
        public void markApplied(String consumer, String eventId, String type) {
            applied.add(consumer + ":" + eventId);
        }

        @Override
        public boolean markFirst(String consumer, String eventId, String type) {
            if (storeDown) {
                throw new IllegalStateException("store down");
            }
            return applied.add(consumer + ":" + eventId);
        }
    };
    private boolean storeDown;

    @Test
    void anAppliedEventIsCountedOncePerConsumerAndTypeAndARedeliveryAsADuplicate() {
        List<ReviewOpened> handled = new ArrayList<>();
        EventHandlers handlers = EventHandlers.forConsumer("test.reviews", processed, json)
                .<ReviewOpened>on(EventType.REVIEW_OPENED, handled::add);
        Message<byte[]> opened = message(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, "r-1", "c-1",
                "EURAMET", "EM", "INTRA_RMO_REVIEW"));

        handlers.accept(opened);
        handlers.accept(opened);

        assertThat(handled).hasSize(1);
        assertConsumedOnceAndOneDuplicate();
    }

    @Test
    void aHandlerThatThrowsCountsNothingSoTheRetryIsCountedWhenItSucceeds() {
        EventHandlers handlers = EventHandlers.forConsumer("test.reviews", processed, json)
                .on(EventType.REVIEW_OPENED, event -> {
                    throw new IllegalStateException("store down");
                });
        Message<byte[]> opened = message(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, "r-2", "c-2",
                "EURAMET", "EM", "INTRA_RMO_REVIEW"));

        assertThatThrownBy(() -> handlers.accept(opened)).isInstanceOf(IllegalStateException.class);

        assertThat(registry.find(EventMeters.CONSUMED).counter()).isNull();
        assertThat(registry.find(EventMeters.DUPLICATES).counter()).isNull();
    }

    /**
     * A handler idempotent on its own (here: it keeps its effect by the event's review id, as the publication keys
     * its record by the CMC id) is marked after it in one step: a redelivery runs into its own check and is counted
     * as a duplicate; a crash between its effect and the mark (the store down for the mark) leaves the event
     * unmarked, and the redelivery applies nothing twice and marks it.
     */
    @Test
    void anIdempotentHandlersEventIsMarkedAfterItAndARedeliveryAppliesNothingTwice() {
        Set<String> reviews = new HashSet<>();
        List<String> effects = new ArrayList<>();
        EventHandlers handlers = EventHandlers.forConsumer("test.reviews", processed, json)
                .<ReviewOpened>onIdempotent(EventType.REVIEW_OPENED, e -> true, e -> {
                    if (reviews.add(e.reviewId())) {
                        effects.add(e.reviewId());
                    }
                });
        Message<byte[]> opened = message(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, "r-3", "c-3",
                "EURAMET", "EM", "INTRA_RMO_REVIEW"));

        storeDown = true;
        assertThatThrownBy(() -> handlers.accept(opened)).isInstanceOf(IllegalStateException.class);
        assertThat(effects).containsExactly("r-3");
        assertThat(registry.find(EventMeters.CONSUMED).counter()).isNull();

        storeDown = false;
        handlers.accept(opened);
        handlers.accept(opened);

        assertThat(effects).containsExactly("r-3");
        assertConsumedOnceAndOneDuplicate();
    }

    /** Events the handler is not idempotent for on its own are looked up first, as with {@code on}. */
    @Test
    void eventsOutsideTheIdempotentOnesAreLookedUpBeforeTheHandler() {
        List<ReviewOpened> handled = new ArrayList<>();
        EventHandlers handlers = EventHandlers.forConsumer("test.reviews", processed, json)
                .<ReviewOpened>onIdempotent(EventType.REVIEW_OPENED, e -> !e.cmcId().startsWith("delete"),
                        handled::add);
        Message<byte[]> deletion = message(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, "r-4", "delete-4",
                "EURAMET", "EM", "INTRA_RMO_REVIEW"));

        handlers.accept(deletion);
        handlers.accept(deletion);

        assertThat(handled).hasSize(1);
    }

    private Message<byte[]> message(ReviewOpened event) {
        return MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(CloudEventHeaders.TYPE, EventType.REVIEW_OPENED.ceType()).build();
    }

    /** The review-opened event counted once as consumed and once as a duplicate (its redelivery). */
    private void assertConsumedOnceAndOneDuplicate() {
        String type = EventType.REVIEW_OPENED.ceType();
        assertThat(registry.get(EventMeters.CONSUMED).tag("consumer", "test.reviews").tag("type", type).counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(EventMeters.DUPLICATES).tag("consumer", "test.reviews").tag("type", type).counter()
                .count()).isEqualTo(1);
    }
}
