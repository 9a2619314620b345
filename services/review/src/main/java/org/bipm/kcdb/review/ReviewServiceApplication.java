package org.bipm.kcdb.review;

import java.time.Clock;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.application.ReviewClockTick;
import org.bipm.kcdb.review.application.ReviewQueries;
import org.bipm.kcdb.review.application.ReviewerChoice;
import org.bipm.kcdb.review.application.StageMeters;
import org.bipm.kcdb.directory.DirectoryProperties;
import org.bipm.kcdb.directory.KeycloakDirectory;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.persistence.ComparisonDegrees;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The review service: the CIPM MRA review of submitted CMCs. The use cases are wired here; the stores are declared in
 * {@code persistence}, the clock comes from support.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({ReviewProperties.class, DirectoryProperties.class})
public class ReviewServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReviewServiceApplication.class, args);
    }

    @Bean
    ReviewQueries reviewQueries(AggregateStore<ReviewCase> cases, StoredCases stored, ComparisonDegrees degrees,
                                Clock clock) {
        return new ReviewQueries(cases, stored, degrees, clock);
    }

    /** Every deadline is measured by support's clock; tests put a clock of their own in its place. */
    @Bean
    ReviewApplication reviewApplication(AggregateStore<ReviewCase> cases, StoredCases stored, ReviewQueries queries,
                                        ReviewProperties properties, Clock clock, Directory directory) {
        return new ReviewApplication(cases, stored, queries, properties.rules(), clock, directory);
    }

    /** Who the users are: Keycloak's admin REST API; component tests put a directory of their own in its place. */
    @Bean
    Directory directory(DirectoryProperties properties) {
        return new KeycloakDirectory(properties);
    }

    @Bean
    ReviewerChoice reviewerChoice(Directory directory) {
        return new ReviewerChoice(directory);
    }

    /** Cases per stage and the oldest one's age, counted on the store (docs/metrics.md). */
    @Bean
    StageMeters stageMeters(StoredCases stored, Clock clock, MeterRegistry registry,
                            @Value("${kcdb.metrics.review-stages-interval:30s}") Duration interval) {
        return new StageMeters(stored, clock, interval, registry);
    }

    @Bean
    ReviewClockTick reviewClockTick(ReviewApplication reviews, ReviewProperties properties) {
        Duration period = properties.clockTick() != null ? properties.clockTick() : Duration.ofMinutes(1);
        return new ReviewClockTick(reviews, period);
    }
}
