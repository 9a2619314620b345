package org.bipm.kcdb.review.domain;

import org.bipm.kcdb.support.domain.IllegalTransition;

/** An action the case's current stage does not allow. */
public class IllegalReviewTransition extends IllegalTransition {

    public IllegalReviewTransition(String action, ReviewStage current) {
        super("A review case in stage " + current + " cannot " + action + ".", current);
    }

    @Override
    public ReviewStage current() {
        return (ReviewStage) super.current();
    }
}
