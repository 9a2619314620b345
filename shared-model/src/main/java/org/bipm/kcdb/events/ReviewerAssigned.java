package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A TC chair of the submitting RMO assigned a TC reviewer to a CMC's intra-RMO review.
 *
 * @param dueAt when the reviewer's review is due (schema version 2; null in events written before)
 */
public record ReviewerAssigned(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String reviewer,
        String assignedBy,
        Instant dueAt) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 2;

    /** An assignment as written before schema version 2: no due date. */
    public ReviewerAssigned(UUID eventId, Instant occurredAt, int schemaVersion, String reviewId, String cmcId,
                            String rmo, String reviewer, String assignedBy) {
        this(eventId, occurredAt, schemaVersion, reviewId, cmcId, rmo, reviewer, assignedBy, null);
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
