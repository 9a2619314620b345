package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** The submitting RMO opened its review of a CMC. */
public record ReviewOpened(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String metrologyAreaLabel,
        String stage) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
