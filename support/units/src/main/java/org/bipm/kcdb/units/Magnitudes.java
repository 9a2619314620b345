package org.bipm.kcdb.units;

/**
 * The bound on a measured number the platform accepts. No quantity measured in a comparison or stated in a CMC comes
 * near 1e100 in any unit people write (the ratio of the observable universe to the Planck length is about 1e62);
 * beyond it a number is a typing slip or a probe, and its squares and unit conversions would overflow to infinity.
 */
public final class Magnitudes {

    public static final double LARGEST = 1e100;

    private Magnitudes() {
    }

    /** Finite, and no larger in magnitude than {@link #LARGEST}. */
    public static boolean sane(double value) {
        return Double.isFinite(value) && Math.abs(value) <= LARGEST;
    }

    public static String describe() {
        return "must be a finite number no larger in magnitude than 1e100";
    }
}
