package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.Arrays;

/** The little arithmetic the estimators and the degrees of equivalence share. */
final class Numerics {

    private Numerics() {
    }

    static double medianOf(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    static double square(double x) {
        return x * x;
    }
}
