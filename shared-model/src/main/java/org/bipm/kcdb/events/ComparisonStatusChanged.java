package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** A comparison moved along its life cycle (PLANNED → MEASUREMENTS → DRAFT_A → DRAFT_B → APPROVED → PUBLISHED). */
public record ComparisonStatusChanged(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String identifier,
        String metrologyAreaLabel,
        String fromStatus,
        String toStatus,
        String changedBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return identifier;
    }
}
