package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a comparison: the KCRV and its uncertainty, the consistency check, the degrees of
 * equivalence, and every choice that produced them, so the evaluation can be reproduced.
 *
 * @param chiSquaredObserved Σ (xᵢ − y)²/uᵢ² over the contributing laboratories, y their weighted mean
 * @param pValue             Pr{χ²(ν) > χ²obs}, from the upper tail directly so that tiny values keep their digits
 * @param consistent         pValue ≥ 0.05
 * @param details            what only some methods have: τ (DerSimonian–Laird), s and α (power-moderated mean),
 *                           the Monte Carlo draws, seed and reported median
 */
public record Evaluation(EvaluationMethod method, double kcrv, double kcrvStandardUncertainty,
                         double kcrvExpandedUncertainty, double kcrvCoverageFactor, double chiSquaredObserved,
                         int degreesOfFreedom, double pValue, boolean consistent, Map<String, Double> weights,
                         List<DegreeOfEquivalence> degreesOfEquivalence,
                         List<PairwiseDegreeOfEquivalence> pairwiseDegreesOfEquivalence, double coverageFactor,
                         UncertaintyConvention convention, List<String> excludedFromReference,
                         Map<String, Object> details) {
}
