package org.bipm.kcdb.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 in Kafka binary mode: the attributes travel as {@code ce_*} headers, the payload is the
 * record's JSON. This is the one mapping every producer and consumer uses.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of an event sent by {@code source}, e.g. {@code /kcdb/submission}. */
    public static Map<String, String> of(IntegrationEvent event, String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, event.eventId().toString());
        headers.put(TYPE, EventType.of(event).ceType());
        headers.put(SOURCE, source);
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(TIME, event.occurredAt().toString());
        headers.put(SUBJECT, event.aggregateId());
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }
}
