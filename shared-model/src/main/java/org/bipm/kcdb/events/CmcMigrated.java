package org.bipm.kcdb.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A CMC the KCDB published before this platform existed was migrated into it (by the KCDB office's import), with
 * its code, status ({@code Published}, {@code Greyed out} or {@code Deleted}; an archived version is history and
 * is not announced) and content. Its institute may then modify it or ask for its deletion like a CMC published
 * here. Not in the RMOs' feed: the old KCDB announced these CMCs long ago.
 */
public record CmcMigrated(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        String kcdbCode,
        int kcdbVersion,
        String status,
        String institute,
        String country,
        String rmo,
        LocalDate publicationDate,
        CmcContent content) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
