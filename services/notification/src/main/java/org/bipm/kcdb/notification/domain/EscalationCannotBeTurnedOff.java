package org.bipm.kcdb.notification.domain;

/** A person tried to turn off a kind of message the review relies on them receiving. */
public class EscalationCannotBeTurnedOff extends RuntimeException {

    private final NotificationKind kind;

    public EscalationCannotBeTurnedOff(NotificationKind kind) {
        super(kind + " cannot be turned off: overdue deadlines are escalated to whoever must still act.");
        this.kind = kind;
    }

    public NotificationKind kind() {
        return kind;
    }
}
