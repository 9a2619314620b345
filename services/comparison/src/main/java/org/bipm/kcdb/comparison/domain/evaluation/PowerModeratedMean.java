package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The power-moderated mean of Pommé and Keightley, the CCRI(II)'s KCRV. */
final class PowerModeratedMean implements Estimator {

    @Override
    public Reference estimate(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request) {
        return powerModeratedMean(contributing);
    }

    /**
     * The power-moderated mean (Pommé and Keightley, Metrologia 52 (2015) S200), the CCRI(II) KCRV: s² is the
     * Paule–Mandel between-laboratory variance (the s² ≥ 0 that makes Σ (xᵢ − x̄)²/(uᵢ² + s²) = N − 1, zero when
     * the data are consistent); the weights are wᵢ ∝ (uᵢ² + s²)^(−α/2) with α = 2 − 3/N whatever the consistency,
     * so that even a consistent data set is not a plain weighted mean; and
     * u²(y) = S^(2−α) / Σ (uᵢ² + s²)^(−α/2), where S² = N·max(u²ext, u²int) is the uncertainty per datum, from the
     * larger of the spread of the unweighted mean, Σ (xᵢ − x̄)²/(N(N − 1)), and the internal 1/Σ 1/(uᵢ² + s²).
     * The published CCRI(II) reference values are reproduced this way (PublishedExamplesTest), not with α = 2
     * for consistent data nor with u²(y) = Σ wᵢ²(uᵢ² + s²).
     */
    static Reference powerModeratedMean(List<Measurement> contributing) {
        int n = contributing.size();
        double s2 = pauleMandelVariance(contributing);
        double alpha = 2.0 - 3.0 / n;
        double sum = 0;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = Math.pow(Numerics.square(contributing.get(i).standardUncertainty()) + s2, -alpha / 2);
            sum += raw[i];
        }
        double y = 0;
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Measurement m = contributing.get(i);
            double w = raw[i] / sum;
            weights.put(m.institute(), w);
            y += w * m.value();
        }
        double internal = Numerics.square(WeightedMean.inverseVarianceMean(contributing, s2, Map.of())
                .standardUncertainty());
        double perDatumSquared = n * Math.max(arithmeticMeanSpread(contributing), internal);
        double variance = Math.pow(perDatumSquared, 1 - alpha / 2) / sum;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("s", Math.sqrt(s2));
        details.put("alpha", alpha);
        return new Reference(y, Math.sqrt(variance), weights, details, null);
    }

    /** Σ (xᵢ − x̄)²/(N(N − 1)): the variance of the unweighted mean judged from the spread of the values alone. */
    private static double arithmeticMeanSpread(List<Measurement> contributing) {
        int n = contributing.size();
        double mean = contributing.stream().mapToDouble(Measurement::value).average().orElse(0);
        double sum = 0;
        for (Measurement m : contributing) {
            sum += Numerics.square(m.value() - mean);
        }
        return sum / (n * (n - 1.0));
    }

    /** Solves Σ (xᵢ − x̄(s²))²/(uᵢ² + s²) = N − 1 for s² by bisection; the left side falls as s² grows. */
    static double pauleMandelVariance(List<Measurement> contributing) {
        int n = contributing.size();
        if (statistic(contributing, 0) <= n - 1) {
            return 0;
        }
        double low = 0;
        double high = 1;
        double spread = contributing.stream().mapToDouble(Measurement::value).max().orElse(0)
                - contributing.stream().mapToDouble(Measurement::value).min().orElse(0);
        high = Math.max(high * Numerics.square(spread), Double.MIN_NORMAL);
        while (statistic(contributing, high) > n - 1) {
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++) {
            double mid = (low + high) / 2;
            if (statistic(contributing, mid) > n - 1) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static double statistic(List<Measurement> contributing, double s2) {
        double y = WeightedMean.inverseVarianceMean(contributing, s2, Map.of()).value();
        double sum = 0;
        for (Measurement m : contributing) {
            sum += Numerics.square(m.value() - y) / (Numerics.square(m.standardUncertainty()) + s2);
        }
        return sum;
    }
}
