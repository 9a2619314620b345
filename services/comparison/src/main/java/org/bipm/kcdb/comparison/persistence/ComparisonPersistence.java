package org.bipm.kcdb.comparison.persistence;

import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.StoredAggregate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code comparisons} collection: one document per comparison with its version and outbox. */
@Configuration(proxyBeanMethods = false)
@StoredAggregate(type = Comparison.class, collection = "comparisons", name = "comparison")
public class ComparisonPersistence {

    @Bean
    ComparisonFinder comparisonFinder(AggregateStore<Comparison> comparisons) {
        return new ComparisonFinder(comparisons);
    }
}
