package org.bipm.kcdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bipm.kcdb.submission.SubmissionApplication;
import org.bipm.kcdb.submission.application.DraftRules;
import org.bipm.kcdb.submission.domain.imports.ImportColumns;
import org.bipm.kcdb.submission.domain.imports.ImportJob;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.submission.domain.units.BaseUnits;
import org.bipm.kcdb.submission.domain.Actor;
import org.bipm.kcdb.submission.application.imports.CmcImports;
import org.bipm.kcdb.submission.application.imports.ImportSheets;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports 30 000 CMC rows (CSV, then XLSX) through the real import pipeline and store, then the CSV again through
 * the HTTP API as a writer does, and reports rows per second and heap. Not part of {@code ./mvnw verify}: run it with
 * {@code ./mvnw -o -pl services/submission -am test -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true}.
 * The rows are the 321 Canadian physics CMCs of ../shared/data completed with plausible numbers, with a chemistry
 * and a radiation row every tenth row; the report goes to target/bench/import-benchmark.txt.
 */
@EnabledIfSystemProperty(named = "kcdb.bench", matches = "true")
@SpringBootTest(classes = SubmissionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class ImportBenchmark extends KcdbServiceTest {

    static final int ROWS = Integer.getInteger("kcdb.bench.rows", 30_000);
    static final Path SAMPLES = Path.of("../../../shared/data/kcdb-sample-cmcs-partial.json");

    @Autowired
    CmcImports imports;
    @Autowired
    DraftRules cmcs;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "submission-bench-" + System.currentTimeMillis());
    }

    @Test
    void thirtyThousandRows() throws Exception {
        List<Map<String, String>> rows = rows(ROWS);
        Path csv = Files.createTempFile("bench-", ".csv");
        Path xlsx = Files.createTempFile("bench-", ".xlsx");
        writeCsv(rows, csv);
        writeXlsx(rows, xlsx);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "KCDB CMC import benchmark, %s, %d rows, %d processors, max heap %d MB%n", Instant.now(), ROWS,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        report.append(validationOnly(csv));
        report.append(measure("CSV ", csv, ImportSheets.Format.CSV, Files.size(csv)));
        report.append(measure("XLSX", xlsx, ImportSheets.Format.XLSX, Files.size(xlsx)));
        report.append(overHttp(rows));
        Path out = Path.of("target/bench/import-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** Reading and checking alone, without the store: what the import itself costs. */
    private String validationOnly(Path csv) throws IOException {
        CmcRules rules = cmcs.rules().block();
        AtomicLong faults = new AtomicLong();
        long start = System.nanoTime();
        int[] rows = {0};
        ImportSheets.read(csv, ImportSheets.Format.CSV, (row, cells) -> {
            rows[0]++;
            ImportColumns.Reading reading = ImportColumns.read(cells);
            faults.addAndGet(rules.forDraft(reading.content()).size());
            BaseUnits.derive(reading.content());
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "read + validate + SI units, no store: %d rows in %.1f s = %.0f rows/s,"
                + " %d faults%n", rows[0], seconds, rows[0] / seconds, faults.get());
    }

    private String measure(String label, Path file, ImportSheets.Format format, long bytes) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
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
        sampler.setDaemon(true);
        sampler.start();
        Actor author = new Actor("bench", "BENCH-" + label.strip(), "DE", "EURAMET");
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), author.institute(), author.username(),
                file.getFileName().toString(), format.name(), false, ImportJob.Status.RUNNING, 0, null, 0, 0, 0, List.of(),
                null, Instant.now(), null, null);
        long start = System.nanoTime();
        ImportJob done = imports.run(job, author, file, format);
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.rowsRead()).isEqualTo(ROWS);
        return String.format(Locale.ROOT,
                "%s %6.1f MB file: %d rows in %.1f s = %.0f rows/s; %d drafts, %d cells at fault%s; heap before %d MB,"
                        + " peak %d MB (+%d MB)%n", label, bytes / 1e6, done.rowsRead(), seconds, done.rowsRead() / seconds,
                done.draftsCreated(), done.errorCount(), done.errors().isEmpty() ? ""
                        : " (first: row " + done.errors().get(0).row() + " " + done.errors().get(0).column() + ": "
                        + done.errors().get(0).message() + ")",
                before >> 20, peak.get() >> 20, (peak.get() - before) >> 20);
    }

    /**
     * What the writer sees: the CSV uploaded to {@code POST /api/cmcs/imports} with a writer's token, then the job
     * polled every 200 ms until it completes; from the first byte sent to the completed job.
     */
    private String overHttp(List<Map<String, String>> rows) throws IOException {
        Path csv = Files.createTempFile("bench-http-", ".csv"); // the runs above deleted theirs once read
        writeCsv(rows, csv);
        String token = ISSUER.writer("bench.http", "BENCH-HTTP", "DE", "EURAMET");
        WebTestClient http = TestHttp.client(port, Duration.ofMinutes(2));
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new FileSystemResource(csv));
        long start = System.nanoTime();
        URI job = http.post().uri("/api/cmcs/imports").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(body.build()).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseHeaders().getLocation();
        Map<?, ?> status;
        do {
            sleep(200);
            status = http.get().uri(job.toString()).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
        } while ("RUNNING".equals(status.get("status")));
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.deleteIfExists(csv);
        assertThat(status.get("status")).isEqualTo("COMPLETED");
        assertThat(status.get("draftsCreated")).isEqualTo(ROWS);
        return String.format(Locale.ROOT, "CSV over HTTP (upload, job, polling): %d rows in %.1f s = %.0f rows/s%n",
                ROWS, seconds, ROWS / seconds);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shared sample CMCs completed with numbers, cycled to {@code count}; falls back to the template's examples. */
    static List<Map<String, String>> rows(int count) throws IOException {
        List<Map<String, String>> physics = new ArrayList<>();
        if (Files.exists(SAMPLES)) {
            JsonNode records = JsonMapper.builder().build().readTree(SAMPLES.toFile()).path("partialRecords")
                    .path("canadaPhysics");
            for (JsonNode r : records) {
                String[] code = r.path("_provenance").path("derived").path("physicsCode").asString().split("\\.");
                String unit = r.path("cmcBaseUnit").path("unit").asString();
                Map<String, String> row = new LinkedHashMap<>(ImportColumns.examples().get(0));
                row.put("metrologyAreaLabel", r.path("metrologyAreaLabel").asString());
                row.put("branchLabel", r.path("branchLabel").asString());
                row.put("serviceLabel", code[0]);
                row.put("subServiceLabel", code.length > 1 ? code[1] : "");
                row.put("individualServiceLabel", code.length > 2 ? code[2] : "");
                row.put("quantityValue", r.path("quantityValue").asString());
                row.put("instrument", r.path("instrument").asString());
                row.put("instrumentMethod", r.path("instrumentMethod").asString());
                row.put("parameters", "");
                row.put("cmc.unit", unit.isBlank() || unit.equals("dimension 1") ? "1" : unit);
                row.put("cmcUncertainty.unit", "%");
                row.put("supportingComparisons", "");
                physics.add(row);
            }
        }
        if (physics.isEmpty()) {
            physics.add(ImportColumns.examples().get(0));
        }
        List<Map<String, String>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, String> row = new LinkedHashMap<>(i % 10 == 8 ? ImportColumns.examples().get(1)
                    : i % 10 == 9 ? ImportColumns.examples().get(2) : physics.get(i % physics.size()));
            double scale = 1 + (i % 97) / 10.0;
            row.put("cmc.lowerLimit", Double.toString(0.1 * scale));
            row.put("cmc.upperLimit", Double.toString(10 * scale));
            row.put("cmcUncertainty.lowerLimit", Double.toString(0.01 * scale));
            row.put("cmcUncertainty.upperLimit", Double.toString(0.02 * scale));
            row.put("uncertaintyMode", "Relative");
            row.put("nmiServiceCode", "BENCH-" + i);
            rows.add(row);
        }
        return rows;
    }

    static void writeCsv(List<Map<String, String>> rows, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            csv.printRecord(ImportColumns.ALL);
            for (Map<String, String> row : rows) {
                csv.printRecord(ImportColumns.ALL.stream().map(c -> row.getOrDefault(c, "")).toList());
            }
        }
    }

    private static void writeXlsx(List<Map<String, String>> rows, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "KCDB", "1.0");
            Worksheet sheet = workbook.newWorksheet("CMCs");
            for (int c = 0; c < ImportColumns.ALL.size(); c++) {
                sheet.value(0, c, ImportColumns.ALL.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < ImportColumns.ALL.size(); c++) {
                    String value = rows.get(r).get(ImportColumns.ALL.get(c));
                    if (value != null && !value.isEmpty()) {
                        sheet.value(r + 1, c, value);
                    }
                }
                if (r % 5000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
    }
}
