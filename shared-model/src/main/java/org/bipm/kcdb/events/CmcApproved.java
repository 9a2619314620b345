package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** The CIPM MRA review approved a CMC: it may now be published in the KCDB. */
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
        CmcContent content) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
