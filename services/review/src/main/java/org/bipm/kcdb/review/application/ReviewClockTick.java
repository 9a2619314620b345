package org.bipm.kcdb.review.application;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deadlines pass without anyone calling: every {@code kcdb.review.clock-tick} the inter-RMO reviews are advanced
 * to the present. The first tick comes one period after start-up.
 */
public class ReviewClockTick implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReviewClockTick.class);

    private final ReviewApplication reviews;
    private final Duration period;

    public ReviewClockTick(ReviewApplication reviews, Duration period) {
        this.reviews = reviews;
        this.period = period;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, period, period));
    }

    void tick() {
        try {
            int changed = reviews.advanceAll();
            if (changed > 0) {
                log.info("Clock tick moved {} review case(s) on", changed);
            }
        } catch (RuntimeException e) {
            log.warn("Clock tick failed; the next one retries: {}", e.toString());
        }
    }
}
