package org.bipm.kcdb.comparison.domain;

import java.util.Set;
import org.bipm.kcdb.comparison.domain.evaluation.EvaluationMethod;
import org.bipm.kcdb.comparison.domain.evaluation.MedianReport;
import org.bipm.kcdb.comparison.domain.evaluation.UncertaintyConvention;

/**
 * How the pilot asks for the comparison to be evaluated; what is left out takes the usual value (k = 2, the
 * correlation term for contributing laboratories, 100 000 Monte Carlo draws with seed 1, the sample median).
 */
public record EvaluationChoice(EvaluationMethod method, Set<String> excludedFromReference, Double coverageFactor,
                               UncertaintyConvention uncertaintyConvention, Boolean studentT,
                               Integer monteCarloTrials, Long seed, MedianReport medianReport) {

    public EvaluationChoice {
        excludedFromReference = excludedFromReference == null ? Set.of() : Set.copyOf(excludedFromReference);
        coverageFactor = coverageFactor == null ? 2.0 : coverageFactor;
        uncertaintyConvention = uncertaintyConvention == null ? UncertaintyConvention.WITH_CORRELATION
                : uncertaintyConvention;
        studentT = studentT != null && studentT;
        monteCarloTrials = monteCarloTrials == null ? 100_000 : monteCarloTrials;
        seed = seed == null ? 1L : seed;
        medianReport = medianReport == null ? MedianReport.SAMPLE_MEDIAN : medianReport;
    }
}
