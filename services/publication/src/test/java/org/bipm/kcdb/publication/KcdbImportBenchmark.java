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
 * values and given distinct codes. Run: {@code bench/kcdb-import.sh}.
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
    }

    @Test
    void importThirtyThousandCmcs() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int records = Integer.getInteger("kcdb.bench.records", 30_000);
        Path upload = Files.createTempFile("kcdb-bench-", ".json");
        try {
            write(upload, records);
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
            long start = System.nanoTime();
            Map<?, ?> report = http.post().uri("/api/kcdb/imports").headers(h -> h.setBearerAuth(OFFICE))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromResource(new FileSystemResource(upload))).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            long againStart = System.nanoTime();
            Map<?, ?> again = http.post().uri("/api/kcdb/imports").headers(h -> h.setBearerAuth(OFFICE))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromResource(new FileSystemResource(upload))).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            double againSeconds = (System.nanoTime() - againStart) / 1e9;
            System.out.printf(Locale.ROOT, "%n==== KCDB import benchmark ====%n"
                            + "machine: %d cores, max heap %d MB, Java %s%n"
                            + "upload: %d records, %.1f MB%n"
                            + "first import: %.1f s, %.0f records/s (imported %s, rejected %s)%n"
                            + "peak heap used during the import (JVM of service and test): %d MB (%d MB before)%n"
                            + "second import of the same file: %.1f s (unchanged %s, imported %s)%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"), records, Files.size(upload) / 1e6, seconds,
                    records / seconds, report.get("imported"), report.get("rejectedCount"), peak.get() >> 20,
                    heapBefore >> 20, againSeconds, again.get("unchanged"), again.get("imported"));
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Streams the upload to disk: the benchmark's own memory should not hide the service's. */
    private static void write(Path file, int records) throws IOException {
        List<ObjectNode> samples = samples();
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("versionApiKcdb", "1.0.13");
            json.writeName("data");
            json.writeStartArray();
            for (int i = 0; i < records; i++) {
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
