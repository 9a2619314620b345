package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The KCDB now shows the comparison's final report data: its reference value and degrees of equivalence. */
public record ComparisonPublished(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String identifier,
        String metrologyAreaLabel,
        String unit,
        double kcrv,
        double kcrvExpandedUncertainty,
        List<ComparisonEvaluated.Degree> degreesOfEquivalence) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    public ComparisonPublished {
        degreesOfEquivalence = degreesOfEquivalence == null ? List.of() : List.copyOf(degreesOfEquivalence);
    }

    @Override
    public String aggregateId() {
        return identifier;
    }
}
