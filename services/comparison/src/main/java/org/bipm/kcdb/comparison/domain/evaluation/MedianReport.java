package org.bipm.kcdb.comparison.domain.evaluation;

/** Which median the evaluation reports as the KCRV; both appear in published comparisons. */
public enum MedianReport {
    SAMPLE_MEDIAN, MEAN_OF_SIMULATED_MEDIANS
}
