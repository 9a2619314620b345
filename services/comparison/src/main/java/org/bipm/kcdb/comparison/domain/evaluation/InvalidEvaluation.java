package org.bipm.kcdb.comparison.domain.evaluation;

/** Data that cannot be evaluated as asked, with the reason in the terms of the comparison. */
public class InvalidEvaluation extends RuntimeException {

    public InvalidEvaluation(String message) {
        super(message);
    }
}
