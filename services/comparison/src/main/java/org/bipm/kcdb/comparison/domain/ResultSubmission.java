package org.bipm.kcdb.comparison.domain;

/**
 * A participant's result as reported. After Draft A a result changes only as a correction, which must say why.
 */
public record ResultSubmission(Double value, Double standardUncertainty, String unit, String correctionReason) {
}
