package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** An institute submitted a CMC for review (or resubmitted it with {@code round} > 1). */
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
        CmcContent content) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
