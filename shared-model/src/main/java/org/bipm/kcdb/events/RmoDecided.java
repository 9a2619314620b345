package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** A reviewing RMO approved a CMC in the inter-RMO review, or objected to it ({@code decision}: APPROVE, OBJECT). */
public record RmoDecided(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String decision,
        String decidedBy,
        String comment) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
