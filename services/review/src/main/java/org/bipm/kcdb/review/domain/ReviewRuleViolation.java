package org.bipm.kcdb.review.domain;

import java.util.List;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;

/**
 * The action is allowed in this stage and to this participant, but what it says breaks a rule of the review: a
 * deadline beyond the maximum review period, an approval without its QMS statement, a reply to no comment.
 */
public class ReviewRuleViolation extends RuleViolation {

    public ReviewRuleViolation(String message) {
        this(message, List.of());
    }

    /** A violation that names the request's fields at fault. */
    protected ReviewRuleViolation(String message, List<Violation> violations) {
        super(INVALID_FIELDS, message, violations);
    }
}
