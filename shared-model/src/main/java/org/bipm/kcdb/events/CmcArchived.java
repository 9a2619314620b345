package org.bipm.kcdb.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A newer version of the CMC was published; this version stays in the KCDB as archived. */
public record CmcArchived(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        String kcdbCode,
        String institute,
        String country,
        String rmo,
        String metrologyAreaLabel,
        LocalDate statusDate,
        String supersededBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
