package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one event does to a case's deadlines: the steps it ends ({@code met}), the ones it starts ({@code set}) and
 * the ones it gives more time ({@code moved}). Applied in that order; each is idempotent, so a redelivered event
 * changes nothing.
 */
public record Timetable(List<Met> met, List<Deadline> set, List<Moved> moved) {

    public static final Timetable NONE = new Timetable(List.of(), List.of());

    public Timetable {
        met = List.copyOf(met);
        set = List.copyOf(set);
        moved = moved == null ? List.of() : List.copyOf(moved);
    }

    public Timetable(List<Met> met, List<Deadline> set) {
        this(met, set, List.of());
    }

    /**
     * A step taken: the case's deadlines of {@code step} (every step when null) for {@code person} (everyone's when
     * null) and, when {@code reviewingRmo} is named, only those of the reviewers reviewing for that RMO, are met.
     */
    public record Met(String cmcId, DeadlineStep step, String person, String reviewingRmo) {

        public Met(String cmcId, DeadlineStep step, String person) {
            this(cmcId, step, person, null);
        }
    }

    /**
     * More time given: the case's deadline of {@code step} for {@code person}, if it is still open and due earlier,
     * is now due at {@code dueAt} and waits again (its reminder and escalation are told anew, for the new date).
     */
    public record Moved(String cmcId, DeadlineStep step, String person, Instant dueAt) {

        public String deadlineId() {
            return Deadline.idOf(cmcId, step, person);
        }
    }
}
