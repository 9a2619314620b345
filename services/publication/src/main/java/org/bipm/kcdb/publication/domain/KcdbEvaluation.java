package org.bipm.kcdb.publication.domain;

import java.util.List;

/**
 * A comparison's results as today's KCDB publishes them, brought over by the office's migration: the reference value,
 * the participants' results and the degrees of equivalence (unilateral and pairwise) where the KCDB shows them. What
 * the KCDB does not publish (the consistency check, the method) stays null rather than being made up.
 */
public record KcdbEvaluation(String method, String unit, Double kcrv, Double kcrvStandardUncertainty,
                             Double kcrvExpandedUncertainty, Double coverageFactor, List<Result> results,
                             List<Degree> degreesOfEquivalence, List<PairwiseDegree> pairwiseDegreesOfEquivalence) {

    public KcdbEvaluation {
        results = results == null ? List.of() : List.copyOf(results);
        degreesOfEquivalence = degreesOfEquivalence == null ? List.of() : List.copyOf(degreesOfEquivalence);
        pairwiseDegreesOfEquivalence = pairwiseDegreesOfEquivalence == null ? List.of()
                : List.copyOf(pairwiseDegreesOfEquivalence);
    }

    public record Result(String institute, double value, Double standardUncertainty) {
    }

    public record Degree(String institute, double d, Double standardUncertainty, Double expandedUncertainty,
                         Double en) {
    }

    public record PairwiseDegree(String institute, String other, double d, Double expandedUncertainty) {
    }
}
