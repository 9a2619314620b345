package org.bipm.kcdb.review.domain;

/**
 * The submitting institute's degree of equivalence in a comparison the CMC cites, from that comparison's latest
 * evaluation: what a reviewer weighs the claimed uncertainty against.
 */
public record SupportingEvidence(String comparison, double d, double expandedUncertainty, String unit,
                                 int evaluationNumber) {
}
