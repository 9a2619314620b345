package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.List;

/**
 * One estimator of the key comparison reference value (DOMAIN.md §3.4): from the contributing laboratories' results
 * it gives the KCRV, its standard uncertainty and each laboratory's weight. {@link #of} is the one place where the
 * chosen {@link EvaluationMethod} becomes an estimator; the consistency check and the degrees of equivalence are the
 * same for all of them ({@link KcrvEvaluator}).
 */
sealed interface Estimator permits WeightedMean, ArithmeticMean, Median, PowerModeratedMean, DerSimonianLaird {

    /**
     * @param contributing the results the reference value is taken from
     * @param all every result, the excluded ones too (the median's simulation draws for all of them)
     */
    Reference estimate(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request);

    static Estimator of(EvaluationMethod method) {
        return switch (method) {
            case WEIGHTED_MEAN -> new WeightedMean();
            case ARITHMETIC_MEAN -> new ArithmeticMean();
            case MEDIAN -> new Median();
            case POWER_MODERATED_MEAN -> new PowerModeratedMean();
            case DERSIMONIAN_LAIRD -> new DerSimonianLaird();
            case LINKED -> throw new InvalidEvaluation("A linked evaluation takes its reference from the CIPM key "
                    + "comparison's degrees of equivalence, not from these results alone");
        };
    }
}
