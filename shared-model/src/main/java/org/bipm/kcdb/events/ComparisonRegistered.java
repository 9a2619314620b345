package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key or supplementary comparison was registered with its pilot and participants. */
public record ComparisonRegistered(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String identifier,
        String type,
        String organiser,
        String metrologyAreaLabel,
        String measurand,
        String unit,
        String pilot,
        List<String> participants,
        String linkedTo,
        String status,
        String registeredBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return identifier;
    }
}
