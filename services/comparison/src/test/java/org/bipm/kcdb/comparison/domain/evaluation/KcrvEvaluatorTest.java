package org.bipm.kcdb.comparison.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * Expected values are worked out by hand (shown in the comments) or in closed form: for ν = 2,
 * Pr{χ² > x} = e^(−x/2); for ν = 1, erfc(√(x/2)); for even ν = 2n, e^(−x/2) Σₖ₌₀ⁿ⁻¹ (x/2)ᵏ/k!.
 */
class KcrvEvaluatorTest {

    static final List<Measurement> CONSISTENT = List.of(new Measurement("PTB", 10.0, 0.1),
            new Measurement("NPL", 10.2, 0.2), new Measurement("NIST", 9.9, 0.1));

    static Evaluation evaluate(List<Measurement> data, EvaluationMethod method, String... excluded) {
        return KcrvEvaluator.evaluate(EvaluationRequest.of(data, method, Set.of(excluded)));
    }

    static DegreeOfEquivalence doe(Evaluation e, String institute) {
        return e.degreesOfEquivalence().stream().filter(d -> d.institute().equals(institute)).findFirst().orElseThrow();
    }

    @Test
    void weightedMeanOfAConsistentTrioFollowsCoxProcedureA() {
        // weights ∝ 1/u² = 100, 25, 100 (sum 225): y = (1000 + 255 + 990)/225 = 9.97778, u(y) = 1/√225 = 0.066667
        Evaluation e = evaluate(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN);
        assertThat(e.kcrv()).isCloseTo(2245.0 / 225, within(1e-12));
        assertThat(e.kcrvStandardUncertainty()).isCloseTo(1.0 / 15, within(1e-12));
        assertThat(e.kcrvExpandedUncertainty()).isCloseTo(2.0 / 15, within(1e-12));
        // χ² = 0.2222² + 1.1111² + 0.7778² = 1.888889 with ν = 2: p = e^(−0.944444) = 0.388896
        assertThat(e.chiSquaredObserved()).isCloseTo(1.888888889, within(1e-8));
        assertThat(e.degreesOfFreedom()).isEqualTo(2);
        assertThat(e.pValue()).isCloseTo(0.38889556398922287, within(1e-12));
        assertThat(e.consistent()).isTrue();
        // u²(d) = u² − u²(y) = 0.01 − 1/225 for PTB
        DegreeOfEquivalence ptb = doe(e, "PTB");
        assertThat(ptb.d()).isCloseTo(10.0 - 2245.0 / 225, within(1e-12));
        assertThat(ptb.standardUncertainty()).isCloseTo(0.07453559924999299, within(1e-12));
        assertThat(ptb.expandedUncertainty()).isCloseTo(2 * 0.07453559924999299, within(1e-12));
        assertThat(ptb.en()).isCloseTo(ptb.d() / ptb.expandedUncertainty(), within(1e-12));
        assertThat(e.weights().get("NPL")).isCloseTo(25.0 / 225, within(1e-12));
    }

    @Test
    void theCorrelationTermEqualsTheGeneralContributingWeightFormula() {
        Evaluation e = evaluate(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN);
        for (Measurement m : CONSISTENT) {
            double w = e.weights().get(m.institute());
            double general = (1 - 2 * w) * m.standardUncertainty() * m.standardUncertainty()
                    + e.kcrvStandardUncertainty() * e.kcrvStandardUncertainty();
            double cox = m.standardUncertainty() * m.standardUncertainty()
                    - e.kcrvStandardUncertainty() * e.kcrvStandardUncertainty();
            assertThat(general).isCloseTo(cox, within(1e-15));
            assertThat(doe(e, m.institute()).standardUncertainty()).isCloseTo(Math.sqrt(cox), within(1e-12));
        }
    }

    @Test
    void anExcludedLaboratoryGetsItsDegreeOfEquivalenceWithoutTheCorrelationTerm() {
        List<Measurement> data = new ArrayList<>(CONSISTENT);
        data.add(new Measurement("KRISS", 11.0, 0.1));
        Evaluation e = evaluate(data, EvaluationMethod.WEIGHTED_MEAN, "KRISS");
        assertThat(e.kcrv()).isCloseTo(2245.0 / 225, within(1e-12));
        assertThat(e.degreesOfFreedom()).isEqualTo(2);
        DegreeOfEquivalence kriss = doe(e, "KRISS");
        assertThat(kriss.contributing()).isFalse();
        assertThat(kriss.d()).isCloseTo(11.0 - 2245.0 / 225, within(1e-12));
        // u² = 0.01 + 1/225
        assertThat(kriss.standardUncertainty()).isCloseTo(0.1201850425154663, within(1e-12));
        assertThat(kriss.en()).isGreaterThan(1);
    }

