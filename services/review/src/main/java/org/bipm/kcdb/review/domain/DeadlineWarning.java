package org.bipm.kcdb.review.domain;

import java.time.Instant;

/**
 * A reminder sent to an RMO. Kept in the case so that the clock sends each one once: the same RMO, kind,
 * deadline and overdue flag is never sent again, while an extended deadline earns a new reminder.
 */
public record DeadlineWarning(String rmo, Kind kind, Instant deadline, boolean overdue, Instant at) {

    public enum Kind {
        /** The intent window closes; an RMO that has not declared by then counts as not reviewing. */
        INTENT_DECLARATION,
        /** The RMO's own review deadline. */
        RMO_REVIEW
    }

    boolean sameReminderAs(DeadlineWarning other) {
        return rmo.equals(other.rmo) && kind == other.kind && deadline.equals(other.deadline)
                && overdue == other.overdue;
    }
}
