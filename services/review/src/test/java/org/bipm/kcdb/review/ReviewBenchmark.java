package org.bipm.kcdb.review;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.directory.InMemoryDirectory;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.application.ReviewQueries;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.RmoDecision;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.Bulk;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.Message;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name): the review service's two stages of the
 * pipeline (issue 15 item 2), the code before and after side by side in one JVM, on the component tests' broker
 * (topics of 12 partitions, as the platform) and an in-memory store whose conditional writes read their document by
 * id, as the platform's store does ({@link IdIndexedMemoryBackend}). Run: {@code bench/review.sh}.
 * <ol>
 * <li>Cases opened: {@code kcdb.bench.cmcs} (default 2 000) {@code cmc.submitted}, keyed by CMC, sent at once onto
 * the topic of a consumer, timed until every case is stored. Before: the consumer as it was (one thread; a look in
 * the processed events, a look for the case, the insert, the mark), kept here on a topic of its own; after: the
 * service's {@code submissionEvents} as configured.</li>
 * <li>Inter-RMO intents and approvals: the five other RMOs' chairs at once, each {@code bulk-rmo-intents} then
 * {@code bulk-rmo-decisions} APPROVE in requests of 500, each chair starting at another place of the list, refused
 * items sent again, as the platform benchmark drives them; called in this JVM (no HTTP), on three sets of cases.
 * Before: each case read and changed on its own (the old path, kept here); records set whole: {@link
 * ReviewApplication#bulk} writing the top-level properties each change changed, the new elements of a grown list
 * pushed, a changed record (the round) set whole (the store as before issue 15's fourth pass, kept here); after:
 * {@link ReviewApplication#bulk} as the service runs it, a changed record gone into.</li>
 * <li>Between the two, the clock's tick over every case in inter-RMO review, nothing due: before (each case's id
 * from one query, then the case read again by its id, kept here) and after ({@link ReviewApplication#advanceAll}).
 * The last column is the CPU of the threads that are the review service's on the platform (not the in-memory
 * store's nor the in-process broker's).</li>
 * </ol>
 * With {@code -Dkcdb.bench.opening=true} only the case openings, paced, side by side: see {@link
 * #openingSideBySide}.
 */
@KcdbComponentTest(properties = {
        "kcdb.review.clock-tick=1d",
        "spring.cloud.function.definition=submissionEvents;submissionEventsBefore;submissionEventsOneByOne;"
                + "comparisonEvents",
        "spring.cloud.stream.bindings.submissionEventsOneByOne-in-0.destination=" + ReviewBenchmark.ONE_BY_ONE_TOPIC,
        "spring.cloud.stream.bindings.submissionEventsOneByOne-in-0.group=review-bench-one-by-one",
        "spring.cloud.stream.bindings.submissionEventsOneByOne-in-0.consumer.concurrency=4",
        "spring.cloud.stream.bindings.submissionEventsBefore-in-0.destination=" + ReviewBenchmark.BEFORE_TOPIC,
        "spring.cloud.stream.bindings.submissionEventsBefore-in-0.group=review-bench-before",
        "spring.cloud.stream.bindings.submissionEventsBefore-in-0.consumer.concurrency=1"})
@Import(ReviewBenchmark.Before.class)
class ReviewBenchmark extends KcdbServiceTest {

    static final String BEFORE_TOPIC = "kcdb.bench.review-before.submissions";
    static final String ONE_BY_ONE_TOPIC = "kcdb.bench.review-one-by-one.submissions";
    private static final List<String> OTHER_CHAIRS = List.of("chair.sim", "chair.apmp", "chair.coomet",
            "chair.afrimets", "chair.gulfmet");

    @Autowired
    ReviewApplication reviews;
    @Autowired
    TopLevelReviews topLevel;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    ReactiveJwtDecoder tokens;
    @Autowired
    StoredCases storedCases;
    @Autowired
    AggregateStore<ReviewCase> caseStore;
    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        // a store of its own whose conditional writes find their document by id, as the platform's store does
        MongoServer store = new MongoServer(new IdIndexedMemoryBackend());
        store.bind("127.0.0.1", 0);
        InetSocketAddress address = store.getLocalAddress();
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + address.getPort() + "/review-benchmark");
        registry.add("spring.cloud.stream.kafka.binder.min-partition-count", () -> "12");
    }

    /** The consumer before issue 15's change: a look before the handler, and a look for the case before its insert. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Before {

        @Bean
        Consumer<Message<byte[]>> submissionEventsBefore(AggregateStore<ReviewCase> cases,
                                                         ProcessedEvents processed, JsonMapper json, Clock clock) {
            return EventHandlers.forConsumer("review.submissions.before", processed, json)
                    .<CmcSubmitted>on(EventType.CMC_SUBMITTED, submitted -> {
                        String id = ReviewCase.idFor(submitted.cmcId());
                        if (cases.find(id).block() == null) {
                            try {
                                cases.insert(id, ReviewCase.open(submitted, clock.instant())).block();
                                return;
                            } catch (DuplicateKeyException openedMeanwhile) {
                                // continued below
                            }
                        }
                        cases.change(id, c -> c.resubmitted(submitted, clock.instant())).block();
                    });
        }

        /**
         * The consumer before the openings went a run at a time: four threads, each event's case inserted alone (a
         * taken id continued as a resubmission), each event marked alone, no look first.
         */
        @Bean
        Consumer<Message<byte[]>> submissionEventsOneByOne(AggregateStore<ReviewCase> cases,
                                                           ProcessedEvents processed, JsonMapper json, Clock clock,
                                                           ReviewProperties properties) {
            return EventHandlers.forConsumer("review.submissions.one-by-one", processed, json)
                    .<CmcSubmitted>onIdempotent(EventType.CMC_SUBMITTED, any -> true, submitted -> {
                        String id = ReviewCase.idFor(submitted.cmcId());
                        try {
                            cases.insert(id, ReviewCase.open(submitted, properties.rules(), clock.instant())).block();
                            return;
                        } catch (DuplicateKeyException opened) {
                            // continued below
                        }
                        cases.change(id, c -> c.resubmitted(submitted, clock.instant())).block();
                    });
        }

        @Bean
        @Primary
        Directory benchmarkDirectory() {
            return InMemoryDirectory.ofRealm();
        }

        /**
         * The commands as they wrote before issue 15's fourth pass: each change writes the top-level properties it
         * changed, a list that grew at its end (the history) by pushing its new elements, but a changed record or
         * list element (the case's inter-RMO round) set whole; on the same collection, relay and reads. (Before the
         * third pass a grown list was set whole too; before the second, the whole case at every change.)
         */
        @Bean
        TopLevelReviews topLevelReviews(ReactiveMongoTemplate mongo, JsonMapper json, OutboxRelay relay,
                                        StoredCases stored, ReviewQueries queries, ReviewProperties properties,
                                        Clock clock, Directory directory) {
            AggregateStore<ReviewCase> topLevel = new AggregateStore<>(mongo, json, ReviewCase.class,
                    StoredCases.COLLECTION, "review case", id -> relay.nudge(StoredCases.COLLECTION, id), true,
                    AggregateStore.ChangesWritten.APPENDS);
            return new TopLevelReviews(new ReviewApplication(topLevel, stored, queries, properties.rules(), clock,
                    directory));
        }
    }

    /** The review's commands setting a changed record whole (not a bean of the service's type). */
    record TopLevelReviews(ReviewApplication reviews) {
    }

    @Test
    void openAndReviewCases() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int cmcs = Integer.getInteger("kcdb.bench.cmcs", 2_000);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // as the services' relays send
        StringBuilder report = new StringBuilder();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            String afterTopic = EventType.CMC_SUBMITTED.topic().topicName();
            // warm-up: a few cases through each consumer and each bulk path, so partitions and the JIT are there
            long stored = 0;
            List<String> warmBefore = send(producer, BEFORE_TOPIC, 50);
            stored = awaitCases(stored + 50);
            List<String> warmAfter = send(producer, afterTopic, 50);
            stored = awaitCases(stored + 50);
            List<String> warmWhole = send(producer, afterTopic, 50);
            stored = awaitCases(stored + 50);
            approveIntraRmo(warmBefore);
            approveIntraRmo(warmAfter);
            approveIntraRmo(warmWhole);
            interRmo(warmBefore, this::intentBefore, this::decisionBefore);
            interRmo(warmWhole, this::intentTopLevel, this::decisionTopLevel);
            interRmo(warmAfter, this::intentAfter, this::decisionAfter);

            if (Boolean.getBoolean("kcdb.bench.opening")) {
                send(producer, ONE_BY_ONE_TOPIC, 50);
                stored = awaitCases(stored + 50);
                openingSideBySide(producer, os, stored, report);
                System.out.printf(Locale.ROOT, "%n==== review benchmark ====%n"
                                + "machine: %d cores, Java %s; load average before %.1f%n%sload average after %.1f%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore,
                        report, os.getSystemLoadAverage());
                return;
            }
            report.append(String.format(Locale.ROOT, "%-44s %9s %9s %11s %11s%n", "stage", "s", "CMCs/s", "CPU ms/CMC",
                    "svc ms/CMC"));
            long cpu = mark(os);
            long start = System.nanoTime();
            List<String> before = send(producer, BEFORE_TOPIC, cmcs);
            stored = awaitCases(stored + cmcs);
            row(report, "cases opened, before (1 thread, look+mark)", start, cpu, os, cmcs);

            cpu = mark(os);
            start = System.nanoTime();
            List<String> after = send(producer, afterTopic, cmcs);
            stored = awaitCases(stored + cmcs);
            row(report, "cases opened, after (as configured)", start, cpu, os, cmcs);
            List<String> whole = send(producer, afterTopic, cmcs); // not timed: for the records set whole below
            stored = awaitCases(stored + cmcs);

            approveIntraRmo(before);
            approveIntraRmo(after);
            approveIntraRmo(whole);
            // the clock's tick over every case in inter-RMO review (nothing is due: each case is read, none written)
            int inInterRmo = 3 * cmcs + 150;
            // -Dkcdb.bench.afterFirst=true runs each stage's after before its before: the order's own effect (a
            // fuller store, a warmer JIT) shows against the other run's
            boolean afterFirst = Boolean.getBoolean("kcdb.bench.afterFirst");
            for (boolean once : afterFirst ? List.of(true, false) : List.of(false, true)) {
                cpu = mark(os);
                start = System.nanoTime();
                int moved = once ? reviews.advanceAll() : advanceAllBefore();
                row(report, once ? "clock tick, each case read once (after)" : "clock tick, read twice (before)",
                        start, cpu, os, inInterRmo);
                if (moved != 0) {
                    throw new IllegalStateException("the clock moved " + moved + " cases");
                }
            }
            cpu = mark(os);
            start = System.nanoTime();
            int resentBefore = interRmo(before, this::intentBefore, this::decisionBefore);
            row(report, "inter-RMO intents+approvals, before", start, cpu, os, cmcs);

            int resentWhole = 0;
            int resentAfter = 0;
            for (boolean changesOnly : afterFirst ? List.of(true, false) : List.of(false, true)) {
                cpu = mark(os);
                start = System.nanoTime();
                if (changesOnly) {
                    resentAfter = interRmo(after, this::intentAfter, this::decisionAfter);
                    row(report, "inter-RMO, records gone into (after)", start, cpu, os, cmcs);
                } else {
                    resentWhole = interRmo(whole, this::intentTopLevel, this::decisionTopLevel);
                    row(report, "inter-RMO, records set whole (before)", start, cpu, os, cmcs);
                }
            }
            report.append(String.format(Locale.ROOT, "items refused and sent again: before %d, records set whole %d, "
                    + "after %d%n", resentBefore, resentWhole, resentAfter));
            long approved = mongo.count(Query.query(org.springframework.data.mongodb.core.query.Criteria
                    .where("stage").is("APPROVED")), "review_cases").block();
            report.append(String.format(Locale.ROOT, "cases APPROVED: %d of %d%n", approved, stored));
        }
        System.out.printf(Locale.ROOT, "%n==== review benchmark ====%n"
                        + "machine: %d cores, Java %s; %d CMCs a stage; load average before %.1f%n%s"
                        + "load average after %.1f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), cmcs, loadBefore,
                report, os.getSystemLoadAverage());
    }

    /**
     * The case openings alone ({@code -Dkcdb.bench.opening=true}): {@code kcdb.bench.opening.rate} (200)
     * {@code cmc.submitted} a second for {@code kcdb.bench.opening.seconds} (10) to the consumer as it was (each
     * event alone, {@link Before#submissionEventsOneByOne}) and to the service's (a poll's run at a time), in the
     * order one, runs, runs, one, {@code kcdb.bench.opening.rounds} (2) times; each part timed until its last case is
     * stored. The hop is each case's {@code openedAt} (stamped by the consumer as it opens the case) less the
     * event's {@code occurredAt} (stamped as the benchmark sends it), one clock.
     */
    private void openingSideBySide(KafkaProducer<byte[], byte[]> producer, com.sun.management.OperatingSystemMXBean os,
                                   long stored, StringBuilder report) throws Exception {
        int rate = Integer.getInteger("kcdb.bench.opening.rate", 200);
        int seconds = Integer.getInteger("kcdb.bench.opening.seconds", 10);
        int rounds = Integer.getInteger("kcdb.bench.opening.rounds", 2);
        int count = rate * seconds;
        report.append(String.format(Locale.ROOT, "%d cmc.submitted a part at %d/s%n%-30s %6s %8s %8s %8s %8s %11s"
                + " %11s %11s %6s%n", count, rate, "part (consumer)", "s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                "CPU ms/CMC", "svc ms/CMC", "store ms/CMC", "load"));
        for (int round = 0; round < rounds; round++) {
            for (boolean runs : List.of(false, true, true, false)) {
                String topic = runs ? EventType.CMC_SUBMITTED.topic().topicName() : ONE_BY_ONE_TOPIC;
                long cpu = mark(os);
                java.util.Map<Long, Long> storeAtMark = threadCpu(STORE);
                long start = System.nanoTime();
                java.util.Map<String, java.time.Instant> sentAt = sendPaced(producer, topic, count, rate);
                stored = awaitCases(stored + count);
                double wall = (System.nanoTime() - start) / 1e9;
                double cpuPerCmc = (os.getProcessCpuTime() - cpu) / 1e6 / count;
                double svcPerCmc = serviceCpuSinceMark() / 1e6 / count;
                long storeCpu = 0;
                for (java.util.Map.Entry<Long, Long> now : threadCpu(STORE).entrySet()) {
                    storeCpu += now.getValue() - storeAtMark.getOrDefault(now.getKey(), 0L);
                }
                double storePerCmc = storeCpu / 1e6 / count;
                List<Double> hops = new ArrayList<>(count);
                for (org.bson.Document c : mongo.find(Query.query(org.springframework.data.mongodb.core.query.Criteria
                        .where("cmcId").in(sentAt.keySet())), org.bson.Document.class, "review_cases").toIterable()) {
                    hops.add((double) (c.getDate("openedAt").getTime() - sentAt.get(c.getString("cmcId")).toEpochMilli()));
                }
                hops.sort(null);
                report.append(String.format(Locale.ROOT, "%-30s %6.1f %8.1f %8.1f %8.1f %8.1f %11.2f %11.2f %11.2f"
                                + " %6.1f%n", runs ? "runs at once (after)" : "each event alone (before)", wall,
                        pct(hops, 50), pct(hops, 95), pct(hops, 99), hops.get(hops.size() - 1), cpuPerCmc, svcPerCmc,
                        storePerCmc, os.getSystemLoadAverage()));
                System.out.print("[review benchmark] " + report.toString().lines().reduce((a, b) -> b).orElse("")
                        + "\n");
            }
        }
    }

    private static double pct(List<Double> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** Sends {@code count} first submissions at {@code rate} a second, each stamped as sent; when, by CMC id. */
    private java.util.Map<String, java.time.Instant> sendPaced(KafkaProducer<byte[], byte[]> producer, String topic, int count, int rate)
            throws Exception {
        java.util.Map<String, java.time.Instant> ids = new java.util.HashMap<>();
        List<Future<?>> sent = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            String cmcId = UUID.randomUUID().toString();
            CmcSubmitted template = ReviewComponentTest.submission(cmcId, 1,
                    ReviewComponentTest.content("EM", List.of(), ReviewComponentTest.QMS));
            CmcSubmitted submitted = new CmcSubmitted(template.eventId(), java.time.Instant.now(),
                    template.schemaVersion(), cmcId, 1, template.institute(), template.country(), template.rmo(),
                    template.submittedBy(), null, template.content());
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                    cmcId.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(submitted));
            CloudEventHeaders.of(submitted, "/kcdb/submission")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            sent.add(producer.send(record));
            ids.put(cmcId, submitted.occurredAt());
        }
        for (Future<?> each : sent) {
            each.get();
        }
        return ids;
    }

    private static void row(StringBuilder report, String stage, long start, long cpuStart,
                            com.sun.management.OperatingSystemMXBean os, int cmcs) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e6 / cmcs;
        double service = serviceCpuSinceMark() / 1e6 / cmcs;
        report.append(String.format(Locale.ROOT, "%-44s %9.1f %9.0f %11.2f %11.2f%n", stage, seconds, cmcs / seconds,
                cpu, service));
        // the stage's wall-clock window, to cut a JFR recording to it
        java.time.Instant end = java.time.Instant.now();
        System.out.print("[review benchmark] " + report.toString().lines().reduce((a, b) -> b).orElse("")
                + "  (" + end.minusNanos((long) (seconds * 1e9)) + " to " + end + ")\n");
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static java.util.Map<Long, Long> threadCpuAtMark = java.util.Map.of();

    /** The process's CPU now; and each thread's, for {@link #serviceCpuSinceMark}. */
    private static long mark(com.sun.management.OperatingSystemMXBean os) {
        threadCpuAtMark = threadCpu();
        return os.getProcessCpuTime();
    }

    private static java.util.Map<Long, Long> threadCpu() {
        return threadCpu(thread -> !storeOrBroker(thread));
    }

    private static java.util.Map<Long, Long> threadCpu(java.util.function.Predicate<String> which) {
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            if (info != null && which.test(info.getThreadName())) {
                cpu.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
            }
        }
        return cpu;
    }

    /**
     * The CPU since the last mark of the threads that are the review service's on the platform: not the in-memory
     * store's nor the in-process broker's, each a process of its own there (threads ended meanwhile are not counted).
     */
    private static long serviceCpuSinceMark() {
        long total = 0;
        for (java.util.Map.Entry<Long, Long> now : threadCpu().entrySet()) {
            total += now.getValue() - threadCpuAtMark.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    /** The in-memory store's threads: on the platform the store is a process of its own. */
    private static final java.util.function.Predicate<String> STORE = thread -> thread.startsWith("mongo-server");

    private static boolean storeOrBroker(String thread) {
        return thread.startsWith("mongo-server") || thread.contains("kafka-request-handler")
                || thread.contains("kafka-network-thread") || thread.startsWith("kafka-scheduler")
                || thread.startsWith("ExpirationReaper") || thread.contains("raft") || thread.startsWith("broker-")
                || thread.startsWith("controller-") || thread.startsWith("quorum-controller")
                || thread.startsWith("group-coordinator") || thread.contains("LogCleaner")
                || thread.contains("ThrottledChannelReaper") || thread.startsWith("share-coordinator")
                || thread.startsWith("transaction-log") || thread.startsWith("kafka-log");
    }

    /** Sends {@code count} first submissions of PTB (EURAMET), keyed by CMC id, all at once; their case ids. */
    private List<String> send(KafkaProducer<byte[], byte[]> producer, String topic, int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        List<Future<?>> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String cmcId = UUID.randomUUID().toString();
            CmcSubmitted submitted = ReviewComponentTest.submission(cmcId, 1,
                    ReviewComponentTest.content("EM", List.of(), ReviewComponentTest.QMS));
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                    cmcId.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(submitted));
            CloudEventHeaders.of(submitted, "/kcdb/submission")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            sent.add(producer.send(record));
            ids.add(ReviewCase.idFor(cmcId));
        }
        for (Future<?> each : sent) {
            each.get();
        }
        return ids;
    }

    private long awaitCases(long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long stored = mongo.count(new Query(), "review_cases").block();
            if (stored != null && stored >= count) {
                return stored;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("fewer than " + count + " review cases within 30 minutes");
    }

    private Caller caller(String username) {
        return Caller.from(tokens.decode(DemoUsers.token(username)).block());
    }

    /** The EURAMET chair approves every case: they go to inter-RMO review (not timed). */
    private void approveIntraRmo(List<String> cases) {
        Caller euramet = caller("chair.euramet");
        for (List<String> chunk : chunks(cases, 0)) {
            reviews.bulk(euramet, chunk).flatMap(read -> Bulk.run(chunk, id -> reviews.decide(read, id,
                    Decision.Kind.APPROVE, "Fine.", null).map(this::stage), "/decision")).block();
        }
    }

    /** The five other chairs at once declare their intent and approve; how many items were refused and resent. */
    private int interRmo(List<String> cases, BiFunction<Caller, List<String>, Bulk.Results> intent,
                         BiFunction<Caller, List<String>, Bulk.Results> decision) throws Exception {
        ExecutorService chairs = Executors.newFixedThreadPool(OTHER_CHAIRS.size());
        try {
            List<Future<Integer>> resent = new ArrayList<>();
            for (int c = 0; c < OTHER_CHAIRS.size(); c++) {
                Caller chair = caller(OTHER_CHAIRS.get(c));
                int offset = c * cases.size() / OTHER_CHAIRS.size();
                resent.add(chairs.submit(() -> untilAccepted(chair, chunks(cases, offset), intent)
                        + untilAccepted(chair, chunks(cases, offset), decision)));
            }
            int total = 0;
            for (Future<Integer> each : resent) {
                total += each.get();
            }
            return total;
        } finally {
            chairs.shutdown();
        }
    }

    /** Requests of 500 items, sending the refused ones again until every one is accepted; how many were resent. */
    private static int untilAccepted(Caller chair, List<List<String>> requests,
                                     BiFunction<Caller, List<String>, Bulk.Results> action) {
        int resent = 0;
        for (List<String> request : requests) {
            List<String> open = request;
            for (int round = 0; !open.isEmpty(); round++) {
                if (round == 20) {
                    throw new IllegalStateException(chair.username() + ": still refused: " + open.size());
                }
                Bulk.Results results;
                try {
                    results = action.apply(chair, open);
                } catch (DataAccessResourceFailureException storeClosedTheConnection) {
                    // the in-memory store can fail an encoding that races an update of the same document (a
                    // ConcurrentModificationException inside mongo-java-server, seen once under load): send again
                    System.out.println("[review benchmark] request sent again: " + storeClosedTheConnection);
                    resent += open.size();
                    continue;
                }
                open = results.results().stream().filter(r -> r.problem() != null).map(Bulk.Result::id).toList();
                resent += open.size();
            }
        }
        return resent;
    }

    private static List<List<String>> chunks(List<String> cases, int offset) {
        List<String> rotated = new ArrayList<>(cases.subList(offset, cases.size()));
        rotated.addAll(cases.subList(0, offset));
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < rotated.size(); i += Bulk.MAX_ITEMS) {
            chunks.add(rotated.subList(i, Math.min(rotated.size(), i + Bulk.MAX_ITEMS)));
        }
        return chunks;
    }

    private String stage(Versioned<ReviewCase> saved) {
        return saved.aggregate().stage().name();
    }

    /** The clock's tick as it was: the cases' ids from one query, then each case read again by its id. */
    private int advanceAllBefore() {
        Long changed = storedCases.drivenByClock().map(read -> read.id())
                .concatMap(id -> caseStore.apply(caseStore.find(id), c -> c.advance(clock.instant()))
                        .filter(AggregateStore.Applied::written))
                .count().block();
        return changed == null ? 0 : changed.intValue();
    }

    // before: each case read alone, as ReviewBulkCommands did (its body checked once for the request)
    private Bulk.Results intentBefore(Caller chair, List<String> ids) {
        return Bulk.run(ids, id -> reviews.declareIntent(chair, id, () -> { }, true, null).map(this::stage),
                "/rmo-intents").block();
    }

    private Bulk.Results decisionBefore(Caller chair, List<String> ids) {
        return Bulk.run(ids, id -> reviews.rmoDecide(chair, id, () -> { }, RmoDecision.Kind.APPROVE, "Agreed.")
                .map(this::stage), "/rmo-decisions").block();
    }

    // after: the request's cases read in one query (ReviewBulkCommands now)
    private Bulk.Results intentAfter(Caller chair, List<String> ids) {
        return reviews.bulk(chair, ids).flatMap(read -> Bulk.run(ids,
                id -> reviews.declareIntent(read, id, true, null).map(this::stage), "/rmo-intents")).block();
    }

    // the request's cases read in one query, a changed record (the round) set whole (before issue 15's fourth pass)
    private Bulk.Results intentTopLevel(Caller chair, List<String> ids) {
        return topLevel.reviews().bulk(chair, ids).flatMap(read -> Bulk.run(ids,
                id -> topLevel.reviews().declareIntent(read, id, true, null).map(this::stage), "/rmo-intents"))
                .block();
    }

    private Bulk.Results decisionTopLevel(Caller chair, List<String> ids) {
        return topLevel.reviews().bulk(chair, ids).flatMap(read -> Bulk.run(ids,
                id -> topLevel.reviews().rmoDecide(read, id, RmoDecision.Kind.APPROVE, "Agreed.").map(this::stage),
                "/rmo-decisions")).block();
    }

    private Bulk.Results decisionAfter(Caller chair, List<String> ids) {
        return reviews.bulk(chair, ids).flatMap(read -> Bulk.run(ids,
                id -> reviews.rmoDecide(read, id, RmoDecision.Kind.APPROVE, "Agreed.").map(this::stage),
                "/rmo-decisions")).block();
    }
}
