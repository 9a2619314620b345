package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cox (2002) procedure A: the inverse-variance weighted mean, whose χ² is every method's consistency check. */
final class WeightedMean implements Estimator {

    @Override
    public Reference estimate(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request) {
        return weightedMean(contributing);
    }

    /** χ²obs = Σ (xᵢ − y)²/uᵢ² with y the weighted mean: Cox's consistency statistic. */
    static double chiSquared(List<Measurement> contributing) {
        double y = weightedMean(contributing).value();
        double sum = 0;
        for (Measurement m : contributing) {
            double r = (m.value() - y) / m.standardUncertainty();
            sum += r * r;
        }
        return sum;
    }

    /** Cox 2002 procedure A: y = Σ xᵢ/uᵢ² / Σ 1/uᵢ², 1/u²(y) = Σ 1/uᵢ². */
    static Reference weightedMean(List<Measurement> contributing) {
        return inverseVarianceMean(contributing, 0.0, Map.of());
    }

    /** Weights 1/(uᵢ² + extra): the weighted mean (extra = 0) and the random-effects mean (extra = τ²). */
    static Reference inverseVarianceMean(List<Measurement> contributing, double extraVariance,
                                         Map<String, Object> details) {
        double sumWeights = 0;
        double sumWeighted = 0;
        for (Measurement m : contributing) {
            double w = 1 / (Numerics.square(m.standardUncertainty()) + extraVariance);
            sumWeights += w;
            sumWeighted += w * m.value();
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Measurement m : contributing) {
            weights.put(m.institute(), 1 / (Numerics.square(m.standardUncertainty()) + extraVariance) / sumWeights);
        }
        return new Reference(sumWeighted / sumWeights, Math.sqrt(1 / sumWeights), weights, details, null);
    }
}
