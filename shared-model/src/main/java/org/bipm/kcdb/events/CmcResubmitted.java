package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The institute sent a CMC its reviewers had returned back to them ({@code round} > 1), with the content as it now
 * stands; the review continues the same case. {@code deletionRequest}: the CMC asks for the deletion of
 * {@code supersedesKcdbCode}, as in {@link CmcDeletionRequested}.
 */
public record CmcResubmitted(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        int round,
        String institute,
        String country,
        String rmo,
        String submittedBy,
        String supersedesKcdbCode,
        CmcContent content,
        boolean deletionRequest) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
