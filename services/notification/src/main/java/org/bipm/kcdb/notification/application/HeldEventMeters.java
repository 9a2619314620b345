package org.bipm.kcdb.notification.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code kcdb.notification.held.events} (docs/metrics.md), by {@code outcome}: review events {@code held} for their
 * CMC's submission, {@code released} once it was applied, {@code expired} after the wait without it.
 */
public final class HeldEventMeters {

    public static final String NAME = "kcdb.notification.held.events";

    private final Counter held;
    private final Counter released;
    private final Counter expired;

    public HeldEventMeters(MeterRegistry registry) {
        this.held = counter(registry, "held");
        this.released = counter(registry, "released");
        this.expired = counter(registry, "expired");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description("Review events held for their CMC's submission, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void held() {
        held.increment();
    }

    void released() {
        released.increment();
    }

    void expired() {
        expired.increment();
    }
}
