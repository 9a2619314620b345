package org.bipm.kcdb.review.persistence;

import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.StoredAggregate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** What the review service stores: the review cases (with their outbox) and its copy of the comparisons' degrees. */
@Configuration(proxyBeanMethods = false)
// a command changes a case's round and history, not the CMC's content it carries: only that is written
@StoredAggregate(type = ReviewCase.class, collection = StoredCases.COLLECTION, name = "review case",
        changesOnly = true)
public class ReviewStores {

    @Bean
    StoredCases storedCases(AggregateStore<ReviewCase> cases, ReactiveMongoTemplate mongo) {
        StoredCases stored = new StoredCases(cases);
        stored.ensureIndexes(mongo);
        return stored;
    }

    @Bean
    ComparisonDegrees comparisonDegrees(ReactiveMongoTemplate mongo) {
        return new ComparisonDegrees(mongo);
    }
}
