package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A reminder to an RMO: its intent declaration ({@code deadlineKind} INTENT_DECLARATION) or its review
 * (RMO_REVIEW) is due at {@code deadline}; {@code overdue} when the review deadline has already passed.
 */
public record ReviewDeadlineApproaching(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String deadlineKind,
        Instant deadline,
        boolean overdue) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
