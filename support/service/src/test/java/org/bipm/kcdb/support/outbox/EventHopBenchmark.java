package org.bipm.kcdb.support.outbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.PolledEvents;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name; skipped without -Dkcdb.bench=true): the
 * event hop of issue 15, item 7, from a command's write to the consumer's applied change, in one JVM and from one
 * clock. A command side writes aggregates with one event each in their outbox through the real
 * {@link AggregateStore} and {@link OutboxRelay}, paced at {@code kcdb.bench.hop.rate} writes a second (200, the
 * issue's load); a consumer side receives them through Spring Cloud Stream's Kafka binder and applies each through
 * {@link EventHandlers} and {@link ProcessedEvents} (look, the change's write, mark), as the review service opens a
 * case for each {@code cmc.submitted}. Both run on the services' shared settings ({@code kcdb-service-defaults.yml}),
 * the relay's periodic run every 5 s as on the local platform, against the component tests' kinds of broker (an
 * in-process KRaft broker, 12 partitions) and store (the Mongo-wire server, in memory).
 * <p>
 * Each setting ({@code kcdb.bench.hop.settings}, default {@code before,after,after,before}: the earlier settings and
 * the services' present ones, see {@link #SETTINGS}) runs in a Spring context of its own, one after the other, with a
 * warm-up of its own; windows of the same setting are summed, so that drift in the machine's load falls on both.
 * The hop is from the moment the command issues its write to the moment the consumer's write of the change is
 * acknowledged; the stages split it at the write's acknowledgement, the producer's {@code send}
 * ({@link ProducerProbe}), the broker's append (the record's LogAppendTime, millisecond resolution) and the consumer's
 * receipt; the consumer's polls and commits are counted ({@link ConsumerProbe}). Run: {@code bench/event-hop.sh}.
 */
class EventHopBenchmark {

    /**
     * The settings compared, by name, as properties of the context. {@code before}: the consumer as it was at
     * commit 7cfbc4a (a synchronous offset commit after each poll, {@code kcdb.messaging.sync-commits}). {@code after}:
     * the services' present settings (nothing overridden). {@code removal-awaited}: as {@code before}, with the relay
     * as it was before session 12 (each round's acknowledged events removed, awaited, before the next events go),
     * set on the relay itself ({@link OutboxRelay#awaitRemoval}). {@code threads}: the present settings with four
     * consumer threads on the binding (a probe of the consumer's share, not a setting of the services).
     * {@code converted}: the present settings with the consumer's input converted by Spring Cloud Function as before
     * session 16 (its JSON converter tried on every byte[] payload first, see kcdb-service-defaults.yml).
     * {@code unobserved}: the present settings without Spring Cloud Function's observation of each call (a probe:
     * the listener container's observation and span of each record stay). {@code stream-bridge}: the present
     * settings with the relay sending through {@code StreamBridge}, as before session 17 (see {@link BoundTopics}).
     * {@code looked-alone}: the present settings with the processed-event look one query a record, as before session
     * 17 (without {@link PolledEvents}). {@code observed}: the present settings with Spring Cloud Function's
     * observation of each call, as before session 17. {@code sampled-0.1}, {@code unsampled}: the present settings
     * sampling a tenth of the traces (the production stack's setting) and none (trace ids and the traceparent go on).
     */
    static final Map<String, Map<String, String>> SETTINGS = Map.ofEntries(
            Map.entry("before", Map.of("kcdb.messaging.sync-commits", "true")),
            Map.entry("after", Map.of()),
            Map.entry("converted",
                    Map.of("spring.cloud.stream.bindings.hop-in-0.consumer.use-native-decoding", "false")),
            Map.entry("unobserved", Map.of("spring.autoconfigure.exclude",
                    "org.springframework.cloud.function.observability.ObservationAutoConfiguration")),
            Map.entry("removal-awaited", Map.of("kcdb.messaging.sync-commits", "true")),
            Map.entry("threads", Map.of("spring.cloud.stream.bindings.hop-in-0.consumer.concurrency", "4")),
            Map.entry("stream-bridge", Map.of("kcdb.bench.hop.stream-bridge", "true")),
            Map.entry("looked-alone", Map.of(
                    "spring.cloud.stream.kafka.binder.consumer-properties[interceptor.classes]",
                    ConsumerProbe.class.getName())),
            Map.entry("observed", Map.of("management.observations.enable[spring.cloud.function]", "true")),
            Map.entry("sampled-0.1", Map.of("management.tracing.sampling.probability", "0.1")),
            Map.entry("unsampled", Map.of("management.tracing.sampling.probability", "0.0")));

    /** The command's aggregate: a draft CMC as its writer submits it. */
    record Draft(String id, String institute, int round) {
    }

    /** The consumer's change: the case it opens for the submitted CMC. */
    record Case(String id, String cmcId, String institute) {
    }

    /** What each event went through, in microseconds of one clock (the wall clock, {@link Instant#now()}). */
    static final class Hop {
        volatile long issued;
        volatile long stored;
        volatile long sent;
        volatile long appended;
        volatile long received;
        volatile long applied;
    }

    /** The consumers' polls and commits in the running window; filled by {@link ConsumerProbe}. */
    static final class Polls {
        final AtomicLong polls = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        final AtomicLong largest = new AtomicLong();
        final AtomicLong commits = new AtomicLong();
        /** Per commit answered on the consumer's thread right after its poll's records: the microseconds it held it. */
        final List<Long> commitWaits = java.util.Collections.synchronizedList(new ArrayList<>());
        /** CPU time of the listener containers' threads ({@code -C-}) and of the whole JVM over the window. */
        volatile long consumerCpu;
        volatile long processCpu;
        /** CPU time of the relay's thread ({@code outbox-relay}) over the window: its reads, sends and waits. */
        volatile long relayCpu;
        /** CPU time of the relay's thread inside {@link TopicSender#send}, and how many sends. */
        final AtomicLong sendCpu = new AtomicLong();
        final AtomicLong sends = new AtomicLong();
        volatile long applied;
        /**
         * CPU time of the consumer's thread from the end of one call of the consumer to the start of the next of the
         * same poll (the binder's and the observation's work for a record before and after the call), and in the
         * calls; neither depends on how many records a poll brings.
         */
        final AtomicLong between = new AtomicLong();
        final AtomicLong betweenCount = new AtomicLong();
        final AtomicLong inCall = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
    }

    static volatile Polls polls = new Polls();
    /** The running window's consumer group: a consumer of an earlier window still stopping is not counted. */
    static volatile String group = "";
    /** Per consumer thread: when it finished handling the last record (micros), zero once a commit answered. */
    private static final ThreadLocal<long[]> HANDLED = ThreadLocal.withInitial(() -> new long[1]);
    /** Per consumer thread: its CPU time when the last call of the consumer ended, zero after a poll. */
    private static final ThreadLocal<long[]> CALL_ENDED = ThreadLocal.withInitial(() -> new long[1]);

    /**
     * The producer's side, in the relay's producer ({@code interceptor.classes}): the moment each event is handed to
     * {@code send}, which is when the record's CreateTime would be set (the broker here stamps LogAppendTime).
     */
    public static final class ProducerProbe implements ProducerInterceptor<Object, Object> {
        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            if (SENT_HEADERS.isEmpty() && record.key() instanceof byte[] key && HOPS.containsKey(
                    new String(key, StandardCharsets.UTF_8))) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("(key)", new String(key, StandardCharsets.UTF_8));
                record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                SENT_HEADERS.putAll(headers);
            }
            if (record.key() instanceof byte[] key) {
                Hop hop = HOPS.get(new String(key, StandardCharsets.UTF_8));
                if (hop != null) {
                    hop.sent = micros();
                }
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    /** The consumer's side ({@code interceptor.classes}): records per poll, commits and how long each held it. */
    public static final class ConsumerProbe implements ConsumerInterceptor<Object, Object> {
        private volatile String groupId = "";

        @Override
        public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
            if (!records.isEmpty() && groupId.equals(group)) {
                Polls current = polls;
                current.polls.incrementAndGet();
                current.records.addAndGet(records.count());
                current.largest.accumulateAndGet(records.count(), Math::max);
            }
            CALL_ENDED.get()[0] = 0;
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (!groupId.equals(group)) {
                return;
            }
            Polls current = polls;
            current.commits.incrementAndGet();
            long[] handled = HANDLED.get();
            // only a synchronous commit holds the thread; an asynchronous one is answered within a later poll
            boolean sync = java.util.Arrays.stream(Thread.currentThread().getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("commitSync"));
            if (sync && handled[0] != 0) {
                current.commitWaits.add(micros() - handled[0]);
                handled[0] = 0;
            }
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
            groupId = String.valueOf(configs.get("group.id"));
        }
    }

    /** The key and headers of the first record of the running window, as the producer was given them. */
    static final Map<String, String> SENT_HEADERS = new ConcurrentHashMap<>();

    /** The hops of the running window, by aggregate id; the consumer fills in its side. */
    static final Map<String, Hop> HOPS = new ConcurrentHashMap<>();
    /** The consumer's receipt of the event being handled on this thread (the binder's record timestamp with it). */
    private static final ThreadLocal<long[]> RECEIPT = new ThreadLocal<>();

    @Test
    void fromTheCommandsWriteToTheAppliedChange() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int rate = Integer.getInteger("kcdb.bench.hop.rate", 200);
        int seconds = Integer.getInteger("kcdb.bench.hop.seconds", 15);
        int warmUp = Integer.getInteger("kcdb.bench.hop.warm-up", 5);
        List<String> order = List.of(System.getProperty("kcdb.bench.hop.settings", "before,after,after,before")
                .split(","));
        MongoServer store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", 0);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 12, "kcdb.cmc.submissions");
        // the record's timestamp is the broker's append: the consumer's side splits at it, the producer's is probed
        broker.brokerProperty("log.message.timestamp.type", "LogAppendTime");
        broker.afterPropertiesSet();
        double loadBefore = load();
        Map<String, List<Hop>> hops = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, List<Polls>> pollsOf = new LinkedHashMap<>();
        try {
            for (int window = 0; window < order.size(); window++) {
                String setting = order.get(window);
                if (!SETTINGS.containsKey(setting)) {
                    throw new IllegalArgumentException("unknown setting " + setting + ", one of " + SETTINGS.keySet());
                }
                List<Hop> measured = window(window, setting, store, broker.getBrokersAsString(), rate, warmUp,
                        seconds);
                List<Hop> complete = measured.stream().filter(h -> h.applied != 0).toList();
                System.out.printf(Locale.ROOT, "window %d (%s): consumer threads %.3f ms CPU an event, relay's thread"
                                + " %.3f ms, JVM %.3f ms%n", window + 1, setting,
                        polls.consumerCpu / 1e6 / Math.max(1, polls.applied),
                        polls.relayCpu / 1e6 / Math.max(1, polls.applied),
                        polls.processCpu / 1e6 / Math.max(1, polls.applied));
                System.out.printf(Locale.ROOT, "window %d (%s): the relay thread's CPU in send %.1f us a send (%d)%n",
                        window + 1, setting, polls.sendCpu.get() / 1e3 / Math.max(1, polls.sends.get()),
                        polls.sends.get());
                System.out.printf(Locale.ROOT, "window %d (%s): first record sent: %s%n", window + 1, setting,
                        new java.util.TreeMap<>(SENT_HEADERS));
                if (window == 0 && Boolean.getBoolean("kcdb.bench.hop.skip-first")) {
                    // the JVM's own warm-up (JIT): the first window costs more CPU per event whatever its setting
                    System.out.printf(Locale.ROOT, "window 1 (%s): not counted%n", setting);
                    continue;
                }
                hops.computeIfAbsent(setting, s -> new ArrayList<>()).addAll(complete);
                pollsOf.computeIfAbsent(setting, s -> new ArrayList<>()).add(polls);
                missing.merge(setting, measured.size() - complete.size(), Integer::sum);
                System.out.printf(Locale.ROOT, "window %d (%s): %d events, p99 %.1f ms, load %.1f%n", window + 1,
                        setting, complete.size(), percentile(total(complete), 99), load());
            }
        } finally {
            broker.destroy();
            store.shutdownNow();
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-8s %7s %8s %8s %8s %8s %8s%n", "setting", "events", "p50 ms",
                "p95 ms", "p99 ms", "max ms", "missing"));
        hops.forEach((setting, list) -> {
            double[] total = total(list);
            table.append(String.format(Locale.ROOT, "%-8s %7d %8.1f %8.1f %8.1f %8.1f %8d%n", setting, list.size(),
                    percentile(total, 50), percentile(total, 95), percentile(total, 99), percentile(total, 100),
                    missing.get(setting)));
        });
        table.append(String.format(Locale.ROOT, "%nstages, p50 / p99 ms: %-18s %-18s %-18s %-18s %-18s%n",
                "write", "stored -> sent", "sent -> appended", "appended -> recv.", "received -> applied"));
        hops.forEach((setting, list) -> table.append(String.format(Locale.ROOT, "%-8s %31s %18s %18s %18s %18s%n",
                setting, stage(list, h -> h.stored - h.issued), stage(list, h -> h.sent - h.stored),
                stage(list, h -> h.appended - h.sent), stage(list, h -> h.received - h.appended),
                stage(list, h -> h.applied - h.received))));
        table.append(String.format(Locale.ROOT, "%nconsumer, measured windows: %8s %10s %12s %8s %8s %22s%n",
                "polls", "rec./poll", "largest poll", "commits", "holding", "holds p50/p99 ms"));
        pollsOf.forEach((setting, list) -> {
            long count = list.stream().mapToLong(p -> p.polls.get()).sum();
            long records = list.stream().mapToLong(p -> p.records.get()).sum();
            double[] waits = list.stream().flatMap(p -> p.commitWaits.stream()).mapToDouble(w -> w / 1000.0)
                    .sorted().toArray();
            table.append(String.format(Locale.ROOT, "%-27s %8d %10.2f %12d %8d %8d %22s%n", setting, count,
                    count == 0 ? 0.0 : (double) records / count,
                    list.stream().mapToLong(p -> p.largest.get()).max().orElse(0),
                    list.stream().mapToLong(p -> p.commits.get()).sum(), waits.length,
                    waits.length == 0 ? "none on the thread" : String.format(Locale.ROOT, "%.1f / %.1f",
                            percentile(waits, 50), percentile(waits, 99))));
        });
        table.append(String.format(Locale.ROOT, "%nCPU per applied event, measured windows: %18s %16s %14s%n",
                "consumer threads", "relay's thread", "whole JVM"));
        pollsOf.forEach((setting, list) -> {
            long applied = Math.max(1, list.stream().mapToLong(p -> p.applied).sum());
            table.append(String.format(Locale.ROOT, "%-40s %15.3f ms %13.3f ms %11.3f ms%n", setting,
                    list.stream().mapToLong(p -> p.consumerCpu).sum() / 1e6 / applied,
                    list.stream().mapToLong(p -> p.relayCpu).sum() / 1e6 / applied,
                    list.stream().mapToLong(p -> p.processCpu).sum() / 1e6 / applied));
        });
        table.append(String.format(Locale.ROOT, "%nthe relay thread's CPU in send, measured windows:%n"));
        pollsOf.forEach((setting, list) -> table.append(String.format(Locale.ROOT, "%-40s %10.1f us a send%n",
                setting, list.stream().mapToLong(p -> p.sendCpu.get()).sum() / 1e3
                        / Math.max(1, list.stream().mapToLong(p -> p.sends.get()).sum()))));
        table.append(String.format(Locale.ROOT, "%nconsumer thread's CPU per record, measured windows: %24s %12s%n",
                "between calls (no poll)", "in the call"));
        pollsOf.forEach((setting, list) -> table.append(String.format(Locale.ROOT, "%-51s %21.1f us %9.1f us%n",
                setting, list.stream().mapToLong(p -> p.between.get()).sum() / 1e3
                        / Math.max(1, list.stream().mapToLong(p -> p.betweenCount.get()).sum()),
                list.stream().mapToLong(p -> p.inCall.get()).sum() / 1e3
                        / Math.max(1, list.stream().mapToLong(p -> p.calls.get()).sum()))));
        System.out.printf(Locale.ROOT, "%n==== KCDB event hop ====%n"
                        + "%d writes/s, %d s measured per window after %d s of warm-up, windows %s; %d cores, load"
                        + " average before %.1f%n%sload average after %.1f%n", rate, seconds, warmUp,
                String.join(",", order), Runtime.getRuntime().availableProcessors(), loadBefore, table, load());
    }

    /** One setting in a context of its own: warm-up, then the measured writes, then until each is applied. */
    private static List<Hop> window(int window, String setting, MongoServer store, String brokers, int rate,
                                    int warmUp, int seconds) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.import=classpath:kcdb-service-defaults.yml",
                "--server.port=0",
                "--spring.application.name=event-hop-" + setting,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + store.getLocalAddress().getPort() + "/hop-" + window,
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.cloud.function.definition=hop",
                "--spring.cloud.stream.bindings.hop-in-0.destination=kcdb.cmc.submissions",
                "--spring.cloud.stream.bindings.hop-in-0.group=hop-" + window,
                // a new group per window reads from the end: what the previous windows wrote is not this one's
                "--spring.cloud.stream.kafka.bindings.hop-in-0.consumer.start-offset=latest",
                "--kcdb.outbox.source=/kcdb/bench",
                "--kcdb.outbox.collections=drafts",
                // as the local platform runs the relay's periodic run (Platform)
                "--kcdb.outbox.interval=PT5S",
                "--spring.cloud.stream.kafka.binder.producer-properties[interceptor.classes]="
                        + ProducerProbe.class.getName(),
                // the services' own interceptor (kcdb-service-defaults.yml) and the probe
                "--spring.cloud.stream.kafka.binder.consumer-properties[interceptor.classes]="
                        + PolledEvents.class.getName() + "," + ConsumerProbe.class.getName(),
                "--logging.level.root=WARN"));
        SETTINGS.get(setting).forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = SpringApplication.run(HopService.class, args.toArray(String[]::new));
        try {
            @SuppressWarnings("unchecked")
            AggregateStore<Draft> drafts = context.getBean("drafts", AggregateStore.class);
            context.getBean(OutboxRelay.class).awaitRemoval("removal-awaited".equals(setting));
            HOPS.clear();
            polls = new Polls(); // the warm-up's sends are not the previous window's
            // a new group reads from the end once it has its partitions: until then a write a second, not counted
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            List<Hop> first = new ArrayList<>();
            while (first.stream().noneMatch(h -> h.applied != 0) && System.nanoTime() < until) {
                first.addAll(pace(drafts, 1, 1));
            }
            HOPS.clear();
            List<Hop> warm = pace(drafts, rate, warmUp);
            awaitApplied(warm, 30);
            HOPS.clear();
            polls = new Polls();
            group = "hop-" + window;
            SENT_HEADERS.clear();
            long consumerCpu = consumerCpu();
            long relayCpu = threadCpu("outbox-relay");
            long processCpu = processCpu();
            List<Hop> measured = pace(drafts, rate, seconds);
            awaitApplied(measured, 30);
            polls.consumerCpu = consumerCpu() - consumerCpu;
            polls.relayCpu = threadCpu("outbox-relay") - relayCpu;
            polls.processCpu = processCpu() - processCpu;
            polls.applied = measured.stream().filter(h -> h.applied != 0).count();
            return measured;
        } finally {
            context.close();
        }
    }

    /** Writes {@code rate} drafts a second for {@code seconds}, each issued at its moment without waiting. */
    private static List<Hop> pace(AggregateStore<Draft> drafts, int rate, int seconds) {
        List<Hop> written = new ArrayList<>();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            long at = start + i * period;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String id = "cmc-" + UUID.randomUUID();
            Hop hop = new Hop();
            HOPS.put(id, hop);
            written.add(hop);
            Draft draft = new Draft(id, "NPL", 1);
            hop.issued = micros();
            drafts.insert(id, Outcome.of(draft, new CmcWithdrawn(UUID.randomUUID(), Instant.now(), 1, id, 1,
                    "NPL", "GB", "EURAMET", "writer.npl", "event hop")))
                    .subscribe(stored -> hop.stored = micros(), failed -> hop.stored = -1);
        }
        return written;
    }

    private static void awaitApplied(List<Hop> hops, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until && hops.stream().anyMatch(h -> h.applied == 0)) {
            Thread.sleep(50);
        }
    }

    @SpringBootApplication(proxyBeanMethods = false)
    static class HopService {

        @Bean
        AggregateStore<Draft> drafts(ReactiveMongoTemplate mongo, JsonMapper json, OutboxRelay relay) {
            return new AggregateStore<>(mongo, json, Draft.class, "drafts", "draft", id -> relay.nudge("drafts", id));
        }

        /**
         * The relay's sends, through {@code StreamBridge} as before session 17 with the setting {@code stream-bridge},
         * through {@link BoundTopics} otherwise, the sending thread's CPU in each counted ({@link Polls#sendCpu}).
         */
        @Bean
        @org.springframework.context.annotation.Primary
        TopicSender timedSends(org.springframework.cloud.stream.function.StreamBridge bridge, BoundTopics bound,
                               @org.springframework.beans.factory.annotation.Value(
                                       "${kcdb.bench.hop.stream-bridge:false}") boolean throughBridge) {
            TopicSender topics = throughBridge ? bridge::send : bound;
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return (topic, message) -> {
                long cpu = threads.getCurrentThreadCpuTime();
                try {
                    return topics.send(topic, message);
                } finally {
                    Polls current = polls;
                    current.sendCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
                    current.sends.incrementAndGet();
                }
            };
        }

        /** The services' way out, bound only when used (unbound when the context closes). */
        @Bean
        BoundTopics boundTopics(org.springframework.cloud.stream.binding.BindingService bindings,
                                org.springframework.context.ApplicationContext context) {
            return new BoundTopics(bindings, context);
        }

        @Bean
        AggregateStore<Case> cases(ReactiveMongoTemplate mongo, JsonMapper json) {
            return new AggregateStore<>(mongo, json, Case.class, "cases");
        }

        /** The consumer as the review service's: look, the case's write, mark; its receipt noted before. */
        @Bean
        Consumer<Message<byte[]>> hop(ProcessedEvents processed, JsonMapper json, AggregateStore<Case> cases) {
            EventHandlers handlers = EventHandlers.forConsumer("bench.hop", processed, json)
                    .<CmcWithdrawn>on(EventType.CMC_WITHDRAWN, event -> {
                        cases.insert("case-" + event.cmcId(), new Case("case-" + event.cmcId(), event.cmcId(),
                                event.institute()), List.of()).block();
                        Hop hop = HOPS.get(event.cmcId());
                        long[] receipt = RECEIPT.get();
                        if (hop != null && receipt != null) {
                            hop.received = receipt[0];
                            hop.appended = receipt[1];
                            hop.applied = micros();
                        }
                    });
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return message -> {
                long start = threads.getCurrentThreadCpuTime();
                long[] ended = CALL_ENDED.get();
                Polls current = polls;
                if (ended[0] != 0) {
                    current.between.addAndGet(start - ended[0]);
                    current.betweenCount.incrementAndGet();
                }
                Object timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP);
                RECEIPT.set(new long[] {micros(), timestamp instanceof Long ms ? ms * 1000 : 0});
                try {
                    handlers.accept(message);
                } finally {
                    RECEIPT.remove();
                    HANDLED.get()[0] = micros();
                    ended[0] = threads.getCurrentThreadCpuTime();
                    current.inCall.addAndGet(ended[0] - start);
                    current.calls.incrementAndGet();
                }
            };
        }
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static double[] total(List<Hop> hops) {
        return hops.stream().mapToDouble(h -> (h.applied - h.issued) / 1000.0).sorted().toArray();
    }

    private static String stage(List<Hop> hops, java.util.function.ToLongFunction<Hop> took) {
        double[] sorted = hops.stream().mapToDouble(h -> took.applyAsLong(h) / 1000.0).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f / %.1f", percentile(sorted, 50), percentile(sorted, 99));
    }

    private static double percentile(double[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0,
                (int) Math.ceil(percentile / 100.0 * sorted.length) - 1))];
    }

    /** The CPU time of the listener containers' consumer threads ({@code -C-} in their names) alive now. */
    private static long consumerCpu() {
        return threadCpu("-C-");
    }

    /** The CPU time of the threads whose name contains {@code name}. */
    private static long threadCpu(String name) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(name)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
