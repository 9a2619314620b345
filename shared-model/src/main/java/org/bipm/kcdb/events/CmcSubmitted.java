package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An institute submitted a CMC for review, new or as a modification of the published {@code supersedesKcdbCode}.
 * Resubmissions after a return are {@link CmcResubmitted}, deletion requests {@link CmcDeletionRequested}; events
 * written before those types existed carried them here ({@code round} > 1, or {@code deletionRequest}, absent
 * meaning false), and consumers still read them.
 */
public record CmcSubmitted(
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
        Boolean deletionRequest) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Events written before deletion requests existed have no such field: they are no deletion request. */
    public CmcSubmitted {
        deletionRequest = Boolean.TRUE.equals(deletionRequest);
    }

    /** A submission of a CMC to publish (new, or a modification of {@code supersedesKcdbCode}). */
    public CmcSubmitted(UUID eventId, Instant occurredAt, int schemaVersion, String cmcId, int round, String institute,
                        String country, String rmo, String submittedBy, String supersedesKcdbCode,
                        CmcContent content) {
        this(eventId, occurredAt, schemaVersion, cmcId, round, institute, country, rmo, submittedBy,
                supersedesKcdbCode, content, false);
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
