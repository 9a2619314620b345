package org.bipm.kcdb.test;

import org.apache.kafka.common.utils.Exit;
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
                    // The broker's log directories are Kafka's test temp directories, which Kafka deletes in a
                    // shutdown hook of its own: run at once at the JVM's exit, it took the broker's data away while
                    // Spring was still closing the cached contexts, whose clients then waited 30 s for a broker gone.
                    Exit.setShutdownHookAdder((name, hook) -> StopAfterSpring.register(hook));
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
