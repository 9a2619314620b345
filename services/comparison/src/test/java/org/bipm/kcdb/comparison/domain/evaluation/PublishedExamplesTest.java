package org.bipm.kcdb.comparison.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The estimators against worked examples whose inputs and results are both published. The nested classes cover a
 * consistent data set, laboratories excluded from the reference value, N = 3 and N ≥ 15; the top level is the first
 * example, the 13 BCG vaccine trials
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

    static Evaluation evaluate(List<Measurement> data, EvaluationMethod method, String... excluded) {
        return KcrvEvaluator.evaluate(EvaluationRequest.of(data, method, Set.of(excluded)));
    }

    /** Effect sizes yᵢ with sampling variances vᵢ, as meta-analyses tabulate them, named study-1, study-2, … */
    static List<Measurement> fromVariances(double[] y, double[] v) {
        List<Measurement> studies = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            studies.add(new Measurement("study-" + (i + 1), y[i], Math.sqrt(v[i])));
        }
        return studies;
    }

    static Map<String, DegreeOfEquivalence> byInstitute(Evaluation e) {
        return e.degreesOfEquivalence().stream()
                .collect(Collectors.toMap(DegreeOfEquivalence::institute, Function.identity()));
    }

    static double tau(Evaluation e) {
        return (Double) e.details().get("tau");
    }

    /**
     * A CONSISTENT data set (Q = 14.76 on 9 degrees of freedom, p ≈ 0.10) and LABORATORIES EXCLUDED from the
     * reference value: the ten delinquency-intervention studies of Lipsey and Wilson, Practical Meta-Analysis (Sage,
     * 2001), Exhibit 7.3 (p. 133) and Exhibit 7.4 (p. 138). Inputs, and the book's digits, as transcribed in the
     * metafor test suite, github.com/wviechtb/metafor tests/testthat/test_analysis_example_lipsey2001.r (see also
     * metafor-project.org/doku.php/analyses:lipsey2001). The first six studies are non-randomized, the last four
     * randomized; the book's subgroup means are what a KCRV from one subgroup alone would be.
     */
    @Nested
    class LipseyWilson2001 {

        final List<Measurement> studies = fromVariances(
                new double[] {-0.33, 0.32, 0.39, 0.31, 0.17, 0.64, -0.33, 0.15, -0.02, 0.00},
                new double[] {0.084, 0.035, 0.017, 0.034, 0.072, 0.117, 0.102, 0.093, 0.012, 0.067});

        @Test
        void theWeightedMeanOfAConsistentSetAndItsChiSquaredTest() {
            Evaluation e = evaluate(studies, EvaluationMethod.WEIGHTED_MEAN);
            assertThat(e.kcrv()).isCloseTo(0.1549, within(0.00005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.0609, within(0.00005));
            assertThat(e.chiSquaredObserved()).isCloseTo(14.7640, within(0.00005));
            assertThat(e.degreesOfFreedom()).isEqualTo(9);
            assertThat(e.pValue()).isCloseTo(0.0976, within(0.00005));
            assertThat(e.consistent()).isTrue();
        }

        @Test
        void derSimonianLairdStillFindsSomeDarkUncertaintyInAConsistentSet() {
            Evaluation e = evaluate(studies, EvaluationMethod.DERSIMONIAN_LAIRD);
            assertThat(e.kcrv()).isCloseTo(0.1534, within(0.00005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.0858, within(0.00005));
            assertThat(tau(e) * tau(e)).isCloseTo(0.025955, within(0.0000005));
        }

        @Test
        void excludingTheRandomizedStudiesGivesTheNonRandomizedSubgroupMean() {
            Evaluation e = evaluate(studies, EvaluationMethod.WEIGHTED_MEAN,
                    "study-7", "study-8", "study-9", "study-10");
            assertThat(e.kcrv()).isCloseTo(0.2984, within(0.00005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.0813, within(0.00005));
            // The book prints 6.4383, metafor 6.4382 from the same rounded inputs: a last-digit difference
            assertThat(e.chiSquaredObserved()).isCloseTo(6.4383, within(0.0001));
            assertThat(e.degreesOfFreedom()).isEqualTo(5);
            assertThat(e.pValue()).isCloseTo(0.2659, within(0.00005));
            assertThat(e.degreesOfEquivalence()).as("the excluded studies keep their degrees of equivalence")
                    .hasSize(10);
            assertThat(byInstitute(e).get("study-7").contributing()).isFalse();
        }

        @Test
        void excludingTheNonRandomizedStudiesGivesTheRandomizedSubgroupMean() {
            Evaluation e = evaluate(studies, EvaluationMethod.WEIGHTED_MEAN,
                    "study-1", "study-2", "study-3", "study-4", "study-5", "study-6");
            assertThat(e.kcrv()).isCloseTo(-0.0277, within(0.00005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.0917, within(0.00005));
            assertThat(e.chiSquaredObserved()).isCloseTo(1.2519, within(0.00005));
            assertThat(e.degreesOfFreedom()).isEqualTo(3);
            assertThat(e.pValue()).isCloseTo(0.7406, within(0.00005));
        }
    }

    /**
     * A CONSISTENT data set where DerSimonian–Laird finds no heterogeneity: six lidocaine trials (Hine et al. 1989),
     * risk differences in percentage points, in Normand, "Meta-analysis: formulating, evaluating, combining, and
     * reporting", Statistics in Medicine 18 (1999) 321–359, Table III (p. 330) for the inputs and Table VII (p. 349)
     * for fixed effects 2.94, 95 % interval 0.4 to 5.5, and DerSimonian–Laird τ² = 0.000; transcribed in
     * github.com/wviechtb/metafor tests/testthat/test_analysis_example_normand1999.r.
     */
    @Nested
    class Normand1999Lidocaine {

        final List<Measurement> trials = fromVariances(
                new double[] {2.8026, 0.0000, 1.9711, 1.7961, 3.5334, 4.4031},
                new double[] {17.7575, 37.5657, 8.1323, 10.8998, 8.0114, 6.1320});

        @Test
        void fixedEffectsAndDerSimonianLairdAgree() {
            Evaluation wm = evaluate(trials, EvaluationMethod.WEIGHTED_MEAN);
            assertThat(wm.kcrv()).isCloseTo(2.94, within(0.005));
            assertThat(wm.kcrv() - 1.96 * wm.kcrvStandardUncertainty()).isCloseTo(0.4, within(0.05));
            assertThat(wm.kcrv() + 1.96 * wm.kcrvStandardUncertainty()).isCloseTo(5.5, within(0.05));
            assertThat(wm.consistent()).isTrue();
            Evaluation dl = evaluate(trials, EvaluationMethod.DERSIMONIAN_LAIRD);
            assertThat(tau(dl)).isZero();
            assertThat(dl.kcrv()).isCloseTo(2.94, within(0.005));
        }
    }

    /**
     * N ≥ 15, inconsistent: the 19 teacher-expectancy studies of Raudenbush and Bryk (1985, Table 1; yᵢ and vᵢ as
     * listed on metafor-project.org/doku.php/analyses:raudenbush1985), analysed in Raudenbush, "Analyzing effect
     * sizes: random-effects models", The Handbook of Research Synthesis and Meta-Analysis, 2nd ed. (2009),
     * Table 16.3 (p. 309) and pp. 301–302: fixed effects 0.060, SE 0.036, Q = 35.83; DerSimonian–Laird
     * τ² = 0.026, 0.089, SE 0.056. Digits as transcribed in github.com/wviechtb/metafor
     * tests/testthat/test_analysis_example_raudenbush2009.r.
     */
    @Nested
    class Raudenbush2009TeacherExpectancy {

        final List<Measurement> studies = fromVariances(
                new double[] {0.03, 0.12, -0.14, 1.18, 0.26, -0.06, -0.02, -0.32, 0.27, 0.80, 0.54, 0.18, -0.02, 0.23,
                        -0.18, -0.06, 0.30, 0.07, -0.07},
                new double[] {0.0156, 0.0216, 0.0279, 0.1391, 0.1362, 0.0106, 0.0106, 0.0484, 0.0269, 0.0630, 0.0912,
                        0.0497, 0.0835, 0.0841, 0.0253, 0.0279, 0.0193, 0.0088, 0.0303});

        @Test
        void fixedEffectsAndTheChiSquaredOfNineteenStudies() {
            Evaluation e = evaluate(studies, EvaluationMethod.WEIGHTED_MEAN);
            assertThat(e.kcrv()).isCloseTo(0.060, within(0.0005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.036, within(0.0005));
            assertThat(e.chiSquaredObserved()).isCloseTo(35.83, within(0.005));
            assertThat(e.degreesOfFreedom()).isEqualTo(18);
            assertThat(e.consistent()).isFalse();
        }

        @Test
        void derSimonianLairdOfNineteenStudies() {
            Evaluation e = evaluate(studies, EvaluationMethod.DERSIMONIAN_LAIRD);
            assertThat(e.kcrv()).isCloseTo(0.089, within(0.0005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.056, within(0.0005));
            assertThat(tau(e) * tau(e)).isCloseTo(0.026, within(0.0005));
        }
    }

    /**
     * N ≥ 15, consistent by the chi-squared test although DerSimonian–Laird finds τ² > 0: example 2 (18 studies) of
     * Viechtbauer (2005), p. 272, τ²(DL) = 0.013, I² = 27.53 %, H² = 1.38; inputs and digits as transcribed in
     * github.com/wviechtb/metafor tests/testthat/test_analysis_example_viechtbauer2005.r. For the DerSimonian–Laird
     * τ², I² = (Q − ν)/Q and H² = Q/ν, so both check our χ²obs.
     */
    @Nested
    class Viechtbauer2005Example2 {

        final List<Measurement> studies = fromVariances(
                new double[] {0.100, -0.162, -0.090, -0.049, -0.046, -0.010, -0.431, -0.261, 0.134, 0.019, 0.175,
                        0.056, 0.045, 0.103, 0.121, -0.482, 0.290, 0.342},
                new double[] {0.016, 0.015, 0.050, 0.050, 0.032, 0.052, 0.036, 0.024, 0.034, 0.033, 0.031, 0.034,
                        0.039, 0.167, 0.134, 0.096, 0.016, 0.035});

        @Test
        void heterogeneityOfEighteenStudies() {
            Evaluation e = evaluate(studies, EvaluationMethod.DERSIMONIAN_LAIRD);
            double q = e.chiSquaredObserved();
            int dof = e.degreesOfFreedom();
            assertThat(dof).isEqualTo(17);
            assertThat(tau(e) * tau(e)).isCloseTo(0.013, within(0.0005));
            assertThat(100 * (q - dof) / q).isCloseTo(27.53, within(0.005));
            assertThat(q / dof).isCloseTo(1.38, within(0.005));
            assertThat(e.consistent()).isTrue();
        }
    }

    /**
     * The Paule–Mandel between-laboratory variance and DerSimonian–Laird on six CLASP trials (log odds ratios from
     * the 2×2 counts): DerSimonian and Kacker (2007), Tables 3 and 4 (pp. 111–112), τ(PM) = 0.3681,
     * τ(DL) = 0.2323, μ(DL) = −0.3240, SE 0.1540; inputs and digits as transcribed in github.com/wviechtb/metafor
     * tests/testthat/test_analysis_example_dersimonian2007.r.
     */
    @Nested
    class DerSimonianKacker2007Clasp {

        /** Treated size, control size, treated events, control events; per trial. */
        static final int[][] CLASP = {{156, 74, 5, 8}, {303, 303, 5, 17}, {565, 477, 12, 9}, {1570, 1565, 69, 94},
                {103, 105, 9, 11}, {4659, 4650, 313, 352}};

        final List<Measurement> trials = logOddsRatios();

        static List<Measurement> logOddsRatios() {
            List<Measurement> trials = new ArrayList<>();
            for (int i = 0; i < CLASP.length; i++) {
                double a = CLASP[i][2];
                double b = CLASP[i][0] - a;
                double c = CLASP[i][3];
                double d = CLASP[i][1] - c;
                trials.add(new Measurement("trial-" + (i + 1), Math.log(a * d / (b * c)),
                        Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)));
            }
            return trials;
        }

        @Test
        void derSimonianLaird() {
            Evaluation e = evaluate(trials, EvaluationMethod.DERSIMONIAN_LAIRD);
            assertThat(tau(e)).isCloseTo(0.2323, within(0.00005));
            assertThat(e.kcrv()).isCloseTo(-0.3240, within(0.00005));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(0.1540, within(0.00005));
        }

        @Test
        void thePowerModeratedMeanUsesThePauleMandelBetweenLaboratoryVariance() {
            Evaluation e = evaluate(trials, EvaluationMethod.POWER_MODERATED_MEAN);
            assertThat((Double) e.details().get("s")).isCloseTo(0.3681, within(0.00005));
        }
    }

    /**
     * Key comparisons of activity in the BIPM International Reference System (BIPM.RI(II)-K1), whose KCRV is the
     * power-moderated mean: equivalent activities Aₑ with standard uncertainties, KCRV and degrees of equivalence
     * (Dᵢ and Uᵢ, k = 2) as published in the Metrologia Technical Supplement reports cited per test, read from the
     * BIPM's machine-readable copies of those reports, github.com/RomainCoulon/BIPM.RI-II--K1_database
     * (Ra-223_database.json, Sr-85_database.json). The Aₑ are published rounded to 10 kBq, which moves the
     * computed KCRV by up to a few kBq: the KCRV value is checked to ±5 kBq, not half its last digit.
     */
    @Nested
    class BipmSirKeyComparisons {

        static final double ROUNDED_INPUTS = 5;

        void assertDegreeOfEquivalence(DegreeOfEquivalence doe, double dMBq, double uMBq) {
            assertThat(doe.d()).as(doe.institute() + " Dᵢ").isCloseTo(1000 * dMBq, within(5.0));
            assertThat(doe.expandedUncertainty()).as(doe.institute() + " Uᵢ").isCloseTo(1000 * uMBq, within(5.0));
        }

        /**
         * N = 3, consistent: BIPM.RI(II)-K1.Ra-223, Metrologia 58 (2021) Tech. Suppl. 06007: KCRV 54530(96) kBq;
         * Dᵢ/Uᵢ in MBq NPL 0.21/0.52, PTB 0.06/0.25, LNE-LNHB −0.13/0.21. A weighted mean would give 54498(89).
         */
        @Test
        void radium223WithThreeLaboratories() {
            List<Measurement> data = List.of(new Measurement("NPL", 54740, 300), new Measurement("PTB", 54590, 150),
                    new Measurement("LNE-LNHB", 54400, 120));
            Evaluation e = evaluate(data, EvaluationMethod.POWER_MODERATED_MEAN);
            assertThat(e.kcrv()).isCloseTo(54530, within(ROUNDED_INPUTS));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(96, within(0.5));
            assertThat(e.consistent()).isTrue();
            Map<String, DegreeOfEquivalence> does = byInstitute(e);
            assertDegreeOfEquivalence(does.get("NPL"), 0.21, 0.52);
            assertDegreeOfEquivalence(does.get("PTB"), 0.06, 0.25);
            assertDegreeOfEquivalence(does.get("LNE-LNHB"), -0.13, 0.21);
        }

        /**
         * N = 4, inconsistent once POLATOM joined: Metrologia 60 (2023) Tech. Suppl. 06002: KCRV 54670(140) kBq;
         * Dᵢ/Uᵢ in MBq NPL 0.07/0.56, PTB −0.08/0.35, LNE-LNHB −0.27/0.32, POLATOM 0.39/0.42.
         */
        @Test
        void radium223WithAFourthInconsistentLaboratory() {
            List<Measurement> data = List.of(new Measurement("NPL", 54740, 300), new Measurement("PTB", 54590, 150),
                    new Measurement("LNE-LNHB", 54400, 120), new Measurement("POLATOM", 55055, 210));
            Evaluation e = evaluate(data, EvaluationMethod.POWER_MODERATED_MEAN);
            assertThat(e.kcrv()).isCloseTo(54670, within(ROUNDED_INPUTS));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(140, within(5.0));
            assertThat((Double) e.details().get("s")).isPositive();
            Map<String, DegreeOfEquivalence> does = byInstitute(e);
            assertDegreeOfEquivalence(does.get("NPL"), 0.07, 0.56);
            assertDegreeOfEquivalence(does.get("PTB"), -0.08, 0.35);
            assertDegreeOfEquivalence(does.get("LNE-LNHB"), -0.27, 0.32);
            assertDegreeOfEquivalence(does.get("POLATOM"), 0.39, 0.42);
        }

        /**
         * EXCLUDED LABORATORIES with published degrees of equivalence: BIPM.RI(II)-K1.Sr-85, Metrologia 52 (2015)
         * Tech. Suppl. 06022: KCRV 29975(46) kBq from nine results (two-ampoule submissions averaged, as the BIPM
         * does; PTB's 1998 result was the one in use until its 2018 result); the 2001 NIST and 2004 NMIJ results
         * are eligible for degrees of equivalence only. Dᵢ/Uᵢ in MBq: NIST 0.11/0.20, NMIJ 0.16/0.31,
         * PTB 0.09/0.12, POLATOM 0.16/0.33.
         */
        @Test
        void strontium85WithTwoLaboratoriesExcludedFromTheReferenceValue() {
            List<Measurement> data = List.of(new Measurement("BIPM-1975", 29970, 340),
                    new Measurement("BKFH-1994", 30150, 100), new Measurement("CMI-1982", 29890, 140),
                    new Measurement("LNE-LNHB-1995", (29812 + 29752) / 2.0, 71),
                    new Measurement("NIST-1983", 30000, 79), new Measurement("NMIJ-1994", 29850, 140),
                    new Measurement("NPL-1981", 29920, 200), new Measurement("POLATOM-2009", 30130, 170),
                    new Measurement("PTB-1998", (30052 + 30068) / 2.0, 54), new Measurement("NIST-2001", 30086, 91),
                    new Measurement("NMIJ-2004", 30130, 150));
            Evaluation e = evaluate(data, EvaluationMethod.POWER_MODERATED_MEAN, "NIST-2001", "NMIJ-2004");
            assertThat(e.kcrv()).isCloseTo(29975, within(ROUNDED_INPUTS));
            assertThat(e.kcrvStandardUncertainty()).isCloseTo(46, within(0.5));
            assertThat(e.degreesOfFreedom()).isEqualTo(8);
            Map<String, DegreeOfEquivalence> does = byInstitute(e);
            assertThat(does.get("NIST-2001").contributing()).isFalse();
            assertDegreeOfEquivalence(does.get("NIST-2001"), 0.11, 0.20);
            assertDegreeOfEquivalence(does.get("NMIJ-2004"), 0.16, 0.31);
            assertDegreeOfEquivalence(does.get("PTB-1998"), 0.09, 0.12);
            assertDegreeOfEquivalence(does.get("POLATOM-2009"), 0.16, 0.33);
        }
    }

    /**
     * The SAMPLE MEDIAN with N = 22 (even, so the mean of the 11th and 12th ordered values): Example 4K ("Green
     * Seamount basalts") of the supplementary R code of Possolo, Hibbert, Stohner, Bodnar and Meija, "A brief guide
     * to measurement uncertainty (IUPAC Technical Report)", code revision 2023-01-04: 22 determinations of the mass
     * fraction of TiO₂ in volcanic glass, in mg/g, and "median(w) ## 14.0 mg/g". These are replicate determinations,
     * not laboratories' results, and carry no individual uncertainty: each is given the same nominal u, on which the
     * sample median does not depend (checked with two values of u). Only the median is comparable. The source's
     * uncertainties are not: 0.41 mg/g is a nonparametric bootstrap over the determinations and 0.46 mg/g the
     * 1.2533·MADe/√N formula, whereas our u(median) is Cox's procedure B, a Monte Carlo over each result's stated uᵢ.
     * No published key comparison with a median KCRV, its inputs and its digits was found in retrievable text.
     */
    @Nested
    class IupacBriefGuideGreenSeamountMedian {

        static final double[] TIO2 = {15.2, 14.2, 15.1, 15, 12.4, 12.2, 12.7, 14.9, 14, 14, 14.4, 20.1, 20.5, 11.2,
                13.7, 14.1, 12.7, 12.8, 17.9, 11.7, 13.1, 13.5};

        Evaluation median(double nominalU) {
            List<Measurement> determinations = new ArrayList<>();
            for (int i = 0; i < TIO2.length; i++) {
                determinations.add(new Measurement("determination-" + (i + 1), TIO2[i], nominalU));
            }
            return KcrvEvaluator.evaluate(new EvaluationRequest(determinations, EvaluationMethod.MEDIAN, Set.of(),
                    2.0, UncertaintyConvention.WITH_CORRELATION, false, 10_000, 1L, MedianReport.SAMPLE_MEDIAN));
        }

        @Test
        void theSampleMedianOfTwentyTwoDeterminations() {
            for (double u : new double[] {0.5, 2.0}) {
                Evaluation e = median(u);
                assertThat(e.kcrv()).as("u = " + u).isCloseTo(14.0, within(0.05));
                assertThat((Double) e.details().get("sampleMedian")).isEqualTo(e.kcrv());
                assertThat(e.degreesOfFreedom()).isEqualTo(21);
            }
        }
    }
}
