package org.bipm.kcdb.notification.domain;

/**
 * What a person is told about. Each kind has its own preference (immediate, daily digest, off), except the
 * escalation of an overdue deadline, which nobody may turn off: the review waits on whoever receives it.
 */
public enum NotificationKind {
    REVIEWER_ASSIGNED,
    COMMENT_ADDED,
    RETURNED,
    OBJECTED,
    REJECTED,
    APPROVED,
    PUBLISHED,
    INTENT_WINDOW_OPENED,
    DEADLINE_APPROACHING,
    DEADLINE_OVERDUE,
    /** The JCRB gave the reviewing RMOs more time: the date they (and their reviewers) are now held to. */
    DEADLINE_EXTENDED,
    COMPARISON_REGISTERED,
    COMPARISON_STAGE,
    COMPARISON_LONG_OPEN;

    public boolean canBeTurnedOff() {
        return this != DEADLINE_OVERDUE;
    }
}
