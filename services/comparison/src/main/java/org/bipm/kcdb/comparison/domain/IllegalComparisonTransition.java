package org.bipm.kcdb.comparison.domain;

/** An action the comparison's current status does not allow. */
public class IllegalComparisonTransition extends RuntimeException {

    private final ComparisonStatus current;

    public IllegalComparisonTransition(String message, ComparisonStatus current) {
        super(message);
        this.current = current;
    }

    public ComparisonStatus current() {
        return current;
    }
}
