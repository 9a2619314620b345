package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.List;
import java.util.Set;

/**
 * What to evaluate and how.
 *
 * @param coverageFactor     k for U(dᵢ), U(dᵢⱼ) and U(KCRV); 2 unless the protocol says otherwise
 * @param studentT           for the arithmetic mean, U(KCRV) with Student's t (95 %, N−1 degrees of freedom)
 * @param monteCarloTrials   draws for the median's uncertainty
 * @param seed               makes the Monte Carlo evaluation reproducible
 */
public record EvaluationRequest(List<Measurement> measurements, EvaluationMethod method,
                                Set<String> excludedFromReference, double coverageFactor,
                                UncertaintyConvention convention, boolean studentT, int monteCarloTrials, long seed,
                                MedianReport medianReport) {

    public EvaluationRequest {
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        excludedFromReference = excludedFromReference == null ? Set.of() : Set.copyOf(excludedFromReference);
        convention = convention == null ? UncertaintyConvention.WITH_CORRELATION : convention;
        medianReport = medianReport == null ? MedianReport.SAMPLE_MEDIAN : medianReport;
    }

    /** The usual choice: k = 2, correlation accounted for, 100 000 Monte Carlo draws. */
    public static EvaluationRequest of(List<Measurement> measurements, EvaluationMethod method,
                                       Set<String> excludedFromReference) {
        return new EvaluationRequest(measurements, method, excludedFromReference, 2.0,
                UncertaintyConvention.WITH_CORRELATION, false, 100_000, 1L, MedianReport.SAMPLE_MEDIAN);
    }
}
