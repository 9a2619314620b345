package org.bipm.kcdb.test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waiting for what another process does asynchronously (a consumer, a relay, a scheduled round). */
public final class Eventually {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** The first non-null answer of {@code probe}, asked every 50 ms for up to 30 s. */
    public static <T> T await(String what, Supplier<T> probe) {
        return await(what, PATIENCE, probe);
    }

    /** {@link #await(String, Supplier)} for up to {@code patience}: for what waits on much more than its own work. */
    public static <T> T await(String what, Duration patience, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
