package org.bipm.kcdb.support.outbox;

import java.time.Instant;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event waiting to be published, stored inside the aggregate document that produced it, so that the
 * state change and the event are one atomic single-document write.
 */
public record OutboxEvent(String eventId, String type, String topic, String key, Instant occurredAt,
                          String payload, String traceparent) {

    public static OutboxEvent of(IntegrationEvent event, JsonMapper json) {
        EventType type = EventType.of(event);
        return new OutboxEvent(event.eventId().toString(), type.ceType(), type.topic().topicName(),
                event.aggregateId(), event.occurredAt(), json.writeValueAsString(event), null);
    }

    public String ceSubject() {
        return key;
    }

    static final String FIELD = "outbox";
    static final String ID_FIELD = "eventId";
    static final String HEADER_ID = CloudEventHeaders.ID;
}
