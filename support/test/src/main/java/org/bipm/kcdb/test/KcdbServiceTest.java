package org.bipm.kcdb.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of a service's component tests: the real broker and Mongo store of this JVM, a database of the test's
 * own, and tokens signed by {@link #ISSUER} (same checks as production, no identity provider needed).
 */
public abstract class KcdbServiceTest {

    public static final LocalIssuer ISSUER = new LocalIssuer();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.stream.kafka.binder.brokers", TestKafka::bootstrapServers);
        registry.add("spring.cloud.stream.kafka.binder.min-partition-count", () -> "1");
        // -Dkcdb.outbox.interval=PT5S: a benchmark runs the relay as the local platform does
        registry.add("kcdb.outbox.interval", () -> System.getProperty("kcdb.outbox.interval", "100ms"));
        // Meters read from the broker and the store at intervals: often enough for a test to see them move.
        registry.add("kcdb.metrics.dead-letters-interval", () -> "500ms");
        registry.add("kcdb.metrics.review-stages-interval", () -> "500ms");
    }

    /** Each test class names its database, so classes sharing the server never see each other's data. */
    protected static void database(DynamicPropertyRegistry registry, String name) {
        registry.add("spring.mongodb.uri", () -> TestMongo.uri(name));
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class LocalTokens {

        @Bean
        @Primary
        ReactiveJwtDecoder localIssuerDecoder() {
            return ISSUER.decoder();
        }
    }
}
