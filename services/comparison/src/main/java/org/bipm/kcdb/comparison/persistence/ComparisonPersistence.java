package org.bipm.kcdb.comparison.persistence;

import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code comparisons} collection: one document per comparison with its version and outbox. */
@Configuration(proxyBeanMethods = false)
public class ComparisonPersistence {

    @Bean
    AggregateStore<Comparison> comparisonStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, Comparison.class, "comparisons");
    }

    @Bean
    ComparisonFinder comparisonFinder(AggregateStore<Comparison> comparisons) {
        return new ComparisonFinder(comparisons);
    }
}
