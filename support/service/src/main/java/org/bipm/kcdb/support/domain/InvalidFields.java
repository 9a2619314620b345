package org.bipm.kcdb.support.domain;

import java.util.List;

/**
 * The request itself is malformed (400), before any rule of the domain could judge it: required fields missing,
 * values of the wrong form. Compare {@link RuleViolation}, a well-formed request that breaks a rule (422).
 */
public class InvalidFields extends Refusal {

    private final List<Violation> violations;

    public InvalidFields(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
