package org.bipm.kcdb.support.domain;

import java.util.List;
import org.bipm.kcdb.events.IntegrationEvent;

/**
 * What a command on an aggregate produced: the aggregate as it now is and the events that tell the other services
 * (none when nothing happened that others follow). Every domain answers its commands with one; the application
 * stores both in one write ({@code AggregateStore.change}).
 */
public record Outcome<T>(T aggregate, List<IntegrationEvent> events) {

    public Outcome {
        events = List.copyOf(events);
    }

    public static <T> Outcome<T> of(T aggregate, IntegrationEvent event) {
        return new Outcome<>(aggregate, List.of(event));
    }

    /** A change others need not hear of (an edit of a draft, a reminder already sent). */
    public static <T> Outcome<T> quiet(T aggregate) {
        return new Outcome<>(aggregate, List.of());
    }

    /** The one event, for commands that always produce exactly one. */
    public IntegrationEvent event() {
        if (events.size() != 1) {
            throw new IllegalStateException("Expected one event, found " + events.size());
        }
        return events.get(0);
    }

    /** Whether there is anything to store: a new state or events to send. */
    public boolean changed(T before) {
        return !events.isEmpty() || !aggregate.equals(before);
    }
}
