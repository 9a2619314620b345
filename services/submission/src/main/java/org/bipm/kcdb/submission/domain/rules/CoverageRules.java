package org.bipm.kcdb.submission.domain.rules;

import org.bipm.kcdb.submission.domain.Memo;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Whether a coverage factor k fits the stated level of confidence p (GUM G.2–G.4). The smallest k is the normal
 * distribution's quantile (1.96 at 95 %); a larger k means few effective degrees of freedom, and more than the
 * t-quantile for two degrees of freedom (4.30 at 95 %) is implausible for a CMC.
 */
final class CoverageRules {

    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final TDistribution TWO_DEGREES = new TDistribution(2);
    /** Rounding in what people write: k = 2 at 95.45 %, k = 1.96 at 95 %. */
    private static final double SLACK = 0.005;
    /** The smallest and largest k for a level of confidence (the t quantile is solved numerically). */
    private static final Memo<Double, double[]> BOUNDS = new Memo<>(1024, confidence -> {
        double tail = (1 + confidence / 100) / 2;
        return new double[] {NORMAL.inverseCumulativeProbability(tail), TWO_DEGREES.inverseCumulativeProbability(tail)};
    });

    private CoverageRules() {
    }

    static void check(Double k, Double confidence, String prefix, Violations v) {
        String kField = prefix + "coverageFactor";
        String pField = prefix + "confidenceLevel";
        if (k != null && !(k >= 1 && k <= 10)) {
            v.add(kField, "must be between 1 and 10");
        }
        if (confidence != null && !(confidence >= 50 && confidence < 100)) {
            v.add(pField, "must be a percentage of at least 50 and below 100");
        }
        if (k == null || confidence == null || v.has(kField) || v.has(pField)) {
            return;
        }
        double[] bounds = BOUNDS.get(confidence);
        double smallest = bounds[0];
        double largest = bounds[1];
        if (k < smallest - SLACK) {
            v.add(kField, String.format(java.util.Locale.ROOT,
                    "k = %s is too small for a %s %% level of confidence (at least %.2f)", k, confidence, smallest));
        } else if (k > largest + SLACK) {
            v.add(kField, String.format(java.util.Locale.ROOT,
                    "k = %s is too large for a %s %% level of confidence (at most %.2f, two degrees of freedom)", k,
                    confidence, largest));
        }
    }
}
