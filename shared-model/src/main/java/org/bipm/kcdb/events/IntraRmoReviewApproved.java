package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The submitting RMO's TC chair approved a CMC: the inter-RMO (JCRB) review starts. The other RMOs are asked to
 * declare by {@code intentWindowClosesAt} whether they will review it, with a deadline no later than
 * {@code latestReviewDeadline}.
 */
public record IntraRmoReviewApproved(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String institute,
        String country,
        String rmo,
        String metrologyAreaLabel,
        String approvedBy,
        String qmsStatementRef,
        List<String> askedRmos,
        Instant intentWindowClosesAt,
        Instant latestReviewDeadline) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
