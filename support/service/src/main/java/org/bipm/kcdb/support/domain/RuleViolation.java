package org.bipm.kcdb.support.domain;

import java.util.List;

/**
 * The action is allowed, but what the request says breaks a rule (422): every field at fault, or none when the rule
 * is about the request as a whole. {@code kind} is the stable name clients tell the refusals by (the problem type,
 * e.g. {@code invalid-cmc}).
 */
public class RuleViolation extends Refusal {

    public static final String INVALID_FIELDS = "invalid-fields";

    private final String kind;
    private final List<Violation> violations;

    /** A violation that names the fields at fault (possibly none, still answered with an empty list). */
    public RuleViolation(String kind, String message, List<Violation> violations) {
        super(message);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    /** A violation of the request as a whole: no field list at all. */
    public RuleViolation(String kind, String message) {
        super(message);
        this.kind = kind;
        this.violations = null;
    }

    public String kind() {
        return kind;
    }

    /** The fields at fault; null when the violation names none (the answer then carries no list). */
    public List<Violation> violations() {
        return violations;
    }
}
