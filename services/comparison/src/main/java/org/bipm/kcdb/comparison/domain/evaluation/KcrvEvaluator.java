package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.special.Gamma;

/**
 * Evaluates a comparison: the KCRV from the contributing laboratories by the chosen estimator, then the degrees of
 * equivalence of every laboratory (DOMAIN.md §3.4). Pure computation, reproducible for a given request.
 */
public final class KcrvEvaluator {

    static final double CONSISTENCY_LEVEL = 0.05;

    private KcrvEvaluator() {
    }

    public static Evaluation evaluate(EvaluationRequest request) {
        List<Measurement> all = validated(request);
        List<Measurement> contributing = all.stream()
                .filter(m -> !request.excludedFromReference().contains(m.institute())).toList();
        Reference reference = switch (request.method()) {
            case WEIGHTED_MEAN -> weightedMean(contributing);
            case ARITHMETIC_MEAN -> arithmeticMean(contributing);
            case MEDIAN -> median(contributing, all, request);
            case POWER_MODERATED_MEAN -> powerModeratedMean(contributing);
            case DERSIMONIAN_LAIRD -> derSimonianLaird(contributing);
            case LINKED -> throw new InvalidEvaluation("A linked evaluation takes its reference from the CIPM key "
                    + "comparison's degrees of equivalence, not from these results alone");
        };
        double chiSquared = chiSquared(contributing);
        int dof = contributing.size() - 1;
        double p = upperTailProbability(chiSquared, dof);
        double kcrvK = request.method() == EvaluationMethod.ARITHMETIC_MEAN && request.studentT()
                ? new TDistribution(dof).inverseCumulativeProbability(0.975) : request.coverageFactor();
        List<DegreeOfEquivalence> does = new ArrayList<>();
        for (Measurement m : all) {
            does.add(degreeOfEquivalence(m, reference, request));
        }
        Map<String, Object> details = new LinkedHashMap<>(reference.details());
        return new Evaluation(request.method(), reference.value(), reference.standardUncertainty(),
                kcrvK * reference.standardUncertainty(), kcrvK, chiSquared, dof, p, p >= CONSISTENCY_LEVEL,
                reference.weights(), does, pairwise(all, request.coverageFactor()), request.coverageFactor(),
                request.convention(), List.copyOf(request.excludedFromReference()), details);
    }

    /**
     * Pr{χ²(ν) > x} = Q(ν/2, x/2), the regularized upper incomplete gamma function, computed directly rather than
     * as 1 − P so that p-values such as 1e-13 or 1e-80 keep their significant digits.
     */
    public static double upperTailProbability(double chiSquared, int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, chiSquared / 2.0);
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
    private static Reference inverseVarianceMean(List<Measurement> contributing, double extraVariance,
                                                 Map<String, Object> details) {
        double sumWeights = 0;
        double sumWeighted = 0;
        for (Measurement m : contributing) {
            double w = 1 / (square(m.standardUncertainty()) + extraVariance);
            sumWeights += w;
            sumWeighted += w * m.value();
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Measurement m : contributing) {
            weights.put(m.institute(), 1 / (square(m.standardUncertainty()) + extraVariance) / sumWeights);
        }
        return new Reference(sumWeighted / sumWeights, Math.sqrt(1 / sumWeights), weights, details, null);
    }

