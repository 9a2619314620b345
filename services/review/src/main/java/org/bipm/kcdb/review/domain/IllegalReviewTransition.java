package org.bipm.kcdb.review.domain;

/** An action the case's current stage does not allow. */
public class IllegalReviewTransition extends RuntimeException {

    private final ReviewStage current;

    public IllegalReviewTransition(String action, ReviewStage current) {
        super("A review case in stage " + current + " cannot " + action + ".");
        this.current = current;
    }

    public ReviewStage current() {
        return current;
    }
}
