package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reminder to an RMO: its intent declaration ({@code deadlineKind} INTENT_DECLARATION) or its review
 * (RMO_REVIEW) is due at {@code deadline}; {@code overdue} when the review deadline has already passed.
 *
 * @param reviewers the named RMO's assigned reviewers in this round, who are reminded in person (schema version 2;
 *                  empty in events written before)
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
        boolean overdue,
        List<String> reviewers) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 2;

    public ReviewDeadlineApproaching {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }

    /** A reminder as written before schema version 2: the RMO alone. */
    public ReviewDeadlineApproaching(UUID eventId, Instant occurredAt, int schemaVersion, String reviewId,
                                     String cmcId, String rmo, String deadlineKind, Instant deadline,
                                     boolean overdue) {
        this(eventId, occurredAt, schemaVersion, reviewId, cmcId, rmo, deadlineKind, deadline, overdue, List.of());
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
