package org.bipm.kcdb.review;

import java.time.Clock;
import java.time.Duration;
import org.bipm.kcdb.review.application.ComparisonDegrees;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.application.ReviewClockTick;
import org.bipm.kcdb.review.application.ReviewQueries;
import org.bipm.kcdb.review.application.ReviewerChoice;
import org.bipm.kcdb.directory.DirectoryProperties;
import org.bipm.kcdb.directory.KeycloakDirectory;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** The review service: the CIPM MRA review of submitted CMCs. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({ReviewProperties.class, DirectoryProperties.class})
public class ReviewServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReviewServiceApplication.class, args);
    }

    /** The time every deadline is measured by; tests put a clock of their own in its place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AggregateStore<ReviewCase> reviewCaseStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, ReviewCase.class, "review_cases");
    }

    @Bean
    ComparisonDegrees comparisonDegrees(ReactiveMongoTemplate mongo) {
        return new ComparisonDegrees(mongo);
    }

    @Bean
    ReviewQueries reviewQueries(AggregateStore<ReviewCase> cases, ComparisonDegrees degrees, Clock clock) {
        return new ReviewQueries(cases, degrees, clock);
    }

    @Bean
    ReviewApplication reviewApplication(AggregateStore<ReviewCase> cases, ReviewQueries queries,
                                        ReviewProperties properties, Clock clock,
                                        ObjectProvider<OutboxRelay> relay, Directory directory) {
        return new ReviewApplication(cases, queries, properties.rules(), clock, relay, directory);
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

    @Bean
    ReviewClockTick reviewClockTick(ReviewApplication reviews, ReviewProperties properties) {
        Duration period = properties.clockTick() != null ? properties.clockTick() : Duration.ofMinutes(1);
        return new ReviewClockTick(reviews, period);
    }
}
