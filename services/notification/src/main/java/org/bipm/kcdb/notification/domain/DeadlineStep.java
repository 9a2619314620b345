package org.bipm.kcdb.notification.domain;

/**
 * The steps of a review that wait on people and whose due dates the review service announces; the inter-RMO
 * steps (declaring, the RMO's review) keep the JCRB's own clock, whose reminders arrive as
 * {@code review.deadline-approaching}.
 */
public enum DeadlineStep {
    /** The submitting RMO's review: its TC chairs for the area must decide. */
    INTRA_RMO_REVIEW,
    /** An assigned reviewer's review: met by the reviewer's comment. */
    REVIEWER,
    /** The writer's answer to a return: met by the resubmission. */
    WRITER_ANSWER
}
