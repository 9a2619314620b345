package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A comparison moved along its life cycle (PLANNED → MEASUREMENTS → DRAFT_A → DRAFT_B → APPROVED → PUBLISHED).
 *
 * @param pilot        the pilot laboratory (schema version 2; null in events written before)
 * @param participants the participating laboratories, so that a reader need not have seen the registration
 *                     (schema version 2; empty in events written before)
 */
public record ComparisonStatusChanged(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String identifier,
        String metrologyAreaLabel,
        String fromStatus,
        String toStatus,
        String changedBy,
        String pilot,
        List<String> participants) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 2;

    public ComparisonStatusChanged {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** A change as written before schema version 2: without the laboratories taking part. */
    public ComparisonStatusChanged(UUID eventId, Instant occurredAt, int schemaVersion, String identifier,
                                   String metrologyAreaLabel, String fromStatus, String toStatus, String changedBy) {
        this(eventId, occurredAt, schemaVersion, identifier, metrologyAreaLabel, fromStatus, toStatus, changedBy, null,
                List.of());
    }

    @Override
    public String aggregateId() {
        return identifier;
    }
}
