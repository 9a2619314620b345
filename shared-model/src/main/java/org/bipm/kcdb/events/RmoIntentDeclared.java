package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** In the inter-RMO review, an RMO said whether it will review a CMC, and if so by when. */
public record RmoIntentDeclared(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        boolean willReview,
        Instant deadline,
        String declaredBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
