package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The unweighted mean of the contributing results. */
final class ArithmeticMean implements Estimator {

    @Override
    public Reference estimate(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request) {
        return arithmeticMean(contributing);
    }

    /** y = Σxᵢ/N with u²(y) = Σuᵢ²/N² for independent laboratories; every weight is 1/N. */
    static Reference arithmeticMean(List<Measurement> contributing) {
        int n = contributing.size();
        double sum = 0;
        double variance = 0;
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Measurement m : contributing) {
            sum += m.value();
            variance += Numerics.square(m.standardUncertainty());
            weights.put(m.institute(), 1.0 / n);
        }
        return new Reference(sum / n, Math.sqrt(variance) / n, weights, Map.of(), null);
    }
}
