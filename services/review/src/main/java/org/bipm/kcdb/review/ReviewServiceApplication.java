package org.bipm.kcdb.review;

import java.time.Clock;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The review service: the CIPM MRA review of submitted CMCs. */
@SpringBootApplication
public class ReviewServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReviewServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AggregateStore<ReviewCase> reviewCaseStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, ReviewCase.class, "review_cases");
    }

    @Bean
    ReviewApplication reviewApplication(AggregateStore<ReviewCase> cases, Clock clock,
                                        ObjectProvider<OutboxRelay> relay) {
        return new ReviewApplication(cases, clock, relay);
    }
}
