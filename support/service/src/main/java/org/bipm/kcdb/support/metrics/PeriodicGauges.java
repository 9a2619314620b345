package org.bipm.kcdb.support.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values are read from somewhere slow (the store, the broker) on a schedule of their own, so that a
 * scrape never waits (it may run on an event-loop thread): the refresh runs at start and then every
 * {@code interval} after the previous one ended, on one daemon thread, while the application context runs.
 */
public abstract class PeriodicGauges implements SmartLifecycle {

    private final String threadName;
    private final Duration interval;
    private volatile boolean running;
    private ScheduledExecutorService executor;

    protected PeriodicGauges(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /**
     * One scheduled refresh. It must not throw: a refresh that fails leaves the gauges at their last values until
     * the source answers again (an exception would end the schedule).
     */
    protected abstract void refreshOnSchedule();

    /** Opens what the refresh needs before the first one; false when there is nothing to refresh (not started). */
    protected boolean opening() {
        return true;
    }

    /** Closes what {@link #opening()} opened, once the schedule has stopped. */
    protected void closing() {
    }

    @Override
    public final synchronized void start() {
        if (running || !opening()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refreshOnSchedule, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public final synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        executor.shutdownNow();
        closing();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }
}
