package org.bipm.kcdb.comparison.domain.evaluation;

/** How the key comparison reference value (KCRV) is estimated from the contributing results. */
public enum EvaluationMethod {
    /** Cox (2002) procedure A: inverse-variance weighted mean with a χ² consistency check. */
    WEIGHTED_MEAN,
    /** Unweighted mean; u²(y) = Σu²/N². */
    ARITHMETIC_MEAN,
    /** Cox (2002) procedure B: the median, its uncertainty by Monte Carlo. */
    MEDIAN,
    /** Pommé and Keightley (2015), used by the BIPM for BIPM.RI(II)-K1. */
    POWER_MODERATED_MEAN,
    /** DerSimonian and Laird (1986) random effects, for data that the weighted mean finds inconsistent. */
    DERSIMONIAN_LAIRD,
    /** An RMO key comparison expressed against its CIPM comparison's KCRV through the linking laboratories. */
    LINKED
}