    @Test
    void withoutTheCorrelationConventionEveryLaboratoryAddsTheKcrvVariance() {
        Evaluation e = KcrvEvaluator.evaluate(new EvaluationRequest(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN,
                Set.of(), 2, UncertaintyConvention.WITHOUT_CORRELATION, false, 100_000, 1, null));
        assertThat(doe(e, "PTB").standardUncertainty()).isCloseTo(0.1201850425154663, within(1e-12));
        assertThat(e.convention()).isEqualTo(UncertaintyConvention.WITHOUT_CORRELATION);
    }

    @Test
    void anInconsistentPairHasAPValueThatKeepsItsDigits() {
        // y = 10, χ² = 10² + 10² = 200, ν = 1: p = erfc(10) = 2.0884875837625e-45
        Evaluation e = evaluate(List.of(new Measurement("A", 0, 1), new Measurement("B", 20, 1)),
                EvaluationMethod.WEIGHTED_MEAN);
        assertThat(e.pValue()).isCloseTo(2.088487583762545e-45, Percentage.withPercentage(1e-6));
        assertThat(e.consistent()).isFalse();
    }

    @Test
    void pValuesOfOrder1e13And1e85AreComputedFromTheUpperTail() {
        // ν = 1, χ² = 54: erfc(√27) = 2.0048960802803e-13
        assertThat(KcrvEvaluator.upperTailProbability(54, 1)).isCloseTo(2.0048960802802986e-13,
                Percentage.withPercentage(1e-6));
        // ν = 4, χ² = 400: e^(−200)·(1 + 200) = 2.78163e-85; 1 − P would give 0
        assertThat(KcrvEvaluator.upperTailProbability(400, 4)).isCloseTo(2.7816320187408423e-85,
                Percentage.withPercentage(1e-6));
        Evaluation e = evaluate(List.of(new Measurement("A", -10 * Math.sqrt(2), 1),
                new Measurement("B", 10 * Math.sqrt(2), 1), new Measurement("C", 0, 1), new Measurement("D", 0, 1),
                new Measurement("E", 0, 1)), EvaluationMethod.WEIGHTED_MEAN);
        assertThat(e.chiSquaredObserved()).isCloseTo(400, within(1e-9));
        assertThat(e.pValue()).isCloseTo(2.7816320187408423e-85, Percentage.withPercentage(1e-6));
    }

