package org.bipm.kcdb.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The KCDB office greyed the CMC out: still shown, marked as not currently offered (e.g. its quality system lapsed). */
public record CmcGreyedOut(
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
        String by,
        String reason) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
