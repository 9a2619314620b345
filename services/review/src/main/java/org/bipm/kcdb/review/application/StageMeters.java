package org.bipm.kcdb.review.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.bipm.kcdb.support.metrics.PeriodicGauges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review cases per stage ({@code kcdb.review.cases}) and how long the longest-waiting case of each stage has
 * been open ({@code kcdb.review.oldest.age}, seconds since the case or its current round was opened; zero for an
 * empty stage), counted on the store every {@code interval}: every instance shows the whole platform's cases.
 * A scrape never waits for the store (it may run on an event-loop thread).
 */
public class StageMeters extends PeriodicGauges {

    public static final String CASES = "kcdb.review.cases";
    public static final String OLDEST_AGE = "kcdb.review.oldest.age";
    private static final Logger log = LoggerFactory.getLogger(StageMeters.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StoredCases stored;
    private final Clock clock;
    private final Map<ReviewStage, AtomicLong> counts = new EnumMap<>(ReviewStage.class);
    private final Map<ReviewStage, AtomicReference<Instant>> oldest = new EnumMap<>(ReviewStage.class);

    public StageMeters(StoredCases stored, Clock clock, Duration interval, MeterRegistry registry) {
        super("review-stage-meters", interval);
        this.stored = stored;
        this.clock = clock;
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

    @Override
    protected void refreshOnSchedule() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The gauges keep their last values until the store answers again.
            log.debug("Could not count review cases per stage: {}", e.toString());
        }
    }
}
