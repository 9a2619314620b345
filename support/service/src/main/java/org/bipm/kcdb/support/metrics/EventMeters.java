package org.bipm.kcdb.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The platform's own event meters, named once here for every service (docs/metrics.md): events the outbox relay
 * published, events a consumer applied, and redeliveries the idempotent consumer skipped.
 */
public final class EventMeters {

    public static final String PUBLISHED = "kcdb.events.published";
    public static final String CONSUMED = "kcdb.events.consumed";
    public static final String DUPLICATES = "kcdb.events.duplicates";
    public static final String IGNORED = "kcdb.events.ignored";
    public static final String OUTBOX_BACKLOG = "kcdb.outbox.backlog";
    public static final String OUTBOX_OLDEST_AGE = "kcdb.outbox.oldest.age";

    private final MeterRegistry registry;

    public EventMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that go nowhere, for code built without a registry (unit tests, tools). */
    public static EventMeters none() {
        return new EventMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void published(String type) {
        Counter.builder(PUBLISHED).description("Events the outbox relay handed to the broker, which acknowledged them")
                .tag("type", tag(type)).register(registry).increment();
    }

    public void consumed(String consumer, String type) {
        Counter.builder(CONSUMED).description("Events a consumer applied (once per consumer and event id)")
                .tag("type", tag(type)).tag("consumer", consumer).register(registry).increment();
    }

    public void duplicate(String consumer, String type) {
        Counter.builder(DUPLICATES).description("Redelivered events the idempotent consumer skipped")
                .tag("type", tag(type)).tag("consumer", consumer).register(registry).increment();
    }

    public void ignored(String consumer, String type) {
        Counter.builder(IGNORED).description("Events that reached a consumer without a handler for their type")
                .tag("type", tag(type)).tag("consumer", consumer).register(registry).increment();
    }

    private static String tag(String value) {
        return value == null ? "unknown" : value;
    }
}
