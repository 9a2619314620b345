package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** The review rejected a CMC; it will not be published. */
public record CmcRejected(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rejectedBy,
        String comment) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
