package org.bipm.kcdb.comparison.domain.evaluation;

/** dᵢⱼ = xᵢ − xⱼ with U(dᵢⱼ) = k·√(uᵢ² + uⱼ²), for independent laboratories. */
public record PairwiseDegreeOfEquivalence(String institute, String other, double d, double expandedUncertainty) {
}
