package org.bipm.kcdb.review.domain;

import java.time.Duration;

/**
 * The JCRB timetable a case runs under. DOMAIN.md §2.2 marks the "6 weeks" as unconfirmed, so every figure is
 * configurable; a case keeps the rules it was opened with, so changing them does not move running deadlines.
 *
 * @param intentWindow        how long the other RMOs have to declare whether they will review
 * @param maximumReviewPeriod the latest review deadline an RMO may declare, counted from the intra-RMO approval
 * @param warningPeriod       how long before a deadline the RMO is reminded
 * @param steps               the periods of the steps before and between the inter-RMO ones (the submitting RMO's
 *                            review, a reviewer's, the writer's answer); defaults for cases stored before them
 */
public record InterRmoRules(Duration intentWindow, Duration maximumReviewPeriod, Duration warningPeriod,
                            ApprovalPolicy approvalPolicy, StepPeriods steps) {

    public InterRmoRules(Duration intentWindow, Duration maximumReviewPeriod, Duration warningPeriod,
                         ApprovalPolicy approvalPolicy) {
        this(intentWindow, maximumReviewPeriod, warningPeriod, approvalPolicy, StepPeriods.DEFAULTS);
    }

    public static final InterRmoRules DEFAULTS = new InterRmoRules(Duration.ofDays(14), Duration.ofDays(42),
            Duration.ofDays(7), ApprovalPolicy.SILENCE_IS_CONSENT);

    public InterRmoRules {
        steps = steps == null ? StepPeriods.DEFAULTS : steps;
        if (intentWindow == null || maximumReviewPeriod == null || warningPeriod == null || approvalPolicy == null) {
            throw new IllegalArgumentException("Every inter-RMO rule needs a value.");
        }
        if (intentWindow.isNegative() || intentWindow.isZero() || warningPeriod.isNegative()
                || maximumReviewPeriod.compareTo(intentWindow) < 0) {
            throw new IllegalArgumentException("The intent window must be positive and within the maximum review "
                    + "period, and the warning period not negative: " + intentWindow + ", " + maximumReviewPeriod
                    + ", " + warningPeriod);
        }
    }

    public InterRmoRules withApprovalPolicy(ApprovalPolicy policy) {
        return new InterRmoRules(intentWindow, maximumReviewPeriod, warningPeriod, policy, steps);
    }
}
