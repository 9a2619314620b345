package org.bipm.kcdb.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bipm.kcdb.platform.Platform;
import org.bipm.kcdb.platform.Ports;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name): the platform as {@code ./kcdb up} runs
 * it, {@code kcdb.bench.records} (default 100 000) published CMCs migrated in through the gateway in
 * {@code kcdb.bench.uploads} (default 5) uploads of equal size, each timed (the rate at the start against the rate at
 * the end, issue 15 item 3), then typical KCDB API searches timed through the gateway and directly against the
 * publication service. Run: {@code bench/platform-search.sh}.
 */
class PlatformSearchBenchmark {

    static final int WARM_UP = 30;
    static final int SAMPLES = 200;
    /** The quick-search target is at 8 connections through the gateway. */
    static final int CLIENTS = 8;
    static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Typical searches of KCDB clients: keywords, an area and branch, a filter, a chemistry analyte. */
    static final Map<String, String[]> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("quick: keywords", new String[] {"/api/kcdb/cmc/searchData/quickSearch",
                "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}"});
        QUERIES.put("quick: filter RMO", new String[] {"/api/kcdb/cmc/searchData/quickSearch",
                "{\"page\":0,\"pageSize\":20,\"includedFilters\":[\"cmcRmo.SIM\"]}"});
        QUERIES.put("physics: area+branch", new String[] {"/api/kcdb/cmc/searchData/physics",
                "{\"page\":0,\"pageSize\":100,\"metrologyAreaLabel\":\"EM\",\"branchLabel\":\"EM/HV\"}"});
        QUERIES.put("physics: phrase, page 5", new String[] {"/api/kcdb/cmc/searchData/physics",
                "{\"page\":5,\"pageSize\":100,\"metrologyAreaLabel\":\"PR\",\"keywords\":\"\\\"fibre optic\\\"\"}"});
        QUERIES.put("chem-bio: analyte", new String[] {"/api/kcdb/cmc/searchData/chemistryAndBiology",
                "{\"page\":0,\"pageSize\":100,\"metrologyAreaLabel\":\"QM\",\"analyteLabel\":\"boron\"}"});
    }

    @Test
    void searchHundredThousandCmcsThroughTheGatewayAndDirectly() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int records = Integer.getInteger("kcdb.bench.records", 100_000);
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path state = Files.createDirectories(Path.of("target", "bench-platform").toAbsolutePath());
        Path keycloak = Path.of(System.getProperty("user.home"), ".cache", "kcdb", "keycloak-26.4.5-e2e");
        try (Platform platform = Platform.start(new Platform.Config(repo, state, keycloak, Ports.free(), true))) {
            String office = Http.passwordToken(platform.tokenUrl(), "kcdb.office");
            String gateway = platform.gatewayUrl();
            String direct = "http://127.0.0.1:" + platform.services().stream()
                    .filter(s -> s.name().equals("publication")).findFirst().orElseThrow().port();

            // in uploads of equal size, each timed: the migration's rate at the start against its rate at the end
            int uploads = Integer.getInteger("kcdb.bench.uploads", 5);
            int each = records / uploads;
            double[] rates = new double[uploads];
            double importSeconds = 0;
            Map<String, Integer> perInstitute = new java.util.HashMap<>();
            int importedCount = 0;
            int unchanged = 0;
            double[] loadBefore = loadAverage();
            for (int u = 0; u < uploads; u++) {
                Path upload = Files.createTempFile("kcdb-platform-bench-", ".json");
                write(upload, u * each, each).forEach((nmi, n) -> perInstitute.merge(nmi, n, Integer::sum));
                Instant begin = Instant.now();
                HttpResponse<String> imported = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway
                                + "/api/kcdb/imports")).header("Authorization", "Bearer " + office)
                        .header("Content-Type", "application/json").timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofFile(upload)).build(), HttpResponse.BodyHandlers.ofString());
                double took = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
                Files.delete(upload);
                if (imported.statusCode() != 200) {
                    throw new IllegalStateException("Upload " + (u + 1) + " failed: " + imported.statusCode() + " "
                            + imported.body().substring(0, Math.min(600, imported.body().length())));
                }
                JsonNode report = Http.JSON.readTree(imported.body());
                importedCount += report.get("imported").asInt();
                unchanged += report.get("unchanged").asInt();
                rates[u] = each / took;
                importSeconds += took;
                System.out.printf(Locale.ROOT, "[bench] upload %d of %d: %d records in %.1f s (%.0f records/s)%n",
                        u + 1, uploads, each, took, rates[u]);
                office = Http.passwordToken(platform.tokenUrl(), "kcdb.office"); // fresh: tokens expire
            }
            records = uploads * each;
            awaitSearchable(direct, records);
            double[] loadAfterImport = loadAverage();
            String handover = importedCount < records ? "not measured (records already there)"
                    : awaitHandedOver(platform, gateway, perInstitute.getOrDefault("NIST", 0));
            // Every record indexed before the searches: the index's last refreshes would otherwise fall into
            // whichever search is timed first (each refresh a new point in time, its pages collected anew).
            double indexed = awaitIndexed(direct, records);

            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%n==== KCDB platform search benchmark ====%nmachine: %d cores, Java %s; platform as ./kcdb up "
                            + "runs it (Kafka, Mongo-wire store, Keycloak, 4 services, gateway)%n"
                            + "records: %d sent through the gateway in %d uploads in %.1f s (%.0f records/s): %d "
                            + "imported, %d already there unchanged (a rerun keeps the platform's data)%n"
                            + "migration rate per upload, records/s: %s; last upload's / first's = %.2f (target: flat"
                            + " within 20 %%: %s)%n"
                            + "load average (1, 5, 15 min) before the migration %s, after it %s%n"
                            + "the migrated CMCs handed over to their institutes in the submission service (cmc.migrated):"
                            + " %s%n"
                            + "every record searchable %.1f s after the hand-over%n"
                            + "latency over %d sequential requests after %d warm-up, ms; throughput with %d clients"
                            + " for %d s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    records, uploads, importSeconds, records / importSeconds, importedCount, unchanged,
                    Arrays.stream(rates).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r))
                            .collect(java.util.stream.Collectors.joining(", ")), rates[uploads - 1] / rates[0],
                    rates[uploads - 1] / rates[0] >= 0.8 ? "met" : "NOT met", Arrays.toString(loadBefore),
                    Arrays.toString(loadAfterImport), handover, indexed, SAMPLES, WARM_UP,
                    CLIENTS, THROUGHPUT_WINDOW.toSeconds()));
            out.append(answers(gateway, direct));
            out.append(String.format(Locale.ROOT, "%-26s %-8s %7s %7s %7s %9s%n", "query", "via", "p50", "p95", "p99",
                    "req/s"));
            // Each round in the reverse order of the one before: what is measured first runs on a platform still
            // busy after the migration (its last records indexed, the JIT), which is not a property of the query.
            // kcdb.bench.queries: only the queries whose names start so (e.g. "quick"), as SearchPaths' -Dqueries
            String only = System.getProperty("kcdb.bench.queries", "");
            List<Map.Entry<String, String[]>> order = new ArrayList<>(QUERIES.entrySet().stream()
                    .filter(q -> q.getKey().startsWith(only)).toList());
            List<String[]> vias = new ArrayList<>(List.of(new String[] {"gateway", gateway},
                    new String[] {"direct", direct}));
            int rounds = Integer.getInteger("kcdb.bench.rounds", 2);
            for (int round = 1; round <= rounds; round++) {
                out.append(String.format(Locale.ROOT, "round %d of %d, load average at its start %s%n", round, rounds,
                        Arrays.toString(loadAverage())));
                for (Map.Entry<String, String[]> query : order) {
                    for (String[] via : vias) {
                        double[] millis = latencies(via[1] + query.getValue()[0], query.getValue()[1]);
                        double throughput = throughput(via[1] + query.getValue()[0], query.getValue()[1]);
                        out.append(String.format(Locale.ROOT, "%-26s %-8s %7.1f %7.1f %7.1f %9.0f%n",
                                query.getKey(), via[0], percentile(millis, 50), percentile(millis, 95),
                                percentile(millis, 99), throughput));
                    }
                }
                java.util.Collections.reverse(order);
                java.util.Collections.reverse(vias);
            }
            out.append(String.format(Locale.ROOT, "load average after the searches %s%n", Arrays.toString(loadAverage())));
            System.out.println(out);
        }
    }

    /**
     * Each query's answer through the gateway and directly: its size, whether the two are the same bytes, and the
     * caching headers each path gives (what the gateway might treat differently for one query and not another).
     */
    private static String answers(String gateway, String direct) throws Exception {
        StringBuilder out = new StringBuilder("answers (bytes via the gateway / directly, same bytes, gateway's"
                + " Cache-Control, ETag, Content-Encoding)\n");
        for (Map.Entry<String, String[]> query : QUERIES.entrySet()) {
            HttpResponse<byte[]> via = answer(gateway + query.getValue()[0], query.getValue()[1]);
            HttpResponse<byte[]> own = answer(direct + query.getValue()[0], query.getValue()[1]);
            out.append(String.format(Locale.ROOT, "%-26s %7d / %7d  %-5s %s, %s, %s%n", query.getKey(),
                    via.body().length, own.body().length, Arrays.equals(via.body(), own.body()),
                    via.headers().firstValue("Cache-Control").orElse("-"),
                    via.headers().firstValue("ETag").orElse("-"),
                    via.headers().firstValue("Content-Encoding").orElse("-")));
        }
        return out.toString();
    }

    private static HttpResponse<byte[]> answer(String url, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The machine's load average over 1, 5 and 15 minutes (zeros where /proc/loadavg is not there). */
    static double[] loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2])};
        } catch (java.io.IOException | RuntimeException e) {
            return new double[3];
        }
    }

    private static double[] latencies(String url, String body) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            search(url, body);
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            search(url, body);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double throughput(String url, String body) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + THROUGHPUT_WINDOW.toNanos();
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            counts.add(clients.submit(() -> {
                int done = 0;
                while (System.nanoTime() < end) {
                    search(url, body);
                    done++;
                }
                return done;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        clients.shutdown();
        return total / (double) THROUGHPUT_WINDOW.toSeconds();
    }

    private static void search(String url, String body) throws Exception {
        HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " " + body + " answered " + response.statusCode());
        }
    }

    /** The search index catches up with the store shortly after the import; wait until it sees nine in ten. */
    static void awaitSearchable(String direct, int records) throws Exception {
        awaitIndexed(direct, records * 9 / 10);
    }

    /** Seconds until the search index finds {@code atLeast} published CMCs, at most 5 minutes. */
    static double awaitIndexed(String direct, int atLeast) throws Exception {
        Instant begin = Instant.now();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> found = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(direct + "/api/kcdb/cmc/searchData/quickSearch")).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"page\":0,\"pageSize\":1,\"status\":\"Published\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() == 200
                    && Http.JSON.readTree(found.body()).get("totalElements").asInt() >= atLeast) {
                return Duration.between(begin, Instant.now()).toMillis() / 1000.0;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The imported records did not become searchable within 5 minutes");
    }

    /**
     * Seconds until NIST's writer sees all of NIST's migrated CMCs as its own published ones: the announcements of
     * the whole migration relayed and taken over (NIST's records are spread over the whole upload); at most
     * {@code kcdb.bench.handover.minutes} (default 10), then how far it got, so that the searches are still timed.
     */
    private static String awaitHandedOver(Platform platform, String gateway, int expected) throws Exception {
        Instant begin = Instant.now();
        Duration limit = Duration.ofMinutes(Integer.getInteger("kcdb.bench.handover.minutes", 10));
        Http http = new Http(gateway);
        int seen = 0;
        while (Duration.between(begin, Instant.now()).compareTo(limit) < 0) {
            String writer = Http.passwordToken(platform.tokenUrl(), "writer.nist"); // fresh: tokens expire
            Http.Response page = http.get("/api/cmcs?status=PUBLISHED&size=1", writer);
            if (page.status() == 200) {
                seen = page.body().get("totalElements").asInt();
                if (seen >= expected) {
                    return String.format(Locale.ROOT, "%.1f s after the import",
                            Duration.between(begin, Instant.now()).toMillis() / 1000.0);
                }
            }
            Thread.sleep(2000);
        }
        return String.format(Locale.ROOT, "not within %d min of the import (NIST's writer saw %d of %d)",
                limit.toMinutes(), seen, expected);
    }

    static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /**
     * The 531 partial real records of shared/data, cycled with distinct ids and codes and completed; returns how many
     * records each institute got.
     */
    static Map<String, Integer> write(Path file, int records) throws Exception {
        return write(file, 0, records);
    }

    /** {@link #write(Path, int)} from the {@code first}-th record on: uploads that together make one larger store. */
    static Map<String, Integer> write(Path file, int first, int records) throws Exception {
        Map<String, Integer> perInstitute = new java.util.HashMap<>();
        Path samples = repoSibling("shared/data/kcdb-sample-cmcs-partial.json");
        List<ObjectNode> partial = new ArrayList<>();
        Http.JSON.readTree(samples.toFile()).get("partialRecords").forEach(group -> group.forEach(r -> {
            ObjectNode copy = ((ObjectNode) r).deepCopy();
            copy.remove("_provenance");
            partial.add(copy);
        }));
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = Http.JSON.createGenerator(out)) {
            json.writeStartArray();
            for (int i = first; i < first + records; i++) {
                ObjectNode r = partial.get(i % partial.size()).deepCopy();
                withoutUnnamedParameters(r);
                String rmo = r.path("rmo").asString("EURAMET");
                String area = r.path("metrologyAreaLabel").asString("EM");
                String digits = Long.toString(2_000_000L + i, 36).toUpperCase(Locale.ROOT);
                r.put("id", 20_000_000L + i).put("rmo", rmo).put("status", "Published")
                        .put("kcdbCode", String.join("-", rmo, area, country(rmo), "000" + digits, "1"))
                        .put("publicationDate", "2021-01-12").put("nmiCode", r.path("nmiCode").asString("NRC"));
                perInstitute.merge(r.get("nmiCode").asString(), 1, Integer::sum);
                json.writeTree(r);
            }
            json.writeEndArray();
        }
        return perInstitute;
    }

    /**
     * Two of the sample records carry a parameter without a name (its value is the range of another one); the
     * migration refuses such a record as malformed (KcdbRecordReader), and one refused record stops the whole upload.
     */
    private static void withoutUnnamedParameters(ObjectNode r) {
        if (r.get("parameters") instanceof tools.jackson.databind.node.ArrayNode parameters) {
            for (int p = parameters.size() - 1; p >= 0; p--) {
                JsonNode name = parameters.get(p).get("parameterName");
                if (name == null || name.isNull() || name.asString().isBlank()) {
                    parameters.remove(p);
                }
            }
        }
    }

    private static String country(String rmo) {
        return Map.of("SIM", "CA", "APMP", "JP", "COOMET", "BY", "AFRIMETS", "ZA", "GULFMET", "SA")
                .getOrDefault(rmo, "DE");
    }

    static Path repoSibling(String relative) {
        for (Path dir = Path.of("..").toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found beside the checkout");
    }
}