    static List<Measurement> fifteenSpreadLaboratories() {
        List<Measurement> data = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            data.add(new Measurement("L" + i, i, 1));
        }
        return data;
    }

    @Test
    void fifteenInconsistentLaboratoriesUnderEveryEstimator() {
        List<Measurement> data = fifteenSpreadLaboratories();
        // y = 8, χ² = 2(1 + 4 + ... + 49) = 280, ν = 14: p = e^(−140) Σₖ₌₀⁶ 140ᵏ/k! = 1.72619e-51
        Evaluation wm = evaluate(data, EvaluationMethod.WEIGHTED_MEAN);
        assertThat(wm.kcrv()).isCloseTo(8, within(1e-12));
        assertThat(wm.chiSquaredObserved()).isCloseTo(280, within(1e-9));
        assertThat(wm.pValue()).isCloseTo(1.7261900249675798e-51, Percentage.withPercentage(1e-6));

        // Arithmetic mean: u(y) = √15/15
        Evaluation am = evaluate(data, EvaluationMethod.ARITHMETIC_MEAN);
        assertThat(am.kcrv()).isCloseTo(8, within(1e-12));
        assertThat(am.kcrvStandardUncertainty()).isCloseTo(Math.sqrt(15) / 15, within(1e-12));

        // DerSimonian–Laird: τ² = (280 − 14)/(15 − 15/15) = 19; u(y) = 1/√(15/20)
        Evaluation dl = evaluate(data, EvaluationMethod.DERSIMONIAN_LAIRD);
        assertThat((Double) dl.details().get("tau")).isCloseTo(Math.sqrt(19), within(1e-12));
        assertThat(dl.kcrv()).isCloseTo(8, within(1e-12));
        assertThat(dl.kcrvStandardUncertainty()).isCloseTo(Math.sqrt(20.0 / 15), within(1e-12));

        // Equal uncertainties: the power-moderated mean is the plain mean; s² solves Σ(i − 8)²/(1 + s²) = 14
        Evaluation pmm = evaluate(data, EvaluationMethod.POWER_MODERATED_MEAN);
        assertThat(pmm.kcrv()).isCloseTo(8, within(1e-9));
        assertThat((Double) pmm.details().get("s")).isCloseTo(Math.sqrt(280.0 / 14 - 1), within(1e-6));
        assertThat((Double) pmm.details().get("alpha")).isCloseTo(2 - 3.0 / 15, within(1e-12));
        assertThat(dl.degreesOfEquivalence()).hasSize(15);
        assertThat(dl.pairwiseDegreesOfEquivalence()).hasSize(15 * 14);
    }

    @Test
    void withConsistentDataTheRandomEffectsMeanIsTheWeightedMeanAndThePowerModeratedMeanAddsNoVariance() {
        Evaluation wm = evaluate(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN);
        Evaluation dl = evaluate(CONSISTENT, EvaluationMethod.DERSIMONIAN_LAIRD);
        Evaluation pmm = evaluate(CONSISTENT, EvaluationMethod.POWER_MODERATED_MEAN);
        assertThat((Double) dl.details().get("tau")).isZero();
        assertThat(dl.kcrv()).isCloseTo(wm.kcrv(), within(1e-12));
        assertThat(dl.kcrvStandardUncertainty()).isCloseTo(wm.kcrvStandardUncertainty(), within(1e-12));
        // Pommé and Keightley keep α = 2 − 3/N for consistent data too, as the published CCRI(II) values show
        assertThat((Double) pmm.details().get("s")).isZero();
        assertThat((Double) pmm.details().get("alpha")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void withInconsistentUnequalDataThePowerModeratedMeanLiesBetweenWeightedAndArithmeticMeans() {
        List<Measurement> data = List.of(new Measurement("A", 1.0, 0.01), new Measurement("B", 2.0, 0.5),
                new Measurement("C", 3.0, 0.5));
        double wm = evaluate(data, EvaluationMethod.WEIGHTED_MEAN).kcrv();
        double am = evaluate(data, EvaluationMethod.ARITHMETIC_MEAN).kcrv();
        Evaluation pmm = evaluate(data, EvaluationMethod.POWER_MODERATED_MEAN);
        assertThat(pmm.kcrv()).isBetween(wm, am);
        double s2 = Math.pow((Double) pmm.details().get("s"), 2);
        double y = 0;
        double sw = 0;
        for (Measurement m : data) {
            double w = 1 / (m.standardUncertainty() * m.standardUncertainty() + s2);
            y += w * m.value();
            sw += w;
        }
        y /= sw;
        double statistic = 0;
        for (Measurement m : data) {
            statistic += Math.pow(m.value() - y, 2) / (m.standardUncertainty() * m.standardUncertainty() + s2);
        }
        assertThat(statistic).as("the Paule–Mandel condition").isCloseTo(2, within(1e-9));
    }

    @Test
    void theMedianIsReproducibleForASeedAndItsUncertaintyIsThatOfAMedianOfThree() {
        List<Measurement> data = List.of(new Measurement("A", 9.0, 1), new Measurement("B", 10.0, 1),
                new Measurement("C", 12.0, 1));
        EvaluationRequest request = new EvaluationRequest(data, EvaluationMethod.MEDIAN, Set.of(), 2,
                UncertaintyConvention.WITH_CORRELATION, false, 100_000, 42, MedianReport.SAMPLE_MEDIAN);
        Evaluation first = KcrvEvaluator.evaluate(request);
        Evaluation again = KcrvEvaluator.evaluate(request);
        assertThat(first.kcrv()).isEqualTo(10.0);
        assertThat(again.kcrvStandardUncertainty()).isEqualTo(first.kcrvStandardUncertainty());
        // for three results with the same value and u = 1, the median's variance is that of the median of three
        // standard normals, 0.4487 (σ = 0.6698)
        List<Measurement> alike = List.of(new Measurement("A", 10, 1), new Measurement("B", 10, 1),
                new Measurement("C", 10, 1));
        assertThat(KcrvEvaluator.evaluate(new EvaluationRequest(alike, EvaluationMethod.MEDIAN, Set.of(), 2, null,
                false, 100_000, 7, null)).kcrvStandardUncertainty()).isCloseTo(0.6698, offset(0.01));
        assertThat(first.details()).containsEntry("medianReport", "SAMPLE_MEDIAN").containsEntry("seed", 42L);
        Evaluation meanOfMedians = KcrvEvaluator.evaluate(new EvaluationRequest(data, EvaluationMethod.MEDIAN,
                Set.of(), 2, null, false, 100_000, 42, MedianReport.MEAN_OF_SIMULATED_MEDIANS));
        assertThat(meanOfMedians.kcrv()).isEqualTo((Double) first.details().get("meanOfSimulatedMedians"))
                .isNotEqualTo(10.0);
        assertThat(doe(first, "B").standardUncertainty()).isGreaterThan(0).isLessThan(1.2);
    }

    @Test
    void theArithmeticMeanCanUseStudentsTForItsExpandedUncertainty() {
        Evaluation e = KcrvEvaluator.evaluate(new EvaluationRequest(CONSISTENT, EvaluationMethod.ARITHMETIC_MEAN,
                Set.of(), 2, null, true, 100_000, 1, null));
        // t(0.975; ν = 2) = 4.302653
        assertThat(e.kcrvCoverageFactor()).isCloseTo(4.302652729911275, within(1e-9));
        assertThat(e.kcrvExpandedUncertainty()).isCloseTo(4.302652729911275 * e.kcrvStandardUncertainty(),
                within(1e-9));
    }

    @Test
    void pairwiseDegreesOfEquivalenceAreAntisymmetric() {
        Evaluation e = evaluate(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN);
        for (PairwiseDegreeOfEquivalence p : e.pairwiseDegreesOfEquivalence()) {
            PairwiseDegreeOfEquivalence back = e.pairwiseDegreesOfEquivalence().stream()
                    .filter(q -> q.institute().equals(p.other()) && q.other().equals(p.institute())).findFirst()
                    .orElseThrow();
            assertThat(back.d()).isEqualTo(-p.d());
            assertThat(back.expandedUncertainty()).isEqualTo(p.expandedUncertainty());
        }
        // PTB–NPL: d = −0.2, U = 2√(0.01 + 0.04)
        assertThat(e.pairwiseDegreesOfEquivalence()).anySatisfy(p -> {
            assertThat(p.institute()).isEqualTo("PTB");
            assertThat(p.other()).isEqualTo("NPL");
            assertThat(p.d()).isCloseTo(-0.2, within(1e-12));
            assertThat(p.expandedUncertainty()).isCloseTo(2 * Math.sqrt(0.05), within(1e-12));
        });
    }

    @Test
    void dataThatCannotBeEvaluatedAreRefusedWithTheReason() {
        assertThatThrownBy(() -> evaluate(List.of(new Measurement("A", 1, 1)), EvaluationMethod.WEIGHTED_MEAN))
                .isInstanceOf(InvalidEvaluation.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> evaluate(List.of(new Measurement("A", 1, 0), new Measurement("B", 1, 1)),
                EvaluationMethod.WEIGHTED_MEAN)).hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> evaluate(List.of(new Measurement("A", 1, 1), new Measurement("A", 2, 1)),
                EvaluationMethod.WEIGHTED_MEAN)).hasMessageContaining("one result");
        assertThatThrownBy(() -> evaluate(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN, "BIPM"))
                .hasMessageContaining("no result");
        assertThatThrownBy(() -> evaluate(CONSISTENT, EvaluationMethod.WEIGHTED_MEAN, "PTB", "NPL"))
                .hasMessageContaining("two laboratories must contribute");
        assertThatThrownBy(() -> evaluate(List.of(new Measurement("A", Double.NaN, 1), new Measurement("B", 1, 1)),
                EvaluationMethod.WEIGHTED_MEAN)).isInstanceOf(InvalidEvaluation.class);
    }
}
