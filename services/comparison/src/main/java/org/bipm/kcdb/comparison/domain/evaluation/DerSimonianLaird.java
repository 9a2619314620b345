package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DerSimonian and Laird (1986): the random-effects mean, for data the weighted mean finds inconsistent. */
final class DerSimonianLaird implements Estimator {

    @Override
    public Reference estimate(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request) {
        return derSimonianLaird(contributing);
    }

    /**
     * DerSimonian and Laird (1986): τ² = max(0, (Q − (N − 1)) / (Σw − Σw²/Σw)) with wᵢ = 1/uᵢ² and Q = χ²obs;
     * the KCRV is the mean weighted by 1/(uᵢ² + τ²), 1/u²(y) = Σ 1/(uᵢ² + τ²).
     */
    static Reference derSimonianLaird(List<Measurement> contributing) {
        double q = WeightedMean.chiSquared(contributing);
        double sumW = 0;
        double sumW2 = 0;
        for (Measurement m : contributing) {
            double w = 1 / Numerics.square(m.standardUncertainty());
            sumW += w;
            sumW2 += w * w;
        }
        double tau2 = Math.max(0, (q - (contributing.size() - 1)) / (sumW - sumW2 / sumW));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tau", Math.sqrt(tau2));
        return WeightedMean.inverseVarianceMean(contributing, tau2, details);
    }
}
