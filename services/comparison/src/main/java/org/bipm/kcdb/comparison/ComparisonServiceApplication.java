package org.bipm.kcdb.comparison;

import java.time.Clock;
import org.bipm.kcdb.comparison.application.ComparisonApplication;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.persistence.ComparisonFinder;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The comparison service: key and supplementary comparisons. */
@SpringBootApplication
public class ComparisonServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComparisonServiceApplication.class, args);
    }

    @Bean
    ComparisonApplication comparisonApplication(AggregateStore<Comparison> comparisons, ComparisonFinder finder,
                                                Clock clock) {
        return new ComparisonApplication(comparisons, finder, clock);
    }
}
