package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** The institute withdrew a CMC it had submitted: its review ends without a decision. */
public record CmcWithdrawn(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        int round,
        String institute,
        String country,
        String rmo,
        String withdrawnBy,
        String reason) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
