package org.bipm.kcdb.comparison.domain.evaluation;

/**
 * A laboratory's unilateral degree of equivalence: dᵢ = xᵢ − KCRV with its standard and expanded uncertainty,
 * and Eₙ = dᵢ / U(dᵢ).
 */
public record DegreeOfEquivalence(String institute, double d, double standardUncertainty,
                                  double expandedUncertainty, Double en, boolean contributing) {
}
