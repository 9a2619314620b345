package org.bipm.kcdb.publication;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bipm.kcdb.test.Eventually;
import org.bipm.kcdb.test.TestKafka;

/**
 * A consumer group through what its topics hold now. The module's test classes share one broker, and their Spring
 * contexts stay alive (cached): a group a test class is the first to join reads every record the classes before it
 * sent, and writes what they carry into its own store while the test runs. Which class comes first depends on the
 * order surefire runs them in (the file system's on a fresh checkout), so a test that compares its store before and
 * after waits for that backlog first.
 */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Until the group's committed offsets reach the ends the topics have now, for up to {@code patience}. */
    static void awaitThroughBacklog(String group, Collection<String> topics, Duration patience) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Eventually.await("group " + group + " through what " + topics + " held", patience, () -> {
                Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue()) ? true : null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The topics " + topics + " could not be read", e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The offsets of group " + group + " could not be read", e);
        }
    }
}
