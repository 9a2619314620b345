package org.bipm.kcdb.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One person-sized step of a review with its due date, kept so that the reminder before it and the escalation
 * after it are told once each, whichever instance looks and however often it restarts.
 *
 * @param id           {@code <cmcId>:<step>:<whom>}: one deadline per step and person (or RMO) of a case; a new due
 *                     date for the same step replaces it
 * @param rmo          the RMO the step belongs to (the submitting RMO)
 * @param person       the reviewer or writer who must act; null for the RMO's review (its chairs) or the writers of
 *                     an institute whose submitting writer is unknown
 * @param reviewingRmo a reviewer's deadline: the RMO the reviewer reviews for (a reviewing RMO's in the inter-RMO
 *                     review), whose decision ends it; null for the other steps and in deadlines stored before it
 *                     was kept
 * @param remindAt     when the reminder is due: a reminder period before the deadline, at most half-way through
 * @param claimedUntil while one instance tells it, the others leave it alone; after this a crashed claim is taken
 *                     over
 */
public record Deadline(String id, String cmcId, String reviewId, DeadlineStep step, String rmo, String area,
                       String institute, String person, String reviewingRmo, Instant setAt, Instant dueAt, Instant remindAt,
                       DeadlinePhase phase, Instant claimedUntil) {

    static Deadline set(CaseFile file, DeadlineStep step, String person, String reviewingRmo, Instant setAt,
                        Instant dueAt) {
        String whom = person != null ? person : file.rmo();
        return new Deadline(idOf(file.cmcId(), step, whom), file.cmcId(), file.reviewId(), step, file.rmo(),
                file.area(), file.institute(), person, reviewingRmo, setAt, dueAt, null, DeadlinePhase.WAITING, null);
    }

    public static String idOf(String cmcId, DeadlineStep step, String whom) {
        return cmcId + ":" + step + ":" + whom;
    }

    /** The deadline with its reminder time: {@code before} ahead of it, but not before half the period has run. */
    public Deadline remindedAhead(Duration before) {
        Duration period = setAt != null && setAt.isBefore(dueAt) ? Duration.between(setAt, dueAt) : Duration.ZERO;
        Duration ahead = before.compareTo(period.dividedBy(2)) < 0 ? before : period.dividedBy(2);
        return new Deadline(id, cmcId, reviewId, step, rmo, area, institute, person, reviewingRmo, setAt, dueAt,
                dueAt.minus(ahead), phase, claimedUntil);
    }

    /**
     * The deadline given more time: due at {@code later}, waiting again (its reminder time is set anew by
     * {@link #remindedAhead}); unchanged when it is met or already due as late.
     */
    public Deadline movedTo(Instant later) {
        Instant stored = later.truncatedTo(ChronoUnit.MILLIS); // as the store keeps it: the same date again is no move
        if (phase == DeadlinePhase.MET || !dueAt.isBefore(stored)) {
            return this;
        }
        return new Deadline(id, cmcId, reviewId, step, rmo, area, institute, person, reviewingRmo, setAt, stored, null,
                DeadlinePhase.WAITING, null);
    }

    public boolean overdueAt(Instant now) {
        return !now.isBefore(dueAt);
    }

    /** The phase once what is due at {@code now} has been told. */
    public DeadlinePhase toldAt(Instant now) {
        return overdueAt(now) ? DeadlinePhase.ESCALATED : DeadlinePhase.REMINDED;
    }
}
