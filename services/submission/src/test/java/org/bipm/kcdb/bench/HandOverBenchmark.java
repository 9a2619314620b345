package org.bipm.kcdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.submission.SubmissionApplication;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submission's migration hand-over alone (issue 15, item 3): N {@code cmc.migrated} announcements (default
 * 10 000) on {@code kcdb.publications} as a migration's relay sends them, and the time until the service has adopted
 * every one as its institute's CMC, with the CPU of this JVM (the service, the test broker and the producer) and of
 * the store (the local platform's, in a JVM of its own) per announcement. Not part of {@code ./mvnw verify}: run it
 * with {@code bench/hand-over.sh [N]}.
 */
@EnabledIfSystemProperty(named = "kcdb.bench", matches = "true")
@SpringBootTest(classes = SubmissionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(KcdbServiceTest.LocalTokens.class)
class HandOverBenchmark extends KcdbServiceTest {

    static final int RECORDS = Integer.getInteger("kcdb.bench.records", 10_000);
    /** The store's heap as the platform gives it (as {@code WriterListBenchmark}'s, whose class would start a store). */
    static final List<String> STORE_HEAP = List.of("-Xms32m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=30", "-XX:MaxHeapFreeRatio=60");
    static final Path DIR;
    static final int STORE_PORT;
    static final Process STORE;

    static {
        try {
            DIR = Files.createTempDirectory("hand-over-bench");
            try (ServerSocket free = new ServerSocket(0)) {
                STORE_PORT = free.getLocalPort();
            }
            STORE = startStore();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform's store as {@code Platform} starts it, in a JVM of its own. */
    private static Process startStore() throws IOException {
        Path log = DIR.resolve("store.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(STORE_HEAP);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.bipm.kcdb.platform.MongoWireServer",
                String.valueOf(STORE_PORT), DIR.resolve("mongo.mv").toString()));
        Process store = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(log).contains("listening")) {
            if (System.nanoTime() > deadline || !store.isAlive()) {
                throw new IllegalStateException("the store did not start: " + Files.readString(log));
            }
            sleep(100);
        }
        return store;
    }

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT + "/kcdb-submission");
        registry.add("kcdb.outbox.interval", () -> "PT5S"); // as the local platform runs it (Platform)
    }

    @AfterAll
    static void stop() {
        STORE.destroy();
    }

    @Test
    void handOver() throws Exception {
        CmcContent content = new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1", "DC voltage",
                "Zener voltage standard", "Josephson array", List.of(), new Range(1.0, 10.0, "V"),
                new Range(0.05, 0.5, "µV/V"), null, null, "Relative", 2.0, 95.0, "PTB", null, "PTB-1", List.of(),
                null);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            CmcMigrated migrated = new CmcMigrated(UUID.randomUUID(), Instant.now(), 1, "kcdb-bench-" + i,
                    String.format(Locale.ROOT, "EURAMET-EM-DE-%08X-1", i), 1, "Published", "PTB", "DE", "EURAMET",
                    LocalDate.parse("2011-04-07"), content);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(EventType.CMC_MIGRATED.topic().topicName(),
                    migrated.cmcId().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(migrated));
            CloudEventHeaders.of(migrated, "/kcdb/publication").forEach((k, v) -> record.headers().add(k,
                    v.getBytes(StandardCharsets.UTF_8)));
            records.add(record);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        double loadBefore = load();
        long cpu = processCpuNanos();
        long storeCpu = storeTicks();
        Instant begin = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            records.forEach(producer::send);
            producer.flush();
        }
        double sent = seconds(begin);
        long adopted = 0;
        Instant deadline = begin.plus(Duration.ofMinutes(20));
        while (adopted < RECORDS && Instant.now().isBefore(deadline)) {
            sleep(250);
            adopted = mongo.count(new Query(), "cmcs").block();
        }
        double took = seconds(begin);
        double jvm = (processCpuNanos() - cpu) / 1e9;
        double storeSeconds = (storeTicks() - storeCpu) / 100.0;
        System.out.printf(Locale.ROOT, "==== hand-over benchmark ====%n%s, %d cmc.migrated, %d processors,"
                        + " load average before %.1f%nsent in %.1f s; all adopted after %.1f s = %.0f/s%n"
                        + "CPU per announcement: this JVM (service, broker, producer) %.2f ms, store %.2f ms%n"
                        + "load average after %.1f%n", begin, RECORDS, Runtime.getRuntime().availableProcessors(),
                loadBefore, sent, took, RECORDS / took, jvm * 1000 / RECORDS, storeSeconds * 1000 / RECORDS,
                load());
        assertThat(adopted).isEqualTo(RECORDS);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The store process's user and system time in ticks of 1/100 s ({@code /proc/<pid>/stat}). */
    private static long storeTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(STORE.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
