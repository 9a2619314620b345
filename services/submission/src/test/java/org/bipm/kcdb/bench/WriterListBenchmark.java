package org.bipm.kcdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.submission.SampleCmcs;
import org.bipm.kcdb.submission.SubmissionApplication;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.persistence.StoredCmcs;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The writer's own list ({@code GET /api/cmcs}, the portal's "Our CMCs") over 30 000 migrated CMCs on the local
 * platform's store (mongo-java-server on an H2 file, as {@code ./kcdb up} runs it), with the outbox relay's periodic
 * run every 5 s as the platform sets it: the list's percentiles, and what one relay run and the list's own two queries
 * cost. Not part of {@code ./mvnw verify}: {@code ./mvnw -B -ntp -q -pl services/submission -am verify
 * -Dtest=WriterListBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true} (bench/README.md,
 * "The writer's CMC list"); the report goes to target/bench/writer-list-benchmark.txt.
 */
@EnabledIfSystemProperty(named = "kcdb.bench", matches = "true")
@SpringBootTest(classes = SubmissionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class WriterListBenchmark extends KcdbServiceTest {

    static final int CMCS = Integer.getInteger("kcdb.bench.records", 30_000);
    /** As bench/portal-pages.sh: about one CMC in 30 is the writer's institute's (1 008 of 30 000 there). */
    static final int OWN_EVERY = 30;
    static final int REQUESTS = Integer.getInteger("kcdb.bench.requests", 100);
    static final List<String> OTHERS = List.of("PTB", "NPL", "LNE", "INRIM", "NMIJ", "KRISS", "NRC", "METAS");
    /** The platform's store heap ({@code Platform}: {@code Java.heap(512)}), its collections logged. */
    static final List<String> STORE_HEAP = List.of("-Xms32m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=30", "-XX:MaxHeapFreeRatio=60");
    static final Path DIR;
    static final int STORE_PORT;
    static Process store;
    static Path gcLog;

    static {
        try {
            DIR = Files.createTempDirectory("writer-list-bench");
            try (ServerSocket free = new ServerSocket(0)) {
                STORE_PORT = free.getLocalPort();
            }
            startStore(16, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The store in a JVM of its own, as the platform starts it, with an MVStore page cache of {@code cacheMb}, with
     * its own non-unique indexes or, as before issue 13's change, scanning for every query but by {@code _id}.
     */
    static void startStore(int cacheMb, boolean indexes) throws IOException {
        gcLog = DIR.resolve("store-gc-" + cacheMb + "-" + indexes + ".log");
        Path log = DIR.resolve("store-" + cacheMb + "-" + indexes + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(STORE_HEAP);
        command.add("-Dkcdb.store.secondaryIndexes=" + indexes);
        command.addAll(List.of("-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                "org.bipm.kcdb.platform.MongoWireServer", String.valueOf(STORE_PORT),
                DIR.resolve("mongo.mv").toString(), String.valueOf(cacheMb)));
        store = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains("listening")) {
            if (System.nanoTime() > deadline || !store.isAlive()) {
                throw new IllegalStateException("the store did not start: " + Files.readString(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops the store as the platform does (its shutdown hook commits the file) and starts it on the same data. */
    static void restartStore(int cacheMb, boolean indexes) throws IOException, InterruptedException {
        store.destroy();
        assertThat(store.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        startStore(cacheMb, indexes);
    }

    @Autowired
    AggregateStore<Cmc> cmcs;
    @Autowired
    StoredCmcs stored;
    @Autowired
    OutboxRelay relay;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT + "/kcdb-submission");
        registry.add("kcdb.outbox.interval", () -> "PT5S"); // as the local platform runs it (Platform)
    }

    @AfterAll
    static void stop() {
        store.destroy();
    }

    @Test
    void theWritersListWhileTheRelayRuns() throws Exception {
        String token = writer();
        WebTestClient http = TestHttp.client(port, Duration.ofMinutes(2));
        CmcContent content = sampleContent(http, token);
        long start = System.nanoTime();
        seed(content);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "KCDB writer's list benchmark, %s, %d migrated CMCs (%d of NIST) seeded in %.1f s, %d processors,"
                        + " max heap %d MB, outbox relay every 5 s%n", Instant.now(), CMCS, own(), seconds(start),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));

        for (int i = 0; i < 10; i++) {
            list(http, token, OUR_CMCS);
        }
        report.append(phase(http, "\nA. before: the store scanning (its own indexes off), MVStore page cache 16 MB,"
                + " the relay every 5 s", true));
        restartStore(16, true);
        reconnect(http);
        report.append(phase(http, "\nB. after: the same data, the store restarted with its own indexes (as the"
                + " platform runs it), the relay every 5 s", true));
        relay.stop();
        report.append(phase(http, "\nC. after, the relay stopped", false));
        relay.start();
        if (CACHE_MB > 0) {
            restartStore(CACHE_MB, true);
            reconnect(http);
            report.append(phase(http, "\nD. after, the store restarted with a page cache of " + CACHE_MB
                    + " MB, the relay every 5 s", true));
        }
        Path out = Path.of("target/bench/writer-list-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("==== KCDB writer's list benchmark ====\n" + report);
    }

    static final String OUR_CMCS = "/api/cmcs?page=0&size=20";
    /** The page cache of an extra phase D; 0 (the default) leaves it out. */
    static final int CACHE_MB = Integer.getInteger("kcdb.bench.store-cache-mb", 0);

    /** After a restart of the store: the driver reconnects (a request may fail meanwhile), then the cache fills. */
    private void reconnect(WebTestClient http) {
        long reconnect = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String fresh = writer();
        for (int ok = 0; ok < 10; ) {
            int status = http.get().uri(OUR_CMCS).headers(h -> h.setBearerAuth(fresh)).exchange().returnResult(String.class)
                    .getStatus().value();
            ok += status == 200 ? 1 : 0;
            assertThat(System.nanoTime()).as("the service reads the restarted store").isLessThan(reconnect);
        }
    }

    /** What each piece costs alone, then the list requested in sequence; the store's collections meanwhile. */
    private String phase(WebTestClient http, String label, boolean relayRuns) throws IOException {
        String token = writer(); // a token of its own: the local issuer's last 15 minutes
        int gcBefore = Files.readAllLines(gcLog).size();
        StringBuilder report = new StringBuilder();
        if (relayRuns) { // by the test, synchronized with the relay's scheduled runs
            report.append(timed("  one outbox relay run (the periodic safety net)", 10, relay::relayPending));
        }
        report.append(timed("  the list's page query", 20, () -> stored.ofInstitute("NIST", null, null, 0, 20)
                .collectList().block()));
        report.append(timed("  the list's count query", 20, () -> stored.countOfInstitute("NIST", null, null)
                .block()));
        report.append(requests(http, token, "  GET " + OUR_CMCS + " (Our CMCs)", OUR_CMCS));
        report.insert(0, label + "\n");
        List<String> gc = Files.readAllLines(gcLog);
        double paused = 0;
        double longest = 0;
        int full = 0;
        for (String line : gc.subList(Math.min(gcBefore, gc.size()), gc.size())) {
            java.util.regex.Matcher pause = java.util.regex.Pattern.compile("([0-9.]+)ms$").matcher(line);
            if (pause.find()) {
                double ms = Double.parseDouble(pause.group(1));
                paused += ms;
                longest = Math.max(longest, ms);
                full += line.contains("Pause Full") ? 1 : 0;
            }
        }
        report.append(String.format(Locale.ROOT, "  the store's collections meanwhile: %d (%d full), %.0f ms paused in"
                + " all, the longest %.0f ms%n", gc.size() - gcBefore, full, paused, longest));
        System.out.println("==== writer's list benchmark, phase ====\n" + report); // each phase as soon as measured
        return report.toString();
    }

    private static String writer() {
        return ISSUER.writer("writer.nist", "NIST", "US", "SIM");
    }

    private static int own() {
        return (CMCS + OWN_EVERY - 1) / OWN_EVERY;
    }

    /** The content of one complete physics CMC as the service stores it, from a draft made through the API. */
    private CmcContent sampleContent(WebTestClient http, String token) {
        Map<?, ?> draft = http.post().uri("/api/cmcs").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(SampleCmcs.dcVoltage()).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return cmcs.find((String) draft.get("id")).block().aggregate().content();
    }

    /** The migrated CMCs, as the hand-over of {@code cmc.migrated} stores them, in batches of 1 000. */
    private void seed(CmcContent content) {
        Instant at = Instant.parse("2020-01-01T00:00:00Z");
        Map<String, Cmc> batch = new LinkedHashMap<>();
        for (int i = 0; i < CMCS; i++) {
            String institute = i % OWN_EVERY == 0 ? "NIST" : OTHERS.get(i % OTHERS.size());
            String id = "kcdb-" + (100_000 + i);
            batch.put(id, Cmc.migrated(id, institute, "XX", "SIM", content, "EM-" + institute + "-" + i, 1, false,
                    at.plusSeconds(i * 60L)));
            if (batch.size() == 1_000 || i == CMCS - 1) {
                assertThat(cmcs.insertAll(batch).block()).isEqualTo(batch.size());
                batch.clear();
            }
        }
    }

    private static String timed(String label, int times, Runnable work) {
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return String.format(Locale.ROOT, "%-58s x%-4d p50 %8.1f ms  max %8.1f ms%n", label, times, ms[times / 2],
                ms[times - 1]);
    }

    /** REQUESTS sequential requests, for at least one relay period each 5 s of them. */
    private String requests(WebTestClient http, String token, String label, String uri) {
        double[] ms = new double[REQUESTS];
        List<String> slow = new ArrayList<>();
        long first = System.nanoTime();
        String current = token;
        for (int i = 0; i < REQUESTS; i++) {
            if (i > 0 && i % 20 == 0) {
                current = writer(); // a slow phase outlived the token (15 min) on a loaded machine
            }
            long start = System.nanoTime();
            list(http, current, uri);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (ms[i] > 1000) {
                slow.add(String.format(Locale.ROOT, "%.0f ms at %.1f s", ms[i], (start - first) / 1e9));
            }
        }
        double total = seconds(first);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-58s x%-4d p50 %8.1f  p95 %8.1f  p99 %8.1f  max %8.1f ms"
                        + " (%.1f s in all; over 1 s, when in the sequence: %s)%n", label, REQUESTS, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted[REQUESTS - 1], total, slow.isEmpty() ? "none" : String.join(", ", slow));
    }

    private static void list(WebTestClient http, String token, String uri) {
        Map<?, ?> page = http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) page.get("totalElements")).longValue()).isPositive();
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
