package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Gamma;

/**
 * Evaluates a comparison: the KCRV from the contributing laboratories by the chosen estimator (one class each, behind
 * {@link Estimator#of}), the χ² consistency check, then the degrees of equivalence of every laboratory and the
 * pairwise ones (DOMAIN.md §3.4). Pure computation, reproducible for a given request.
 */
public final class KcrvEvaluator {

    static final double CONSISTENCY_LEVEL = 0.05;

    private KcrvEvaluator() {
    }

    public static Evaluation evaluate(EvaluationRequest request) {
        List<Measurement> all = validated(request);
        List<Measurement> contributing = all.stream()
                .filter(m -> !request.excludedFromReference().contains(m.institute())).toList();
        Reference reference = Estimator.of(request.method()).estimate(contributing, all, request);
        double chiSquared = WeightedMean.chiSquared(contributing);
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

    private static DegreeOfEquivalence degreeOfEquivalence(Measurement m, Reference reference,
                                                           EvaluationRequest request) {
        double d = m.value() - reference.value();
        double ui2 = Numerics.square(m.standardUncertainty());
        double uRef2 = Numerics.square(reference.standardUncertainty());
        boolean contributing = !request.excludedFromReference().contains(m.institute());
        double variance;
        if (!contributing || request.convention() == UncertaintyConvention.WITHOUT_CORRELATION) {
            variance = ui2 + uRef2;
        } else if (reference.simulatedDifferenceUncertainty() != null) {
            variance = Numerics.square(reference.simulatedDifferenceUncertainty().get(m.institute()));
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
                            k * Math.sqrt(Numerics.square(a.standardUncertainty())
                                    + Numerics.square(b.standardUncertainty()))));
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

}
