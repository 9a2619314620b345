package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/** Cox (2002) procedure B: the median, its uncertainty from a seeded Monte Carlo simulation. */
final class Median implements Estimator {

    @Override
    public Reference estimate(List<Measurement> contributing, List<Measurement> all, EvaluationRequest request) {
        return median(contributing, all, request);
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
            double median = Numerics.medianOf(sorted);
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
        double sampleMedian = Numerics.medianOf(contributing.stream().mapToDouble(Measurement::value).toArray());
        double reported = request.medianReport() == MedianReport.SAMPLE_MEDIAN ? sampleMedian : meanOfMedians;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("medianReport", request.medianReport().name());
        details.put("sampleMedian", sampleMedian);
        details.put("meanOfSimulatedMedians", meanOfMedians);
        details.put("monteCarloTrials", trials);
        details.put("seed", request.seed());
        return new Reference(reported, u, Map.of(), details, dUncertainty);
    }
}
