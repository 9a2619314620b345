package org.bipm.kcdb.comparison.domain.evaluation;

import org.bipm.kcdb.support.domain.RuleViolation;

/** Data that cannot be evaluated as asked, with the reason in the terms of the comparison (422 {@code unevaluable}). */
public class InvalidEvaluation extends RuleViolation {

    public InvalidEvaluation(String message) {
        super("unevaluable", message);
    }
}
