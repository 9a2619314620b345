package org.bipm.kcdb.support;

import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.bipm.kcdb.support.outbox.OutboxProperties;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.web.ProblemHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The outbox relay, idempotent consumption, problem details and the clock, wired the same way in every service;
 * the aggregate stores are declared with {@link org.bipm.kcdb.support.persistence.StoredAggregate}.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class ServiceSupportAutoConfiguration {

    /** The time every service's rules are measured by; a test puts a clock of its own in its place. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventMeters eventMeters(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry available = registry.getIfAvailable();
        return available == null ? EventMeters.none() : new EventMeters(available);
    }

    @Bean
    ProcessedEvents processedEvents(ReactiveMongoTemplate mongo, EventMeters meters) {
        return new ProcessedEvents(mongo, meters);
    }

    @Bean
    @ConditionalOnProperty("kcdb.outbox.source")
    OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, StreamBridge bridge, OutboxProperties properties,
                            EventMeters meters) {
        return new OutboxRelay(mongo, bridge, properties.collections(), properties.source(), properties.interval(),
                meters);
    }

    @Bean(name = "store")
    StoreHealth storeHealth(ReactiveMongoTemplate mongo) {
        return new StoreHealth(mongo);
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }
}
