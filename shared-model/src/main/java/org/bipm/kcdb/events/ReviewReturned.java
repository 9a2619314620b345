package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Reviewers sent a CMC back to its writer to correct and resubmit.
 *
 * @param answerDueAt when the writer's answer (a resubmission) is due (schema version 2; null in events written
 *                    before)
 */
public record ReviewReturned(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String returnedBy,
        String comment,
        Instant answerDueAt) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 2;

    /** A return as written before schema version 2: no due date for the writer's answer. */
    public ReviewReturned(UUID eventId, Instant occurredAt, int schemaVersion, String reviewId, String cmcId,
                          String returnedBy, String comment) {
        this(eventId, occurredAt, schemaVersion, reviewId, cmcId, returnedBy, comment, null);
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
