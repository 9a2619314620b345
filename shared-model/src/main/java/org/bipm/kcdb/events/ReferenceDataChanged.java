package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The KCDB office changed an entry of a reference table in the submission service (added or replaced it, or retired
 * it): {@code table} is the submission service's table ({@code institutes}, {@code quantities}, ...), {@code key}
 * the entry's identity in it ({@code PTB}, {@code DOS|Air kerma}) and {@code fields} its whole new value as the KCDB
 * publishes it (label, value, id, ...). A retired entry stays listed for the CMCs written with it; {@code retired}
 * says new CMCs may no longer use it. Public: the published tables follow these events.
 */
public record ReferenceDataChanged(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String table,
        String key,
        Map<String, Object> fields,
        boolean retired,
        String changedBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The entry: its table and key, so that the changes of one entry stay in order. */
    @Override
    public String aggregateId() {
        return table + ":" + key;
    }
}
