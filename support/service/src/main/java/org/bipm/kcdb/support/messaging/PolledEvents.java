package org.bipm.kcdb.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.bipm.kcdb.events.CloudEventHeaders;

/**
 * The records of the last poll of each consumer thread, so that {@link ProcessedEvents} looks up which of a poll's
 * events were applied in one query instead of one a record (issue 15). A Kafka consumer interceptor (every binding:
 * {@code interceptor.classes} in kcdb-service-defaults.yml): Kafka calls it on the thread that polls, which the
 * listener container then calls the consumer on, record after record.
 * <p>
 * A poll's look is as good as a look before each record while no other member of the group can hold the poll's
 * partitions: the coordinator gives them to another member only at a rebalance this consumer takes part in through
 * its next poll, or after it has not polled for the poll interval (5 min) or not sent a heartbeat for the session
 * timeout (45 s). So the answer is taken for {@link #TRUSTED} after the poll, then looked up record by record again;
 * what this thread marked since the poll counts as applied ({@link Looked#marked}).
 * <p>
 * A consumer that applies a run of a poll's events of one type at once ({@link EventHandlers#onIdempotentRun}) reads
 * the run's payloads from here ({@link #following}) and notes the events it applied ahead of their records
 * ({@link #appliedAhead}), so that it passes over them when the listener container hands them over.
 */
public final class PolledEvents implements ConsumerInterceptor<Object, Object> {

    /** How long after its poll a poll's look answers for its records: well within the session timeout. */
    static final long TRUSTED = TimeUnit.SECONDS.toNanos(10);

    private static final ThreadLocal<Poll> LAST = new ThreadLocal<>();

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        LAST.set(new Poll(records, System.nanoTime()));
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    /**
     * The last poll of this thread, if it brought the event (by its {@code ce_id}) no longer than {@link #TRUSTED}
     * ago; otherwise null, and the event is looked up alone.
     */
    static Poll lastWith(String eventId) {
        Poll poll = LAST.get();
        return poll != null && System.nanoTime() - poll.at < TRUSTED && poll.ids().containsKey(eventId) ? poll : null;
    }

    /** Sets this thread's last poll; for tests that call a consumer without a broker. */
    static void polled(ConsumerRecords<?, ?> records) {
        LAST.set(new Poll(records, System.nanoTime()));
    }

    static void forget() {
        LAST.remove();
    }

    /**
     * The records of type {@code ceType} that follow the event's own in this thread's last poll, in
     * the order the listener container hands them over, up to the first record whose type {@code ends} the run (or
     * that has no type, no id, or no payload as bytes); records of other types that do not end it are passed over. Empty
     * when the last poll did not bring the event. Not limited to {@link #TRUSTED}: what a run applies ahead is
     * applied by an idempotent handler and marked, which holds whoever owns the partition by then.
     */
    static List<Polled> following(String eventId, String ceType, Predicate<String> ends) {
        return following(eventId, ceType::equals, type -> ceType.equals(type) || ends.test(type));
    }

    /**
     * The records whose type the consumer {@code takes} that follow the event's own in this thread's last poll, in the
     * order the listener container hands them over, whatever their types, up to the first taken one without an id or
     * a payload as bytes, or one without a type; records of the types it does not take (those its filter drops) are
     * passed over. For a consumer that applies a poll's events in one go in their order, idempotently on its own
     * (the feed), and notes them {@link #appliedAhead}. Empty when the last poll did not bring the event.
     */
    public static List<Polled> followingOf(String eventId, Predicate<String> takes) {
        return following(eventId, takes, type -> false);
    }

