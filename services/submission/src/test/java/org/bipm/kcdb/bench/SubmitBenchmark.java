package org.bipm.kcdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.submission.SubmissionApplication;
import org.bipm.kcdb.submission.application.CmcCommands;
import org.bipm.kcdb.submission.application.DraftRules;
import org.bipm.kcdb.submission.application.imports.CmcImports;
import org.bipm.kcdb.submission.application.imports.ImportSheets;
import org.bipm.kcdb.submission.domain.Actor;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.submission.domain.imports.ImportJob;
import org.bipm.kcdb.submission.persistence.StoredCmcs;
import org.bipm.kcdb.support.outbox.OutboxEvent;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.web.Bulk;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submission service's two stages of the pipeline benchmark (issue 15, item 2) in one JVM: N rows imported as
 * drafts by four writers at once (each its share in one CSV, {@link CmcImports#run}), then bulk-submitted by the four
 * at once, 500 ids a request through {@link Bulk#run} and {@link CmcCommands#submit} as {@code POST
 * /api/cmcs/bulk-submit} runs them (no HTTP), timed until the relay has sent every {@code cmc.submitted}. The store
 * is the local platform's (mongo-java-server on an H2 file, id-indexed conditional writes) in a JVM of its own, so
 * this JVM's CPU is the service's (and the test broker's). Not part of {@code ./mvnw verify}: run it with
 * {@code bench/submission.sh [N]}; a JFR recording with an extra {@code -XX:StartFlightRecording=...} argument.
 */
@EnabledIfSystemProperty(named = "kcdb.bench", matches = "true")
@SpringBootTest(classes = SubmissionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({KcdbServiceTest.LocalTokens.class, SubmitBenchmark.SecurityObservations.class})
class SubmitBenchmark extends KcdbServiceTest {

    static final int CMCS = Integer.getInteger("kcdb.bench.cmcs", 4_000);
    static final int PARTS = 6;
    static final List<Actor> WRITERS = List.of(new Actor("writer.ptb", "PTB", "DE", "EURAMET"),
            new Actor("writer.npl", "NPL", "GB", "EURAMET"), new Actor("writer.nist", "NIST", "US", "SIM"),
            new Actor("writer.nmij", "NMIJ", "JP", "APMP"));
    static final Path DIR;
    static final int STORE_PORT;
    static final Process STORE;

    static {
        try {
            DIR = Files.createTempDirectory("submit-bench");
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
        command.addAll(WriterListBenchmark.STORE_HEAP);
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

    @LocalServerPort
    int port;
    @Autowired
    CmcImports imports;
    @Autowired
    CmcCommands commands;
    @Autowired
    StoredCmcs stored;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    DraftRules drafts;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT + "/kcdb-submission");
        registry.add("kcdb.outbox.interval", () -> "PT5S"); // as the local platform runs it (Platform)
        registry.add("management.observations.enable.spring.security", () -> "true"); // see SecurityObservations
    }

    @AfterAll
    static void stop() {
        STORE.destroy();
    }

    @Test
    void importAndSubmit() throws Exception {
        List<Map<String, String>> rows = ImportBenchmark.rows(CMCS);
        Map<Actor, Path> files = new LinkedHashMap<>();
        for (int w = 0; w < WRITERS.size(); w++) {
            List<Map<String, String>> share = new ArrayList<>();
            for (int i = w; i < rows.size(); i += WRITERS.size()) {
                share.add(rows.get(i));
            }
            Path csv = Files.createTempFile(DIR, "share-", ".csv");
            ImportBenchmark.writeCsv(share, csv);
            files.put(WRITERS.get(w), csv);
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "==== submission benchmark ====%n%s, %d CMCs, %d processors, load average before %.1f%n", Instant.now(),
                CMCS, Runtime.getRuntime().availableProcessors(), load()));
        report.append(String.format(Locale.ROOT, "%-44s %8s %8s %12s %12s%n", "stage", "s", "CMCs/s",
                "CPU ms/CMC", "store ms/CMC"));

        Stage stage = new Stage(CMCS);
        inParallel(WRITERS, writer -> {
            Path file = files.get(writer);
            ImportJob job = new ImportJob(UUID.randomUUID().toString(), writer.institute(), writer.username(),
                    file.getFileName().toString(), "CSV", false, ImportJob.Status.RUNNING, 0, null, 0, 0, 0, List.of(),
                    null, Instant.now(), null, null);
            ImportJob done = imports.run(job, writer, file, ImportSheets.Format.CSV);
            assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(done.errorCount()).isZero();
            return done.draftsCreated();
        });
        report.append(stage.line("import CSV as drafts (4 writers at once)"));

        Map<Actor, List<String>> drafts = new LinkedHashMap<>();
        for (Actor writer : WRITERS) {
            drafts.put(writer, ids(writer.institute(), CmcStatus.DRAFT));
        }
        assertThat(drafts.values().stream().mapToInt(List::size).sum()).isEqualTo(CMCS);

        // A sixth of each writer's drafts the way bulk-submit ran before (each CMC read alone), the next as now, and
        // so on: the first two warm the JVM up; before and after alternate, so neither has the quieter minute.
        for (int part = 0; part < PARTS; part++) {
            report.append(submit((part < 2 ? "warm-up: " : "") + (part % 2 == 0
                    ? "bulk-submit, each CMC read alone (before)" : "bulk-submit, a request's CMCs read at once"),
                    drafts, part, part % 2 == 1));
        }
        for (Actor writer : WRITERS) {
            assertThat(ids(writer.institute(), CmcStatus.SUBMITTED)).hasSize(drafts.get(writer).size());
        }
        report.append(String.format(Locale.ROOT, "load average after %.1f%n", load()));
        Path out = Path.of("target/bench/submit-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /**
     * Single submits ({@code POST /api/cmcs/{id}/submit}, issue 15 item 7's load), {@link #IN_FLIGHT} at once as a
     * queue in front of the service holds them: the four writers' drafts in {@link #PARTS} parts, the commands as
     * they were (the whole CMC converted and set at every change) and as now (only what the submit changed)
     * alternating, the first two warming the JVM up. Each part starts once the reference catalogue is older than its
     * freshness (10 s), as every tenth second of a steady load finds it. Run with {@code bench/single-submit.sh}.
     */
    @Test
    @EnabledIfSystemProperty(named = "kcdb.bench.single", matches = "true")
    void singleSubmits() throws Exception {
        Map<Actor, List<String>> drafts = importDrafts();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "==== single submit benchmark ====%n%s, %d CMCs, %d in flight, %d processors, load average before"
                        + " %.1f%n", Instant.now(), CMCS, IN_FLIGHT, Runtime.getRuntime().availableProcessors(),
                load()));
        report.append(String.format(Locale.ROOT, "%-44s %8s %8s %12s %12s %10s %8s%n", "part", "s", "CMCs/s",
                "CPU ms/CMC", "store ms/CMC", "kB/CMC", "load"));
        CmcCommands before = new CmcCommands(new AggregateStore<>(mongo, json, Cmc.class, StoredCmcs.COLLECTION, "CMC",
                id -> relay.nudge(StoredCmcs.COLLECTION, id), false), stored, this.drafts, java.time.Clock.systemUTC());
        if (HTTP) {
            // two warm-up parts, then before and after in the order BAAB BAAB: a JVM still warming up favours
            // neither
            boolean[] after = {false, true, false, true, true, false, false, true, true, false};
            for (int part = 0; part < after.length; part++) {
                sleep(11_000);
                SecurityObservations.OFF.set(after[part]);
                report.append(singles((part < 2 ? "warm-up: " : "") + (after[part]
                        ? "over HTTP, security not observed (after)" : "over HTTP, security observed (before)"),
                        this::overHttp, drafts, part, after.length));
            }
        }
        for (int part = 0; !HTTP && part < PARTS; part++) {
            sleep(11_000); // the catalogue stale, as it is every tenth second
            boolean now = part % 2 == 1;
            report.append(singles((part < 2 ? "warm-up: " : "") + (now ? "single submits, changes only (after)"
                    : "single submits, whole CMC written (before)"), now ? commands : before, drafts, part));
        }
        for (Actor writer : WRITERS) {
            assertThat(ids(writer.institute(), CmcStatus.SUBMITTED)).hasSize(drafts.get(writer).size());
        }
        report.append(String.format(Locale.ROOT, "load average after %.1f%n", load()));
        Path out = Path.of("target/bench/single-submit-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    static final int IN_FLIGHT = Integer.getInteger("kcdb.bench.inflight", 200);
    /**
     * {@code -Dkcdb.bench.single.http=true}: every part posts {@code /api/cmcs/{id}/submit} to this service over HTTP
     * with the writer's token (the web layer, the token's check and the answer's JSON too), instead of calling the
     * commands; no before and after then, for a profile of the whole request.
     */
    static final boolean HTTP = Boolean.getBoolean("kcdb.bench.single.http");

    private WebClient client;

    /**
     * Spring Security's observations as they were ({@code management.observations.enable.spring.security=true}, set
     * for this benchmark) in the "before" parts, and denied in the "after" parts by a predicate, the mechanism the
     * service defaults' {@code false} uses: so both run in one JVM, side by side.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class SecurityObservations {

        static final java.util.concurrent.atomic.AtomicBoolean OFF = new java.util.concurrent.atomic.AtomicBoolean();

        @Bean
        ObservationPredicate securityObservationsOff() {
            return (name, context) -> !(OFF.get() && name.startsWith("spring.security."));
        }
    }

    private Mono<?> overHttp(Caller caller, String id) {
        if (client == null) {
            client = WebClient.create("http://127.0.0.1:" + port);
        }
        return client.post().uri("/api/cmcs/{id}/submit", id).headers(h -> h.setBearerAuth(TOKENS.computeIfAbsent(
                caller.username(), DemoUsers::token))).retrieve().toBodilessEntity();
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private String singles(String name, CmcCommands with, Map<Actor, List<String>> drafts, int part) {
        return singles(name, with::submit, drafts, part, PARTS);
    }

    private String singles(String name, java.util.function.BiFunction<Caller, String, Mono<?>> submit,
                           Map<Actor, List<String>> drafts, int part, int parts) {
        List<Map.Entry<Caller, String>> work = new ArrayList<>();
        drafts.forEach((writer, ids) -> {
            Caller caller = new Caller(writer.username(), Set.of(Role.CMC_WRITER), writer.institute(),
                    writer.country(), writer.rmo(), Set.of());
            ids.subList(ids.size() * part / parts, ids.size() * (part + 1) / parts)
                    .forEach(id -> work.add(Map.entry(caller, id)));
        });
        java.util.Collections.shuffle(work, new java.util.Random(part)); // the writers' requests interleaved
        long allocated = allocated();
        Stage stage = new Stage(work.size());
        Long submitted = Flux.fromIterable(work).flatMap(each -> submit.apply(each.getKey(), each.getValue()),
                IN_FLIGHT).count().block();
        assertThat(submitted).isEqualTo(work.size());
        String line = stage.line(name);
        return line.substring(0, line.length() - System.lineSeparator().length()) + String.format(Locale.ROOT,
                " %10.1f %8.1f%n", (allocated() - allocated) / 1024.0 / work.size(), load());
    }

    /** Bytes allocated so far by the JVM's live threads (a thread gone takes its count with it). */
    private static long allocated() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(bytes, 0);
        }
        return sum;
    }

    /** The rows imported as drafts by the four writers at once, each its share; their ids by writer. */
    private Map<Actor, List<String>> importDrafts() throws Exception {
        List<Map<String, String>> rows = ImportBenchmark.rows(CMCS);
        Map<Actor, Path> files = new LinkedHashMap<>();
        for (int w = 0; w < WRITERS.size(); w++) {
            List<Map<String, String>> share = new ArrayList<>();
            for (int i = w; i < rows.size(); i += WRITERS.size()) {
                share.add(rows.get(i));
            }
            Path csv = Files.createTempFile(DIR, "share-", ".csv");
            ImportBenchmark.writeCsv(share, csv);
            files.put(WRITERS.get(w), csv);
        }
        inParallel(WRITERS, writer -> {
            ImportJob job = new ImportJob(UUID.randomUUID().toString(), writer.institute(), writer.username(),
                    files.get(writer).getFileName().toString(), "CSV", false, ImportJob.Status.RUNNING, 0, null, 0, 0,
                    0, List.of(), null, Instant.now(), null, null);
            ImportJob done = imports.run(job, writer, files.get(writer), ImportSheets.Format.CSV);
            assertThat(done.errorCount()).isZero();
            return done.draftsCreated();
        });
        Map<Actor, List<String>> drafts = new LinkedHashMap<>();
        for (Actor writer : WRITERS) {
            drafts.put(writer, ids(writer.institute(), CmcStatus.DRAFT));
        }
        return drafts;
    }

    /**
     * The four writers at once submit a part of their drafts ({@code part} 0 to {@link #PARTS} - 1), 500 ids a request, as the bulk-submit endpoint runs them; timed until every event is sent.
     */
    private String submit(String name, Map<Actor, List<String>> drafts, int part, boolean together)
            throws Exception {
        Map<Actor, List<String>> share = new LinkedHashMap<>();
        drafts.forEach((writer, ids) -> share.put(writer, ids.subList(ids.size() * part / PARTS,
                ids.size() * (part + 1) / PARTS)));
        int count = share.values().stream().mapToInt(List::size).sum();
        Stage stage = new Stage(count);
        inParallel(WRITERS, writer -> {
            Caller caller = new Caller(writer.username(), Set.of(Role.CMC_WRITER), writer.institute(),
                    writer.country(), writer.rmo(), Set.of());
            List<String> ids = share.get(writer);
            int refused = 0;
            for (int from = 0; from < ids.size(); from += Bulk.MAX_ITEMS) {
                List<String> request = ids.subList(from, Math.min(ids.size(), from + Bulk.MAX_ITEMS));
                Bulk.Results results = (together
                        ? commands.bulk(caller, request).flatMap(read -> Bulk.run(request, id -> commands.submit(read,
                        id).map(saved -> saved.aggregate().status().name()), "/api/cmcs/{id}/submit"))
                        : Bulk.run(request, id -> commands.submit(caller, id).map(saved -> saved.aggregate().status()
                        .name()), "/api/cmcs/{id}/submit")).block();
                refused += (int) results.results().stream().filter(r -> r.problem() != null).count();
            }
            assertThat(refused).isZero();
            return ids.size();
        });
        double answered = stage.seconds();
        while (mongo.count(Query.query(Criteria.where(OutboxEvent.PENDING).is(true)), StoredCmcs.COLLECTION)
                .block() > 0) {
            sleep(50);
        }
        return stage.line(name) + String.format(Locale.ROOT, "  (%d CMCs; the bulk requests answered after %.1f s,"
                + " every event sent after %.1f s)%n", count, answered, stage.seconds());
    }

    private List<String> ids(String institute, CmcStatus status) {
        return mongo.find(Query.query(Criteria.where("institute").is(institute).and("status").is(status.name())),
                org.bson.Document.class, StoredCmcs.COLLECTION).map(d -> String.valueOf(d.get("_id"))).collectList()
                .block();
    }

    /** One stage's wall time, this JVM's CPU and the store process's CPU. */
    private static final class Stage {
        final int count;
        final long start = System.nanoTime();
        final long cpu = cpu();
        final long storeCpu = storeCpu();

        Stage(int count) {
            this.count = count;
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        String line(String name) {
            double seconds = seconds();
            return String.format(Locale.ROOT, "%-44s %8.1f %8.0f %12.2f %12.2f%n", name, seconds, count / seconds,
                    (cpu() - cpu) / 1e6 / count, (storeCpu() - storeCpu) / 1e6 / count);
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long storeCpu() {
        return STORE.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static <T> void inParallel(List<T> items, Function<T, Integer> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (T item : items) {
                running.add(pool.submit(() -> work.apply(item)));
            }
            for (Future<Integer> each : running) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
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
