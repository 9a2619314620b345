package org.bipm.kcdb.review.domain;

/**
 * The action is allowed in this stage and to this participant, but what it says breaks a rule of the review: a
 * deadline beyond the maximum review period, an approval without its QMS statement, a reply to no comment.
 */
public class ReviewRuleViolation extends RuntimeException {

    public ReviewRuleViolation(String message) {
        super(message);
    }
}
