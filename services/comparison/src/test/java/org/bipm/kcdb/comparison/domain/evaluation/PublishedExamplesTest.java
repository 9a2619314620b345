package org.bipm.kcdb.comparison.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The estimators against a worked example whose results are published to four digits: the 13 BCG vaccine trials
 * (Colditz et al. 1994) as analysed in Viechtbauer, "Conducting meta-analyses in R with the metafor package",
 * J. Stat. Softw. 36(3), 2010, and in the metafor documentation: log relative risks yᵢ with sampling variances vᵢ.
 * Published: fixed effects (= Cox procedure A) −0.4303, SE 0.0405, Q(df = 12) = 152.2330; DerSimonian–Laird
 * −0.7141, SE 0.1787, τ² = 0.3088. The same mathematics gives a KCRV, its uncertainty and the dark uncertainty of
 * an inconsistent key comparison.
 */
class PublishedExamplesTest {

    /** Vaccinated TB cases, vaccinated without, control cases, control without; per trial. */
    static final int[][] BCG = {{4, 119, 11, 128}, {6, 300, 29, 274}, {3, 228, 11, 209}, {62, 13536, 248, 12619},
            {33, 5036, 47, 5761}, {180, 1361, 372, 1079}, {8, 2537, 10, 619}, {505, 87886, 499, 87892},
            {29, 7470, 45, 7232}, {17, 1699, 65, 1600}, {186, 50448, 141, 27197}, {5, 2493, 3, 2338},
            {27, 16886, 29, 17825}};

    static List<Measurement> logRelativeRisks() {
        List<Measurement> trials = new ArrayList<>();
        for (int i = 0; i < BCG.length; i++) {
            double a = BCG[i][0];
            double b = BCG[i][1];
            double c = BCG[i][2];
            double d = BCG[i][3];
            double y = Math.log((a / (a + b)) / (c / (c + d)));
            double v = 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d);
            trials.add(new Measurement("trial-" + (i + 1), y, Math.sqrt(v)));
        }
        return trials;
    }

    @Test
    void theWeightedMeanIsTheFixedEffectsEstimateAndItsChiSquaredIsCochransQ() {
        Evaluation e = KcrvEvaluator.evaluate(EvaluationRequest.of(logRelativeRisks(), EvaluationMethod.WEIGHTED_MEAN,
                Set.of()));
        assertThat(e.kcrv()).isCloseTo(-0.4303, within(0.00005));
        assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.0405, within(0.00005));
        assertThat(e.chiSquaredObserved()).isCloseTo(152.2330, within(0.00005));
        assertThat(e.degreesOfFreedom()).isEqualTo(12);
        assertThat(e.consistent()).as("p < .0001 in the paper").isFalse();
    }

    @Test
    void derSimonianLairdMatchesThePublishedRandomEffectsEstimate() {
        Evaluation e = KcrvEvaluator.evaluate(EvaluationRequest.of(logRelativeRisks(),
                EvaluationMethod.DERSIMONIAN_LAIRD, Set.of()));
        assertThat(e.kcrv()).isCloseTo(-0.7141, within(0.00005));
        assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.1787, within(0.00005));
        double tau = (Double) e.details().get("tau");
        assertThat(tau * tau).isCloseTo(0.3088, within(0.00005));
    }
}
