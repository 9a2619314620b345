package org.bipm.kcdb.comparison;

import java.time.Clock;
import org.bipm.kcdb.comparison.application.ComparisonApplication;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The comparison service: key and supplementary comparisons. */
@SpringBootApplication
public class ComparisonServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComparisonServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AggregateStore<Comparison> comparisonStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, Comparison.class, "comparisons");
    }

    @Bean
    ComparisonApplication comparisonApplication(AggregateStore<Comparison> comparisons, Clock clock,
                                                ObjectProvider<OutboxRelay> relay) {
        return new ComparisonApplication(comparisons, clock, relay);
    }
}