    private static List<Polled> following(String eventId, Predicate<String> takes, Predicate<String> ends) {
        Poll poll = LAST.get();
        Integer at = poll == null ? null : poll.positions().get(eventId);
        if (at == null) {
            return List.of();
        }
        List<Polled> run = new ArrayList<>();
        List<ConsumerRecord<?, ?>> records = poll.inOrder;
        for (int i = at + 1; i < records.size(); i++) {
            ConsumerRecord<?, ?> record = records.get(i);
            String type = header(record, CloudEventHeaders.TYPE);
            String id = header(record, CloudEventHeaders.ID);
            boolean taken = type != null && takes.test(type);
            if (taken && id != null && record.value() instanceof byte[] payload) {
                run.add(new Polled(id, type, payload));
            } else if (type == null || taken || ends.test(type)) {
                break;
            }
        }
        return run;
    }

    /** A record of a run: its event's id ({@code ce_id}), its type ({@code ce_type}) and its payload. */
    public record Polled(String eventId, String ceType, byte[] payload) {
    }

    /** Notes events the consumer applied and marked ahead of their records, with an earlier record of this poll. */
    public static void appliedAhead(String consumer, Iterable<String> eventIds) {
        Poll poll = LAST.get();
        if (poll != null) {
            Set<String> ahead = poll.ahead.computeIfAbsent(consumer, c -> new HashSet<>());
            eventIds.forEach(ahead::add);
        }
    }

    /** Whether the consumer applied the event ahead of its record ({@link #appliedAhead}). */
    public static boolean isAppliedAhead(String consumer, String eventId) {
        Poll poll = LAST.get();
        Set<String> ahead = poll == null ? null : poll.ahead.get(consumer);
        return ahead != null && ahead.contains(eventId);
    }

    /** One poll: its events' ids with their types, and what each consumer found applied among them. */
    static final class Poll {

        private final ConsumerRecords<?, ?> records;
        private final long at;
        private Map<String, String> ids;
        /** The records in the order the listener container hands them over, and each event's position there. */
        private List<ConsumerRecord<?, ?>> inOrder;
        private Map<String, Integer> positions;
        private final Map<String, Looked> looked = new HashMap<>();
        /** What each consumer applied ahead of its records ({@link #appliedAhead}). */
        private final Map<String, Set<String>> ahead = new HashMap<>();

        private Poll(ConsumerRecords<?, ?> records, long at) {
            this.records = records;
            this.at = at;
        }

        /** The poll's event ids ({@code ce_id}) and their {@code ce_type}, read once when first asked. */
        Map<String, String> ids() {
            if (ids == null) {
                ids = new HashMap<>();
                for (ConsumerRecord<?, ?> record : records) {
                    String id = header(record, CloudEventHeaders.ID);
                    if (id != null) {
                        ids.put(id, header(record, CloudEventHeaders.TYPE));
                    }
                }
            }
            return ids;
        }

        /** Each event's position in the poll (its first, if the poll brought it twice), read once when first asked. */
        Map<String, Integer> positions() {
            if (positions == null) {
                inOrder = new ArrayList<>(records.count());
                positions = new HashMap<>();
                for (ConsumerRecord<?, ?> record : records) {
                    String id = header(record, CloudEventHeaders.ID);
                    if (id != null) {
                        positions.putIfAbsent(id, inOrder.size());
                    }
                    inOrder.add(record);
                }
            }
            return positions;
        }

        /** The ids of the poll's events whose type the consumer looks up before applying. */
        Set<String> idsOf(Predicate<String> looksUp) {
            Set<String> of = new HashSet<>();
            ids().forEach((id, type) -> {
                if (type == null || looksUp.test(type)) {
                    of.add(id);
                }
            });
            return of;
        }

        Looked lookedBy(String consumer) {
            return looked.get(consumer);
        }

        void looked(String consumer, Looked answer) {
            looked.put(consumer, answer);
        }
    }

    /** A consumer's look over a poll: which of the ids it asked about were applied, and what it marked since. */
    record Looked(Set<String> asked, Set<String> applied) {

        /** Null when this look did not ask about the event: it is looked up alone. */
        Boolean answer(String eventId) {
            return applied.contains(eventId) ? Boolean.TRUE : asked.contains(eventId) ? Boolean.FALSE : null;
        }

        void marked(String eventId) {
            applied.add(eventId);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        // The binder's header mapper JSON-quotes strings.
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }
}
