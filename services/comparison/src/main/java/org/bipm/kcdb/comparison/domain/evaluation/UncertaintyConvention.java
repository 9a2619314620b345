package org.bipm.kcdb.comparison.domain.evaluation;

/**
 * How u(dᵢ) of a laboratory that contributed to the KCRV is computed. Published comparisons differ, so each
 * evaluation records its choice.
 */
public enum UncertaintyConvention {
    /** u²(dᵢ) = (1 − 2wᵢ)uᵢ² + u²(KCRV): the correlation of a result with the reference it contributed to. */
    WITH_CORRELATION,
    /** u²(dᵢ) = uᵢ² + u²(KCRV) for every laboratory. */
    WITHOUT_CORRELATION
}
