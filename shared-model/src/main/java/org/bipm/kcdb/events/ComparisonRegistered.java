package org.bipm.kcdb.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A key or supplementary comparison was registered with its pilot and participants. The last four fields were
 * added later (additive change, same schema version): older payloads lack them.
 */
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
        String registeredBy,
        List<String> linkingLaboratories,
        String protocolReference,
        LocalDate plannedStart,
        LocalDate plannedEnd) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    public ComparisonRegistered {
        participants = participants == null ? List.of() : List.copyOf(participants);
        linkingLaboratories = linkingLaboratories == null ? List.of() : List.copyOf(linkingLaboratories);
    }

    @Override
    public String aggregateId() {
        return identifier;
    }
}
