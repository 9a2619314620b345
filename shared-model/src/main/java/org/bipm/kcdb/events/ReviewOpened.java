package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The submitting RMO opened its review of a CMC.
 *
 * @param reviewDueAt when the submitting RMO's own review is due (its intra-RMO review period, configurable per
 *                    RMO); since schema version 2, null in events written before
 */
public record ReviewOpened(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String metrologyAreaLabel,
        String stage,
        Instant reviewDueAt) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 2;

    /** An opening as written before schema version 2: no due date. */
    public ReviewOpened(UUID eventId, Instant occurredAt, int schemaVersion, String reviewId, String cmcId, String rmo,
                        String metrologyAreaLabel, String stage) {
        this(eventId, occurredAt, schemaVersion, reviewId, cmcId, rmo, metrologyAreaLabel, stage, null);
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
