package org.bipm.kcdb.test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/** One real Kafka broker per test JVM: the apache/kafka image, or an in-process KRaft broker. */
public final class TestKafka {

    private static volatile String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = switch (Infrastructure.chosen()) {
                case CONTAINERS -> {
                    KafkaContainer kafka = Containers.kafka();
                    kafka.start();
                    yield kafka.getBootstrapServers();
                }
                case EMBEDDED -> {
                    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                    broker.brokerProperty("auto.create.topics.enable", "true");
                    broker.afterPropertiesSet();
                    StopAfterSpring.register(broker::destroy);
                    yield broker.getBrokersAsString();
                }
            };
        }
        return bootstrapServers;
    }
}
