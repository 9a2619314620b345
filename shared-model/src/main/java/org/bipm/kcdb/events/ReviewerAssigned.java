package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** A TC chair of the submitting RMO assigned a TC reviewer to a CMC's intra-RMO review. */
public record ReviewerAssigned(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String reviewer,
        String assignedBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
