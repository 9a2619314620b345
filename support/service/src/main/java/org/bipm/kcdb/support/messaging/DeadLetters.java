package org.bipm.kcdb.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.bipm.kcdb.support.metrics.PeriodicGauges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many dead letters wait on each of this service's dead-letter topics ({@code kcdb.events.dead.letters}): the
 * records between each partition's start and end offset, read from the broker every {@code interval}. It is the
 * broker's count, not this instance's, so every instance shows the same value and nothing is lost on a restart; it
 * falls only when the records are deleted (retention, or an operator's {@code kafka-delete-records} after a replay,
 * docs/operations.md). A topic nothing was ever dead-lettered to counts zero.
 */
public class DeadLetters extends PeriodicGauges {

    public static final String METER = "kcdb.events.dead.letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration ASK = Duration.ofSeconds(10);

    private final Map<String, Object> adminConfig;
    private final List<String> topics;
    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();
    private Admin admin;

    /**
     * @param adminConfig the Kafka client configuration (bootstrap servers, security) to ask the broker with
     * @param topics      the dead-letter topics of this service's consumers
     */
    public DeadLetters(Map<String, Object> adminConfig, List<String> topics, Duration interval,
                       MeterRegistry registry) {
        super("dead-letters", interval);
        this.adminConfig = Map.copyOf(adminConfig);
        this.topics = List.copyOf(topics);
        for (String topic : this.topics) {
            AtomicLong count = new AtomicLong();
            waiting.put(topic, count);
            Gauge.builder(METER, count, AtomicLong::get)
                    .description("Records waiting on a dead-letter topic (events a consumer gave up on)")
                    .tag("topic", topic).register(registry);
        }
    }

    /** Asks the broker now; returns the counts per topic (also what the gauges show afterwards). */
    public Map<String, Long> refresh() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Long> counts = new HashMap<>();
        Map<String, TopicDescription> described = new HashMap<>();
        for (String topic : topics) {
            try {
                described.put(topic, admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                        .get(ASK.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                counts.put(topic, 0L); // never created: nothing was ever dead-lettered there
            }
        }
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions()
                .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        if (!partitions.isEmpty()) {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = offsets(partitions,
                    OffsetSpec.earliest());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = offsets(partitions,
                    OffsetSpec.latest());
            for (TopicPartition partition : partitions) {
                counts.merge(partition.topic(), end.get(partition).offset() - start.get(partition).offset(),
                        Long::sum);
            }
        }
        counts.forEach((topic, count) -> waiting.get(topic).set(count));
        return counts;
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(List<TopicPartition> partitions,
            OffsetSpec spec) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(p -> asked.put(p, spec));
        return admin.listOffsets(asked).all().get(ASK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void refreshOnSchedule() {
        try {
            refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The gauges keep their last values; the broker's own health shows elsewhere.
            log.debug("Could not count dead letters: {}", e.toString());
        }
    }

    @Override
    protected boolean opening() {
        if (topics.isEmpty()) {
            return false;
        }
        admin = Admin.create(adminConfig);
        return true;
    }

    @Override
    protected void closing() {
        admin.close(Duration.ofSeconds(2));
    }
}
