package org.bipm.kcdb.support.outbox;

import java.time.Instant;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.support.tracing.Traceparent;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event waiting to be published, stored inside the aggregate document that produced it, so that the
 * state change and the event are one atomic single-document write.
 */
public record OutboxEvent(String eventId, String type, String topic, String key, Instant occurredAt,
                          String payload, String traceparent) {

    /** The event as it waits in the outbox, with the traceparent of the request or event that caused it. */
    public static OutboxEvent of(IntegrationEvent event, JsonMapper json) {
        EventType type = EventType.of(event);
        return new OutboxEvent(event.eventId().toString(), type.ceType(), type.topic().topicName(),
                event.aggregateId(), event.occurredAt(), json.writeValueAsString(event), Traceparent.current());
    }

    /** The entry as stored in the aggregate's {@code outbox} array (the relay reads these fields). */
    public Document toDocument() {
        Document document = new Document("eventId", eventId).append("type", type).append("topic", topic)
                .append("key", key).append("occurredAt", occurredAt.toString()).append("payload", payload);
        if (traceparent != null) {
            document.append("traceparent", traceparent);
        }
        return document;
    }

    public String ceSubject() {
        return key;
    }

    static final String FIELD = "outbox";
    /**
     * Set ({@code true}) on an aggregate's document by every write that adds events to its outbox, removed by the
     * relay once the outbox is empty: the relay's periodic run finds pending outboxes through an index on it
     * (MongoDB's and the local store's) instead of reading every document for a non-empty array.
     */
    public static final String PENDING = "_outboxPending";
    static final String ID_FIELD = "eventId";
    static final String HEADER_ID = CloudEventHeaders.ID;
}
