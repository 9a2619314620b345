package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The pilot evaluated the comparison: the KCRV, the consistency check, the results it used and each laboratory's
 * degree of equivalence, with the choices (method, exclusions, coverage factor, convention) that reproduce it.
 * {@code pairwiseDegreesOfEquivalence} was added later (additive: payloads without it still read, as an empty list).
 */
public record ComparisonEvaluated(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String identifier,
        int evaluationNumber,
        String method,
        String unit,
        double kcrv,
        double kcrvStandardUncertainty,
        double kcrvExpandedUncertainty,
        double chiSquaredObserved,
        int degreesOfFreedom,
        double pValue,
        boolean consistent,
        double coverageFactor,
        String uncertaintyConvention,
        List<String> excludedFromReference,
        List<Result> results,
        List<Degree> degreesOfEquivalence,
        String evaluatedBy,
        List<PairwiseDegree> pairwiseDegreesOfEquivalence) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    public ComparisonEvaluated {
        excludedFromReference = excludedFromReference == null ? List.of() : List.copyOf(excludedFromReference);
        results = results == null ? List.of() : List.copyOf(results);
        degreesOfEquivalence = degreesOfEquivalence == null ? List.of() : List.copyOf(degreesOfEquivalence);
        pairwiseDegreesOfEquivalence = pairwiseDegreesOfEquivalence == null ? List.of()
                : List.copyOf(pairwiseDegreesOfEquivalence);
    }

    /** An evaluation as announced before the pairwise degrees of equivalence were part of it. */
    public ComparisonEvaluated(UUID eventId, Instant occurredAt, int schemaVersion, String identifier,
                               int evaluationNumber, String method, String unit, double kcrv,
                               double kcrvStandardUncertainty, double kcrvExpandedUncertainty,
                               double chiSquaredObserved, int degreesOfFreedom, double pValue, boolean consistent,
                               double coverageFactor, String uncertaintyConvention, List<String> excludedFromReference,
                               List<Result> results, List<Degree> degreesOfEquivalence, String evaluatedBy) {
        this(eventId, occurredAt, schemaVersion, identifier, evaluationNumber, method, unit, kcrv,
                kcrvStandardUncertainty, kcrvExpandedUncertainty, chiSquaredObserved, degreesOfFreedom, pValue,
                consistent, coverageFactor, uncertaintyConvention, excludedFromReference, results,
                degreesOfEquivalence, evaluatedBy, List.of());
    }

    @Override
    public String aggregateId() {
        return identifier;
    }

    /** A laboratory's result in the comparison's unit. */
    public record Result(String institute, double value, double standardUncertainty) {
    }

    /** dᵢⱼ = xᵢ − xⱼ and its expanded uncertainty U(dᵢⱼ), for each ordered pair of laboratories. */
    public record PairwiseDegree(String institute, String other, double d, double expandedUncertainty) {
    }

    /** dᵢ = xᵢ − KCRV, its standard and expanded uncertainty, Eₙ, and whether xᵢ contributed to the KCRV. */
    public record Degree(String institute, double d, double standardUncertainty, double expandedUncertainty,
                         Double en, boolean contributing) {
    }
}
