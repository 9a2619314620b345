package org.bipm.kcdb.comparison.domain;

import org.bipm.kcdb.support.domain.IllegalTransition;

/** An action the comparison's current status does not allow. */
public class IllegalComparisonTransition extends IllegalTransition {

    public IllegalComparisonTransition(String message, ComparisonStatus current) {
        super(message, current);
    }

    @Override
    public ComparisonStatus current() {
        return (ComparisonStatus) super.current();
    }
}
