package org.bipm.kcdb.notification.domain;

import java.util.List;

/**
 * What one event does to a case's deadlines: the steps it ends ({@code met}) and the ones it starts ({@code set}).
 * Applied in that order; both are idempotent, so a redelivered event changes nothing.
 */
public record Timetable(List<Met> met, List<Deadline> set) {

    public static final Timetable NONE = new Timetable(List.of(), List.of());

    public Timetable {
        met = List.copyOf(met);
        set = List.copyOf(set);
    }

    /**
     * A step taken: the case's deadlines of {@code step} (every step when null) for {@code person} (everyone's when
     * null) are met.
     */
    public record Met(String cmcId, DeadlineStep step, String person) {
    }
}
