package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An institute submitted a CMC for review (or resubmitted it with {@code round} > 1). With {@code deletionRequest}
 * (added in schema version 1, absent means false) it asks for the published CMC {@code supersedesKcdbCode} to be
 * deleted from the KCDB; {@code content} is then that CMC's, for the reviewers.
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
