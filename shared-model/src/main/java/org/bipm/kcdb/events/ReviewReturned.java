package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** Reviewers sent a CMC back to its writer to correct and resubmit. */
public record ReviewReturned(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String returnedBy,
        String comment) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
