package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.Map;

/**
 * A reference value with its uncertainty and each contributing laboratory's weight; the median instead
 * carries the simulated u(dᵢ) of its contributing laboratories.
 */
record Reference(double value, double standardUncertainty, Map<String, Double> weights,
                 Map<String, Object> details, Map<String, Double> simulatedDifferenceUncertainty) {
}
