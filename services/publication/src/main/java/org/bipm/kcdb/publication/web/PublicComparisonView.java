package org.bipm.kcdb.publication.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.publication.domain.PublicComparison;

/**
 * A comparison in the public KCDB: what was registered and its status; once published, its reference value, the
 * results and degrees of equivalence, and where its graph of equivalence is. Draft evaluations never show.
 */
record PublicComparisonView(String identifier, String type, String organiser, String metrologyAreaLabel,
                            String measurand, String unit, String pilot, List<String> participants,
                            List<String> linkingLaboratories, String linkedTo, String protocolReference,
                            LocalDate plannedStart, LocalDate plannedEnd, String status, Instant registeredAt,
                            Instant publishedAt, PublishedEvaluation evaluation, String graphOfEquivalence) {

    static PublicComparisonView of(PublicComparison c) {
        ComparisonEvaluated e = c.evaluation();
        return new PublicComparisonView(c.identifier(), c.type(), c.organiser(), c.metrologyAreaLabel(),
                c.measurand(), c.unit(), c.pilot(), c.participants(), c.linkingLaboratories(), c.linkedTo(),
                c.protocolReference(), c.plannedStart(), c.plannedEnd(), c.status(), c.registeredAt(),
                c.publishedAt(), e == null ? null : PublishedEvaluation.of(e),
                e == null ? null : "/api/comparisons/" + c.identifier() + "/degrees-of-equivalence.svg");
    }

    record PublishedEvaluation(String method, String unit, double kcrv, double kcrvStandardUncertainty,
                               double kcrvExpandedUncertainty, double chiSquaredObserved, int degreesOfFreedom,
                               double pValue, boolean consistent, double coverageFactor,
                               String uncertaintyConvention, List<String> excludedFromReference,
                               List<ComparisonEvaluated.Result> results,
                               List<ComparisonEvaluated.Degree> degreesOfEquivalence) {

        static PublishedEvaluation of(ComparisonEvaluated e) {
            return new PublishedEvaluation(e.method(), e.unit(), e.kcrv(), e.kcrvStandardUncertainty(),
                    e.kcrvExpandedUncertainty(), e.chiSquaredObserved(), e.degreesOfFreedom(), e.pValue(),
                    e.consistent(), e.coverageFactor(), e.uncertaintyConvention(), e.excludedFromReference(),
                    e.results(), e.degreesOfEquivalence());
        }
    }
}
