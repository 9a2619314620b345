package org.bipm.kcdb.comparison.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.comparison.domain.ComparisonEvaluation;
import org.bipm.kcdb.comparison.domain.evaluation.DegreeOfEquivalence;
import org.bipm.kcdb.comparison.domain.evaluation.Evaluation;
import org.bipm.kcdb.comparison.domain.evaluation.EvaluationMethod;
import org.bipm.kcdb.comparison.domain.evaluation.Measurement;
import org.bipm.kcdb.comparison.domain.evaluation.PairwiseDegreeOfEquivalence;
import org.bipm.kcdb.comparison.domain.evaluation.UncertaintyConvention;

/**
 * An evaluation in the terms of CONTRACT.md §4, with every choice that reproduces it; {@code current} is false
 * once a result was corrected after it.
 */
record EvaluationView(int number, boolean current, EvaluationMethod method, double kcrv,
                      double kcrvStandardUncertainty, double kcrvExpandedUncertainty, double kcrvCoverageFactor,
                      double chiSquaredObserved, int degreesOfFreedom, double pValue, boolean consistent,
                      double coverageFactor, UncertaintyConvention uncertaintyConvention,
                      List<String> excludedFromReference, Map<String, Double> weights, List<Measurement> results,
                      List<DegreeOfEquivalence> degreesOfEquivalence,
                      List<PairwiseDegreeOfEquivalence> pairwiseDegreesOfEquivalence, Map<String, Object> details,
                      String evaluatedBy, Instant evaluatedAt) {

    static EvaluationView of(ComparisonEvaluation stored, boolean current) {
        Evaluation e = stored.evaluation();
        return new EvaluationView(stored.number(), current, e.method(), e.kcrv(), e.kcrvStandardUncertainty(),
                e.kcrvExpandedUncertainty(), e.kcrvCoverageFactor(), e.chiSquaredObserved(), e.degreesOfFreedom(),
                e.pValue(), e.consistent(), e.coverageFactor(), e.convention(), e.excludedFromReference(), e.weights(),
                stored.measurements(), e.degreesOfEquivalence(), e.pairwiseDegreesOfEquivalence(), e.details(),
                stored.evaluatedBy(), stored.evaluatedAt());
    }
}
