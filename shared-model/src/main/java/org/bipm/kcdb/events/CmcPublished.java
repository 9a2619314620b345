package org.bipm.kcdb.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An approved CMC is published in the KCDB under its code and version. */
public record CmcPublished(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        String kcdbCode,
        int kcdbVersion,
        String institute,
        String country,
        String rmo,
        String metrologyAreaLabel,
        LocalDate publicationDate) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