    /** y = Σxᵢ/N with u²(y) = Σuᵢ²/N² for independent laboratories; every weight is 1/N. */
    static Reference arithmeticMean(List<Measurement> contributing) {
        int n = contributing.size();
        double sum = 0;
        double variance = 0;
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Measurement m : contributing) {
            sum += m.value();
            variance += square(m.standardUncertainty());
            weights.put(m.institute(), 1.0 / n);
        }
        return new Reference(sum / n, Math.sqrt(variance) / n, weights, Map.of(), null);
    }

    /**
     * Cox 2002 procedure B: the median of the contributing results; its uncertainty is the standard deviation of
     * the medians of simulated results xᵢ* ~ N(xᵢ, uᵢ²). The same draws give u(dᵢ) of each contributing laboratory
     * as the standard deviation of xᵢ* − median*, which carries the correlation without a weight.
     */
    static Reference median(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request) {
        if (request.monteCarloTrials() < 1000) {
            throw new InvalidEvaluation("The median needs at least 1000 Monte Carlo trials");
        }
        RandomGenerator random = new Well19937c(request.seed());
        int n = contributing.size();
        double[] draw = new double[n];
        double[] sorted = new double[n];
        double sumMedian = 0;
        double sumSquareMedian = 0;
        double[] sumDiff = new double[n];
        double[] sumSquareDiff = new double[n];
        for (int t = 0; t < request.monteCarloTrials(); t++) {
            for (int i = 0; i < n; i++) {
                Measurement m = contributing.get(i);
                draw[i] = m.value() + m.standardUncertainty() * random.nextGaussian();
            }
            System.arraycopy(draw, 0, sorted, 0, n);
            double median = medianOf(sorted);
            sumMedian += median;
            sumSquareMedian += median * median;
            for (int i = 0; i < n; i++) {
                double diff = draw[i] - median;
                sumDiff[i] += diff;
                sumSquareDiff[i] += diff * diff;
            }
        }
        int trials = request.monteCarloTrials();
        double meanOfMedians = sumMedian / trials;
        double u = Math.sqrt(Math.max(0, (sumSquareMedian - trials * meanOfMedians * meanOfMedians) / (trials - 1)));
        Map<String, Double> dUncertainty = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double mean = sumDiff[i] / trials;
            dUncertainty.put(contributing.get(i).institute(),
                    Math.sqrt(Math.max(0, (sumSquareDiff[i] - trials * mean * mean) / (trials - 1))));
        }
        double sampleMedian = medianOf(contributing.stream().mapToDouble(Measurement::value).toArray());
        double reported = request.medianReport() == MedianReport.SAMPLE_MEDIAN ? sampleMedian : meanOfMedians;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("medianReport", request.medianReport().name());
        details.put("sampleMedian", sampleMedian);
        details.put("meanOfSimulatedMedians", meanOfMedians);
        details.put("monteCarloTrials", trials);
        details.put("seed", request.seed());
        return new Reference(reported, u, Map.of(), details, dUncertainty);
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
            raw[i] = Math.pow(square(contributing.get(i).standardUncertainty()) + s2, -alpha / 2);
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
        double internal = square(inverseVarianceMean(contributing, s2, Map.of()).standardUncertainty());
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
            sum += square(m.value() - mean);
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
        high = Math.max(high * square(spread), Double.MIN_NORMAL);
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
        double y = inverseVarianceMean(contributing, s2, Map.of()).value();
        double sum = 0;
        for (Measurement m : contributing) {
            sum += square(m.value() - y) / (square(m.standardUncertainty()) + s2);
        }
        return sum;
    }

    /**
     * DerSimonian and Laird (1986): τ² = max(0, (Q − (N − 1)) / (Σw − Σw²/Σw)) with wᵢ = 1/uᵢ² and Q = χ²obs;
     * the KCRV is the mean weighted by 1/(uᵢ² + τ²), 1/u²(y) = Σ 1/(uᵢ² + τ²).
     */
    static Reference derSimonianLaird(List<Measurement> contributing) {
        double q = chiSquared(contributing);
        double sumW = 0;
        double sumW2 = 0;
        for (Measurement m : contributing) {
            double w = 1 / square(m.standardUncertainty());
            sumW += w;
            sumW2 += w * w;
        }
        double tau2 = Math.max(0, (q - (contributing.size() - 1)) / (sumW - sumW2 / sumW));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tau", Math.sqrt(tau2));
        return inverseVarianceMean(contributing, tau2, details);
    }

    private static DegreeOfEquivalence degreeOfEquivalence(Measurement m, Reference reference,
                                                           EvaluationRequest request) {
        double d = m.value() - reference.value();
        double ui2 = square(m.standardUncertainty());
        double uRef2 = square(reference.standardUncertainty());
        boolean contributing = !request.excludedFromReference().contains(m.institute());
        double variance;
        if (!contributing || request.convention() == UncertaintyConvention.WITHOUT_CORRELATION) {
            variance = ui2 + uRef2;
        } else if (reference.simulatedDifferenceUncertainty() != null) {
            variance = square(reference.simulatedDifferenceUncertainty().get(m.institute()));
        } else {
            double w = reference.weights().get(m.institute());
            variance = Math.max(0, (1 - 2 * w) * ui2 + uRef2);
        }
        double u = Math.sqrt(variance);
        double expanded = request.coverageFactor() * u;
        return new DegreeOfEquivalence(m.institute(), d, u, expanded, expanded > 0 ? d / expanded : null,
                contributing);
    }

    public static List<PairwiseDegreeOfEquivalence> pairwise(List<Measurement> all, double k) {
        List<PairwiseDegreeOfEquivalence> pairs = new ArrayList<>();
        for (Measurement a : all) {
            for (Measurement b : all) {
                if (a != b) {
                    pairs.add(new PairwiseDegreeOfEquivalence(a.institute(), b.institute(), a.value() - b.value(),
                            k * Math.sqrt(square(a.standardUncertainty()) + square(b.standardUncertainty()))));
                }
            }
        }
        return pairs;
    }

    private static List<Measurement> validated(EvaluationRequest request) {
        List<Measurement> all = request.measurements();
        if (request.method() == null) {
            throw new InvalidEvaluation("Choose an evaluation method");
        }
        if (all.size() < 2) {
            throw new InvalidEvaluation("A comparison needs the results of at least two laboratories");
        }
        Set<String> seen = new HashSet<>();
        for (Measurement m : all) {
            if (m.institute() == null || !seen.add(m.institute())) {
                throw new InvalidEvaluation("Each laboratory may have one result; " + m.institute() + " has more");
            }
            if (!Double.isFinite(m.value()) || !Double.isFinite(m.standardUncertainty())
                    || m.standardUncertainty() <= 0) {
                throw new InvalidEvaluation("The result of " + m.institute()
                        + " needs a finite value and a standard uncertainty greater than zero");
            }
        }
        for (String excluded : request.excludedFromReference()) {
            if (!seen.contains(excluded)) {
                throw new InvalidEvaluation(excluded + " is excluded from the reference value but has no result");
            }
        }
        if (all.size() - request.excludedFromReference().size() < 2) {
            throw new InvalidEvaluation("At least two laboratories must contribute to the reference value");
        }
        if (!(request.coverageFactor() > 0) || request.coverageFactor() > 10) {
            throw new InvalidEvaluation("The coverage factor must be above 0 and at most 10");
        }
        return all;
    }

    static double medianOf(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double square(double x) {
        return x * x;
    }

    /**
     * A reference value with its uncertainty and each contributing laboratory's weight; the median instead
     * carries the simulated u(dᵢ) of its contributing laboratories.
     */
    record Reference(double value, double standardUncertainty, Map<String, Double> weights,
                     Map<String, Object> details, Map<String, Double> simulatedDifferenceUncertainty) {
    }
}
