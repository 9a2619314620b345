package org.bipm.kcdb.review.domain;

/**
 * The chair may assign reviewers, but not this one: a reviewer of another RMO, without the CMC's area, or from the
 * submitting institute (conflict of interest). Judged on the directory's facts about the reviewer.
 */
public class UnsuitableReviewer extends ReviewRuleViolation {

    public UnsuitableReviewer(String message) {
        super(message);
    }
}
