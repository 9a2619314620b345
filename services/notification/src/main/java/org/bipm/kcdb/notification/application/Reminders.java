package org.bipm.kcdb.notification.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bipm.kcdb.notification.domain.Deadline;
import org.bipm.kcdb.notification.domain.WhoIsTold;
import org.bipm.kcdb.notification.persistence.DeadlineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the reminders and escalations of the stored deadlines as they fall due (issue 14, item 3). Any number of
 * instances may look at once: each deadline is claimed with a conditional update before it is told, and marked told
 * only while the claim holds. An instance that stops between telling and marking leaves its claim; another tells it
 * again after the lease, and the notice's id (derived from the deadline, its due date and the phase) makes that a
 * no-op for everyone already told.
 */
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DeadlineStore deadlines;
    private final Notifications notifications;
    private final Clock clock;
    private final Duration lease;

    public Reminders(DeadlineStore deadlines, Notifications notifications, Clock clock, Duration lease) {
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.clock = clock;
        this.lease = lease;
    }

    /** Tells everything due now; returns how many deadlines it told. */
    public int tellDue() {
        int told = 0;
        Instant now = clock.instant();
        for (Deadline due = deadlines.claimNext(now, lease).block(WAIT); due != null;
             due = deadlines.claimNext(now, lease).block(WAIT)) {
            notifications.tell(WhoIsTold.deadlineDue(due, now));
            if (!Boolean.TRUE.equals(deadlines.told(due, due.toldAt(now)).block(WAIT))) {
                log.info("Deadline {} changed while it was told", due.id());
            }
            told++;
        }
        return told;
    }
}
