package org.bipm.kcdb.comparison.domain.evaluation;

/** One laboratory's result in a comparison: its value and standard uncertainty, in the comparison's unit. */
public record Measurement(String institute, double value, double standardUncertainty) {
}
