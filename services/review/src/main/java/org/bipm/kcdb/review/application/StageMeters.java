package org.bipm.kcdb.review.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The review cases per stage ({@code kcdb.review.cases}) and how long the longest-waiting case of each stage has
 * been open ({@code kcdb.review.oldest.age}, seconds since the case or its current round was opened; zero for an
 * empty stage), counted on the store every {@code interval}: every instance shows the whole platform's cases.
 * A scrape never waits for the store (it may run on an event-loop thread).
 */
public class StageMeters implements SmartLifecycle {

    public static final String CASES = "kcdb.review.cases";
    public static final String OLDEST_AGE = "kcdb.review.oldest.age";
    private static final Logger log = LoggerFactory.getLogger(StageMeters.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StoredCases stored;
    private final Clock clock;
    private final Duration interval;
    private final Map<ReviewStage, AtomicLong> counts = new EnumMap<>(ReviewStage.class);
    private final Map<ReviewStage, AtomicReference<Instant>> oldest = new EnumMap<>(ReviewStage.class);
    private volatile boolean running;
    private ScheduledExecutorService executor;

    public StageMeters(StoredCases stored, Clock clock, Duration interval, MeterRegistry registry) {
        this.stored = stored;
        this.clock = clock;
        this.interval = interval;
        for (ReviewStage stage : ReviewStage.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(stage, count);
            Gauge.builder(CASES, count, AtomicLong::get).description("Review cases in the stage")
                    .tag("stage", stage.name()).register(registry);
            if (!stage.terminal()) {
                AtomicReference<Instant> first = new AtomicReference<>();
                oldest.put(stage, first);
                Gauge.builder(OLDEST_AGE, first, this::ageSeconds)
                        .description("Time since the longest-waiting case in the stage was opened")
                        .baseUnit("seconds").tag("stage", stage.name()).register(registry);
            }
        }
    }

    /** Counts again now (the scheduled refresh calls this). */
    public void refresh() {
        for (ReviewStage stage : ReviewStage.values()) {
            Long count = stored.countIn(stage).block(WAIT);
            counts.get(stage).set(count == null ? 0 : count);
            if (oldest.containsKey(stage)) {
                oldest.get(stage).set(stored.oldestOpenedIn(stage).block(WAIT));
            }
        }
    }

    private double ageSeconds(AtomicReference<Instant> first) {
        Instant opened = first.get();
        return opened == null ? 0 : Math.max(0, Duration.between(opened, clock.instant()).toMillis() / 1000.0);
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The gauges keep their last values until the store answers again.
            log.debug("Could not count review cases per stage: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "review-stage-meters");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refreshSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (running) {
            running = false;
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
