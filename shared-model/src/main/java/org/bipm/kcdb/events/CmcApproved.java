package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The CIPM MRA review approved a CMC: it may now be published in the KCDB. With {@code deletionRequest} (absent
 * means false) the review approved deleting the published CMC {@code supersedesKcdbCode} instead.
 */
public record CmcApproved(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        String reviewId,
        String institute,
        String country,
        String rmo,
        String approvedBy,
        String supersedesKcdbCode,
        CmcContent content,
        Boolean deletionRequest) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Events written before deletion requests existed have no such field: they are no deletion request. */
    public CmcApproved {
        deletionRequest = Boolean.TRUE.equals(deletionRequest);
    }

    /** An approval of a CMC to publish (new, or a modification of {@code supersedesKcdbCode}). */
    public CmcApproved(UUID eventId, Instant occurredAt, int schemaVersion, String cmcId, String reviewId,
                       String institute, String country, String rmo, String approvedBy, String supersedesKcdbCode,
                       CmcContent content) {
        this(eventId, occurredAt, schemaVersion, cmcId, reviewId, institute, country, rmo, approvedBy,
                supersedesKcdbCode, content, false);
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
