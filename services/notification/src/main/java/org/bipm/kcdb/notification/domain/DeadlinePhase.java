package org.bipm.kcdb.notification.domain;

/** Where a deadline stands: each phase is told once, and a met deadline is told nothing more. */
public enum DeadlinePhase {
    /** Set; nobody reminded yet. */
    WAITING,
    /** The reminder before the deadline was told. */
    REMINDED,
    /** The deadline passed and was escalated. */
    ESCALATED,
    /** The step was taken (or the case moved past it). */
    MET
}
