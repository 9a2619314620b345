package org.bipm.kcdb.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends and reads integration events on the real broker as another service would: CloudEvents headers,
 * keyed by aggregate id.
 */
public final class TestEvents implements AutoCloseable {

    /** How long reading up to the end of a topic may take before the wait for new events starts anyway. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final KafkaProducer<byte[], byte[]> producer;

    public TestEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
    }

    /** Publishes the event on its catalogue topic; sending the same instance twice is a redelivery. */
    public void send(IntegrationEvent event, String source) {
        send(event, source, Map.of());
    }

    /** {@link #send(IntegrationEvent, String)} with more headers, e.g. a W3C {@code traceparent}. */
    public void send(IntegrationEvent event, String source, Map<String, String> headers) {
        EventType type = EventType.of(event);
        send(type.topic().topicName(), event.aggregateId(), json.writeValueAsBytes(event),
                merged(CloudEventHeaders.of(event, source), headers));
    }

    /** A record as it is, e.g. one no consumer can read (it ends on the consumer's dead-letter topic). */
    public void send(String topic, String key, byte[] payload, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                payload);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> more) {
        Map<String, String> all = new java.util.LinkedHashMap<>(first);
        all.putAll(more);
        return all;
    }

    /** Waits for the first event of {@code type} that matches, reading the topic from its beginning. */
    public <E extends IntegrationEvent> E await(EventType type, Class<E> payload, Predicate<E> matching, Duration timeout) {
        List<E> found = collect(type, payload, matching, 1, timeout);
        if (found.isEmpty()) {
            throw new AssertionError("No " + type.ceType() + " event matched within " + timeout);
        }
        return found.get(0);
    }

    /**
     * All events of {@code type} that match: the topic is read from its beginning to the end it had when asked
     * (however long a loaded machine takes for that), then for {@code quietFor} more, for events still on their way.
     */
    public <E extends IntegrationEvent> List<E> all(EventType type, Class<E> payload, Predicate<E> matching,
                                                     Duration quietFor) {
        return collect(type, payload, matching, Integer.MAX_VALUE, quietFor);
    }

    /**
     * All events of {@code type} that match, once at least {@code expected} of them have arrived (a relay sends a
     * batch's events one by one, perhaps behind earlier ones) or {@code timeout} has passed, and those that arrive
     * {@code quietFor} after: for counting what a batch of commands sent, duplicates included.
     */
    public <E extends IntegrationEvent> List<E> allOf(EventType type, Class<E> payload, Predicate<E> matching,
                                                       int expected, Duration timeout, Duration quietFor) {
        collect(type, payload, matching, expected, timeout);
        return all(type, payload, matching, quietFor);
    }

    private <E extends IntegrationEvent> List<E> collect(EventType type, Class<E> payload, Predicate<E> matching,
                                                         int wanted, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<E> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            // Assigned, not subscribed: no group to join, so reading starts at once.
            List<TopicPartition> partitions = partitions(consumer, type.topic().topicName(), timeout);
            if (partitions.isEmpty()) {
                return found; // the topic does not exist: nothing was ever sent to it
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant catchUpDeadline = Instant.now().plus(CATCH_UP);
            Instant deadline = null;
            while (found.size() < wanted) {
                if (deadline == null && (caughtUp(consumer, end) || Instant.now().isAfter(catchUpDeadline))) {
                    deadline = Instant.now().plus(timeout);
                }
                if (deadline != null && Instant.now().isAfter(deadline)) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (type.ceType().equals(header(record, CloudEventHeaders.TYPE))) {
                        E event = json.readValue(record.value(), payload);
                        if (matching.test(event)) {
                            found.add(event);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                   Duration timeout) {
        Instant deadline = Instant.now().plus(timeout).plusSeconds(10);
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        return partitions;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The CloudEvents headers of the first record of {@code type} whose subject is {@code subject}. */
    public Map<String, String> headersOf(EventType type, String subject, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(type.topic().topicName()));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (type.ceType().equals(header(record, CloudEventHeaders.TYPE))
                            && subject.equals(header(record, CloudEventHeaders.SUBJECT))) {
                        Map<String, String> headers = new java.util.LinkedHashMap<>();
                        for (Header h : record.headers()) {
                            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                        }
                        headers.put("kafka.key", new String(record.key(), StandardCharsets.UTF_8));
                        return headers;
                    }
                }
            }
        }
        throw new AssertionError("No " + type.ceType() + " record for " + subject);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1)
                : text;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
