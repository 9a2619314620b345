package org.bipm.kcdb.support;

import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.support.outbox.OutboxProperties;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.web.ProblemHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The outbox relay, idempotent consumption and problem details, wired the same way in every service. */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class ServiceSupportAutoConfiguration {

    @Bean
    ProcessedEvents processedEvents(ReactiveMongoTemplate mongo) {
        return new ProcessedEvents(mongo);
    }

    @Bean
    @ConditionalOnProperty("kcdb.outbox.source")
    OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, StreamBridge bridge, OutboxProperties properties) {
        return new OutboxRelay(mongo, bridge, properties.collections(), properties.source(), properties.interval());
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
