package org.bipm.kcdb.publication;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name): migrates {@code kcdb.bench.records}
 * (default 30 000) CMCs in the KCDB API's JSON through {@code POST /api/kcdb/imports} and reports records per second
 * and the heap the service used. The records are the 531 partial real ones of shared/data, completed with plausible
 * values and given distinct codes, in {@code kcdb.bench.uploads} (default 5) uploads onto the growing store, each
 * upload's rate reported; then how long until every announcement ({@code cmc.migrated}) has left the outboxes, and
 * the last upload sent again (all unchanged). Run: {@code bench/kcdb-import.sh}.
 */
@KcdbComponentTest
class KcdbImportBenchmark extends KcdbServiceTest {

    static final String OFFICE = DemoUsers.token("kcdb.office");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "kcdb-import-benchmark");
        // as the local platform runs the service (Platform.serviceEnvironment); the relay's interval comes from
        // bench/kcdb-import.sh (-Dkcdb.outbox.interval=PT5S, which KcdbServiceTest reads)
        registry.add("kcdb.search.catch-up-interval", () -> "PT30S");
    }

    @Value("${kcdb.outbox.interval}")
    String outboxInterval;

    @Test
    void importThirtyThousandCmcs() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int records = Integer.getInteger("kcdb.bench.records", 30_000);
        int uploads = Integer.getInteger("kcdb.bench.uploads", 5);
        int each = records / uploads;
        WebTestClient http = TestHttp.client(port, Duration.ofMinutes(10));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(heapBefore);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        StringBuilder rows = new StringBuilder();
        double seconds = 0;
        double firstRate = 0;
        double lastRate = 0;
        long megabytes = 0;
        Path last = null;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long importStart = System.nanoTime();
        for (int u = 0; u < uploads; u++) {
            Path upload = Files.createTempFile("kcdb-bench-", ".json");
            write(upload, u * each, each);
            megabytes += Files.size(upload);
            long start = System.nanoTime();
            Map<?, ?> report = importing(http, upload);
            double took = (System.nanoTime() - start) / 1e9;
            seconds += took;
            double rate = each / took;
            firstRate = u == 0 ? rate : firstRate;
            lastRate = rate;
            rows.append(String.format(Locale.ROOT, "upload %d onto %6d records: %6.1f s, %5.0f records/s"
                    + " (imported %s, rejected %s)%n", u + 1, u * each, took, rate, report.get("imported"),
                    report.get("rejectedCount")));
            if (last != null) {
                Files.delete(last);
            }
            last = upload;
        }
        // The announcements (cmc.migrated) leave through the outbox relay while and after the uploads run.
        long cpuImported = os.getProcessCpuTime();
        long drained = awaitOutboxesEmpty();
        long cpuDrained = os.getProcessCpuTime();
        double handOver = (drained - importStart) / 1e9;
        sampler.interrupt();
        sampler.join();
        long againStart = System.nanoTime();
        Map<?, ?> again = importing(http, last);
        double againSeconds = (System.nanoTime() - againStart) / 1e9;
        Files.delete(last);
        System.out.printf(Locale.ROOT, "%n==== KCDB import benchmark ====%n"
                        + "machine: %d cores, max heap %d MB, Java %s; load average before %.1f; relay interval %s%n"
                        + "upload: %d records in %d uploads of %d, %.1f MB%n"
                        + "%s"
                        + "whole import: %.1f s, %.0f records/s; last upload's rate / first's = %.2f%n"
                        + "every cmc.migrated sent (outboxes empty) %.1f s after the first upload began%n"
                        + "CPU of this JVM (service, its store and broker) per record: %.2f ms during the uploads,"
                        + " %.2f ms until the outboxes were empty%n"
                        + "peak heap used during the import (JVM of service and test): %d MB (%d MB before)%n"
                        + "the last upload again: %.1f s (unchanged %s, imported %s, updated %s)%n"
                        + "load average after %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage, outboxInterval, uploads * each, uploads, each, megabytes / 1e6,
                rows, seconds, uploads * each / seconds, lastRate / firstRate, handOver,
                (cpuImported - cpuStart) / 1e6 / (uploads * each), (cpuDrained - cpuStart) / 1e6 / (uploads * each),
                peak.get() >> 20,
                heapBefore >> 20, againSeconds, again.get("unchanged"), again.get("imported"), again.get("updated"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private final double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    @Autowired
    ReactiveMongoTemplate mongo;

    private static Map<?, ?> importing(WebTestClient http, Path upload) {
        return http.post().uri("/api/kcdb/imports").headers(h -> h.setBearerAuth(OFFICE))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromResource(new FileSystemResource(upload))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Waits until no published record's outbox holds an event; returns System.nanoTime() then. */
    private long awaitOutboxesEmpty() throws InterruptedException {
        Query pending = new Query(Criteria.where("outbox.0").exists(true));
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            Long waiting = mongo.count(pending, "published_cmcs").block();
            if (waiting != null && waiting == 0) {
                return System.nanoTime();
            }
            Thread.sleep(1000); // each look makes the in-memory store scan the collection: not often
        }
        throw new IllegalStateException("the outboxes did not empty within 20 minutes");
    }

    /** Streams the upload to disk: the benchmark's own memory should not hide the service's. */
    private static void write(Path file, int from, int records) throws IOException {
        List<ObjectNode> samples = samples();
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("versionApiKcdb", "1.0.13");
            json.writeName("data");
            json.writeStartArray();
            for (int i = from; i < from + records; i++) {
                ObjectNode record = samples.get(i % samples.size()).deepCopy();
                complete(record, i);
                json.writeTree(record);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static List<ObjectNode> samples() throws IOException {
        Path data = locate("shared/data/kcdb-sample-cmcs-partial.json");
        JsonNode partial = JSON.readTree(data.toFile()).get("partialRecords");
        List<ObjectNode> samples = new ArrayList<>();
        partial.properties().forEach(group -> group.getValue().forEach(r -> {
            ObjectNode copy = ((ObjectNode) r).deepCopy();
            copy.remove("_provenance");
            // two sample records have a parameter without a name, which the migration refuses as malformed
            if (copy.get("parameters") instanceof tools.jackson.databind.node.ArrayNode parameters) {
                for (int p = parameters.size() - 1; p >= 0; p--) {
                    JsonNode name = parameters.get(p).get("parameterName");
                    if (name == null || name.isNull() || name.asString().isBlank()) {
                        parameters.remove(p);
                    }
                }
            }
            samples.add(copy);
        }));
        return samples;
    }

    /** A distinct id and code per record, and what a partial record lacks to be a published one. */
    private static void complete(ObjectNode r, int i) {
        String area = r.path("metrologyAreaLabel").asString("EM");
        String rmo = r.has("rmo") ? r.get("rmo").asString() : "EURAMET";
        String domain = r.path("domainCode").asString("PHYSICS");
        if (!List.of("AUV", "EM", "L", "M", "PR", "T", "TF", "QM", "RI").contains(area)) {
            area = "EM";
        }
        String serial = Long.toString(1_000_000L + i, 36).toUpperCase(Locale.ROOT);
        r.put("id", 10_000_000L + i);
        r.put("kcdbCode", rmo + "-" + area + "-" + countryOf(rmo) + "-" + "0".repeat(8 - serial.length()) + serial
                + "-1");
        r.put("rmo", rmo);
        r.put("metrologyAreaLabel", area);
        r.put("domainCode", domain);
        r.put("status", i % 20 == 0 ? "Archived" : "Published");
        r.put("statusDate", "2021-01-12");
        r.put("approvalDate", "2017-08-30");
        r.put("publicationDate", "2021-01-12");
        if (!r.has("nmiCode")) {
            r.put("nmiCode", "NRC");
        }
        if (!r.has("cmc")) {
            r.putObject("cmc").put("lowerLimit", 0.1 * (i % 7 + 1)).put("upperLimit", 10.0 * (i % 5 + 1))
                    .put("unit", "V");
        }
        if (!r.has("cmcUncertainty")) {
            r.putObject("cmcUncertainty").put("lowerLimit", 5.0).put("upperLimit", 50.0).put("unit", "µV/V");
        }
        r.put("uncertaintyMode", "Relative");
        r.put("coverageFactor", 2);
        r.put("confidenceLevel", 95);
    }

    private static String countryOf(String rmo) {
        return switch (rmo) {
            case "SIM" -> "CA";
            case "APMP" -> "JP";
            case "COOMET" -> "BY";
            case "AFRIMETS" -> "ZA";
            case "GULFMET" -> "SA";
            default -> "DE";
        };
    }

    /** The shared data folder lies beside or above the checkout ({@code ../shared/data}). */
    static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : List.of(dir.resolve(relative), dir.resolve("..").resolve(relative).normalize())) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath()
                + "; set the working directory inside the checkout");
    }
}
