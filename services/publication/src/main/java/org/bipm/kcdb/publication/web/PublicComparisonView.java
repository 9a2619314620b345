package org.bipm.kcdb.publication.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.publication.domain.KcdbEvaluation;
import org.bipm.kcdb.publication.domain.PublicComparison;

/**
 * A comparison in the public KCDB: what was registered and its status; once published, its reference value, the
 * results, the degrees of equivalence (each laboratory's, and pairwise), and where its graph of equivalence is. Draft
 * evaluations never show. A comparison migrated from today's KCDB shows what the KCDB published; what it did not
 * publish (the consistency check, for instance) is null.
 */
record PublicComparisonView(String identifier, String type, String organiser, String metrologyAreaLabel,
                            String measurand, String unit, String pilot, List<String> participants,
                            List<String> linkingLaboratories, String linkedTo, String protocolReference,
                            LocalDate plannedStart, LocalDate plannedEnd, String status, Instant registeredAt,
                            Instant publishedAt, PublishedEvaluation evaluation, String graphOfEquivalence,
                            boolean migrated) {

    static PublicComparisonView of(PublicComparison c) {
        ComparisonEvaluated e = c.evaluation();
        PublishedEvaluation shown = e != null ? PublishedEvaluation.of(e)
                : c.kcdbEvaluation() != null ? PublishedEvaluation.of(c.kcdbEvaluation()) : null;
        return new PublicComparisonView(c.identifier(), c.type(), c.organiser(), c.metrologyAreaLabel(),
                c.measurand(), c.unit(), c.pilot(), c.participants(), c.linkingLaboratories(), c.linkedTo(),
                c.protocolReference(), c.plannedStart(), c.plannedEnd(), c.status(), c.registeredAt(),
                c.publishedAt(), shown,
                e == null ? null : "/api/comparisons/" + c.identifier() + "/degrees-of-equivalence.svg", c.migrated());
    }

    record PublishedEvaluation(String method, String unit, Double kcrv, Double kcrvStandardUncertainty,
                               Double kcrvExpandedUncertainty, Double chiSquaredObserved, Integer degreesOfFreedom,
                               Double pValue, Boolean consistent, Double coverageFactor,
                               String uncertaintyConvention, List<String> excludedFromReference,
                               List<Result> results, List<Degree> degreesOfEquivalence,
                               List<PairwiseDegree> pairwiseDegreesOfEquivalence) {

        static PublishedEvaluation of(ComparisonEvaluated e) {
            return new PublishedEvaluation(e.method(), e.unit(), e.kcrv(), e.kcrvStandardUncertainty(),
                    e.kcrvExpandedUncertainty(), e.chiSquaredObserved(), e.degreesOfFreedom(), e.pValue(),
                    e.consistent(), e.coverageFactor(), e.uncertaintyConvention(), e.excludedFromReference(),
                    e.results().stream().map(r -> new Result(r.institute(), r.value(), r.standardUncertainty()))
                            .toList(),
                    e.degreesOfEquivalence().stream().map(d -> new Degree(d.institute(), d.d(),
                            d.standardUncertainty(), d.expandedUncertainty(), d.en(), d.contributing())).toList(),
                    e.pairwiseDegreesOfEquivalence().stream().map(p -> new PairwiseDegree(p.institute(), p.other(),
                            p.d(), p.expandedUncertainty())).toList());
        }

        static PublishedEvaluation of(KcdbEvaluation e) {
            return new PublishedEvaluation(e.method(), e.unit(), e.kcrv(), e.kcrvStandardUncertainty(),
                    e.kcrvExpandedUncertainty(), null, null, null, null, e.coverageFactor(), null, List.of(),
                    e.results().stream().map(r -> new Result(r.institute(), r.value(), r.standardUncertainty()))
                            .toList(),
                    e.degreesOfEquivalence().stream().map(d -> new Degree(d.institute(), d.d(),
                            d.standardUncertainty(), d.expandedUncertainty(), d.en(), null)).toList(),
                    e.pairwiseDegreesOfEquivalence().stream().map(p -> new PairwiseDegree(p.institute(), p.other(),
                            p.d(), p.expandedUncertainty())).toList());
        }
    }

    record Result(String institute, double value, Double standardUncertainty) {
    }

    /** dᵢ = xᵢ − KCRV; {@code contributing} tells whether xᵢ entered the KCRV (null when the KCDB does not say). */
    record Degree(String institute, double d, Double standardUncertainty, Double expandedUncertainty, Double en,
                  Boolean contributing) {
    }

    /** dᵢⱼ = xᵢ − xⱼ with its expanded uncertainty U(dᵢⱼ). */
    record PairwiseDegree(String institute, String other, double d, Double expandedUncertainty) {
    }
}
