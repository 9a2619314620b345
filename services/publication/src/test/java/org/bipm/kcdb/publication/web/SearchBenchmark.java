package org.bipm.kcdb.publication.web;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.persistence.ReferenceData;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search latency and throughput over 100 000 published CMCs, through the controller's search path (criteria
 * checks, index, record mapping, JSON bytes) without HTTP. Not a test: its name keeps it out of {@code mvnw verify};
 * run it with {@code bench/run.sh} (see bench/README.md), which sets -Dkcdb.bench=true so that a module run selecting
 * every class by package skips it. Sizes and durations can be set with -Dkcdb.bench.*.
 */
@EnabledIfSystemProperty(named = "kcdb.bench", matches = "true")
class SearchBenchmark {

    static final int RECORDS = Integer.getInteger("kcdb.bench.records", 100_000);
    static final int MEASURED = Integer.getInteger("kcdb.bench.queries", 6_000);
    static final int THROUGHPUT_SECONDS = Integer.getInteger("kcdb.bench.seconds", 10);
    static final String SAMPLE = System.getProperty("kcdb.bench.sample",
            "../../../shared/data/kcdb-sample-cmcs-partial.json");

    final JsonMapper json = JsonMapper.builder().build();
    /** Makes each "new each time" search's keywords differ from every earlier one's. */
    static final AtomicLong UNSEEN = new AtomicLong();

    @Test
    void searchLatencyAndThroughputOver100000Cmcs() throws Exception {
        List<PublishedCmc> cmcs = generate(json.readTree(new File(SAMPLE)).get("partialRecords"), RECORDS);
        CmcIndex index = new CmcIndex(ReferenceData.kcdb());
        long started = System.nanoTime();
        List<CmcIndex.Indexed> batch = new ArrayList<>();
        for (PublishedCmc cmc : cmcs) {
            batch.add(new CmcIndex.Indexed(cmc.cmcId(), cmc, 1, cmc.publishedAt()));
        }
        index.putAll(batch);
        long indexMillis = (System.nanoTime() - started) / 1_000_000;
        batch = null;
        cmcs = null;
        System.gc();
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        KcdbApiController api = new KcdbApiController(new KcdbSearch(null, index, Clock.systemUTC(),
                Duration.ZERO), null, new org.bipm.kcdb.publication.persistence.ReferenceChanges(null));

        Map<String, Supplier<Object>> queries = queries(api);
        for (int i = 0; i < 3_000; i++) { // warm-up: JIT and Lucene caches
            queries.values().stream().skip(i % queries.size()).findFirst().orElseThrow().get();
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%d CMCs indexed in %d ms; heap after GC %d MB; %d cores, %s%n",
                RECORDS, indexMillis, heapMb, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getVmVersion()));
        // The machine is shared: the load average says how much of it the numbers below had.
        report.append(String.format(Locale.ROOT, "system load average (1 min) before measuring: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.append(String.format(Locale.ROOT, "%-44s %9s %7s %7s %7s %7s%n", "query (one thread)", "hits", "p50 ms",
                "p95 ms", "p99 ms", "max ms"));
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object>> query : queries.entrySet()) {
            long[] nanos = new long[MEASURED / queries.size()];
            Object hits = null;
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                hits = query.getValue().get();
                nanos[i] = System.nanoTime() - t;
                all.add(nanos[i]);
            }
            report.append(line(query.getKey(), hits, nanos));
        }
        report.append(line("all of the above, mixed", "", all.stream().mapToLong(Long::longValue).toArray()));
        // Not in the mix above (which stays as it was): the quick searches the platform and gateway benchmarks send,
        // and one whose keywords are new each time, so that nothing remembered from an earlier search can answer it.
        Map<String, Supplier<Object>> platformQuick = platformQuickSearches(api);
        Map<String, Supplier<Object>> extra = new LinkedHashMap<>(platformQuick);
        extra.put("quick: temperature, new each time (20, facets)", () -> quick(api, "temperature OR unseen"
                + UNSEEN.incrementAndGet(), 0, 20));
        for (Map.Entry<String, Supplier<Object>> query : extra.entrySet()) {
            for (int i = 0; i < 300; i++) {
                query.getValue().get();
            }
            long[] nanos = new long[MEASURED / queries.size()];
            Object hits = null;
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                hits = query.getValue().get();
                nanos[i] = System.nanoTime() - t;
            }
            report.append(line(query.getKey(), hits, nanos));
        }
        for (int threads : new int[] {1, 2, 4}) {
            report.append(String.format(Locale.ROOT, "throughput, %d thread(s), %d s: %.0f searches/s%n", threads,
                    THROUGHPUT_SECONDS, throughput(new ArrayList<>(queries.values()), threads)));
        }
        // Issue 15 item 5 counts quick searches at 8 connections: the four of the mix and the platform's two.
        List<Supplier<Object>> quickOnly = new ArrayList<>();
        queries.forEach((name, query) -> {
            if (name.startsWith("quick:")) {
                quickOnly.add(query);
            }
        });
        quickOnly.addAll(platformQuick.values());
        for (int threads : new int[] {1, 2, 8}) {
            report.append(String.format(Locale.ROOT, "quick searches only, %d thread(s), %d s: %.0f searches/s%n",
                    threads, THROUGHPUT_SECONDS, throughput(quickOnly, threads)));
        }
        report.append(String.format(Locale.ROOT, "quick: temperature, new each time, 2 threads, %d s: %.0f "
                + "searches/s%n", THROUGHPUT_SECONDS, throughput(List.of(extra.get(
                "quick: temperature, new each time (20, facets)")), 2)));
        report.append(String.format(Locale.ROOT, "system load average (1 min) after measuring: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.println("\n==== KCDB search benchmark ====\n" + report);
        index.close();
    }

    private static String line(String name, Object hits, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-44s %9s %7.2f %7.2f %7.2f %7.2f%n", name, hits, ms(sorted, 0.50),
                ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static double throughput(List<Supplier<Object>> queries, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    queries.get((int) ((n + offset) % queries.size())).get();
                    n++;
                }
                return n;
            }));
        }
        Thread.sleep(THROUGHPUT_SECONDS * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - started) / 1e9);
    }

    /** The searches users run most: a word or two, a classification, a country, a page of a long list. */
    private Map<String, Supplier<Object>> queries(KcdbApiController api) {
        Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
        queries.put("quick: temperature (20, facets)", () -> quick(api, "temperature", 0, 20));
        queries.put("quick: everything published (100, facets)", () -> quick(api, null, 0, 100));
        queries.put("quick: \"fibre optic\" OR wavelength", () -> quick(api, "\"fibre optic\" OR wavelength", 0, 20));
        queries.put("quick: therm* AND NOT humidity", () -> quick(api, "therm* AND NOT humidity", 0, 20));
        queries.put("physics: EM, EM/DC (100)", () -> physics(api, "EM", "EM/DC", null, null, 0, 100));
        queries.put("physics: resistance AND standard, CA+DE", () -> physics(api, null, null,
                "resistance AND standard", List.of("CA", "DE"), 0, 100));
        queries.put("physics: T, page 50 of 100", () -> physics(api, "T", null, null, null, 50, 100));
        queries.put("physics: PR, pageSize 1000", () -> physics(api, "PR", null, null, null, 0, 1000));
        queries.put("chemistry: analyte boron", () -> serialize(api.chemistryAndBiology(
                new SearchCriteria.ChemistryAndBiology(0, 100, false, "Published", null, "QM", null, "boron", null,
                        null, null), null)));
        queries.put("radiation: DOS, Beta", () -> serialize(api.radiation(new SearchCriteria.Radiation(0, 100, false,
                "Published", "Beta", "RI", "DOS", null, null, null, null, null, null, null), null)));
        return queries;
    }

    /** The quick searches of PlatformSearchBenchmark and GatewayBenchmarks (e2e): a page of 20 with the filters. */
    private Map<String, Supplier<Object>> platformQuickSearches(KcdbApiController api) {
        Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
        queries.put("quick: capacitance OR resistance (20, facets)", () -> quick(api, "capacitance OR resistance", 0,
                20));
        queries.put("quick: filter cmcRmo.SIM (20, facets)", () -> serialize(api.quickSearch(new QuickSearchCriteria(
                0, 20, false, "Published", null, List.of("cmcRmo.SIM"), null), null)));
        return queries;
    }

    private Object quick(KcdbApiController api, String keywords, int page, int pageSize) {
        return serialize(api.quickSearch(new QuickSearchCriteria(page, pageSize, false, "Published", keywords, null,
                null), null));
    }

    private Object physics(KcdbApiController api, String area, String branch, String keywords, List<String> countries,
                           int page, int pageSize) {
        return serialize(api.physics(new SearchCriteria.Physics(page, pageSize, false, "Published", keywords, area,
                branch, null, null, null, null, countries, null, null), null));
    }

    /** The JSON bytes are part of what a caller waits for. */
    private Object serialize(Map<String, Object> envelope) {
        byte[] bytes = json.writeValueAsBytes(envelope);
        if (bytes.length == 0) {
            throw new IllegalStateException();
        }
        return envelope.get("totalElements");
    }

    /** 100 000 records from the 531 real partial ones: their classification and text, varied institutes and numbers. */
    static List<PublishedCmc> generate(JsonNode partial, int count) {
        List<JsonNode> samples = new ArrayList<>();
        partial.forEach(group -> group.forEach(samples::add));
        String[][] institutes = {{"NRC", "CA", "SIM"}, {"NIST", "US", "SIM"}, {"CENAM", "MX", "SIM"},
            {"PTB", "DE", "EURAMET"}, {"NPL", "GB", "EURAMET"}, {"LNE", "FR", "EURAMET"}, {"METAS", "CH", "EURAMET"},
            {"VNIIM", "RU", "COOMET"}, {"BelGIM", "BY", "COOMET"}, {"NMIJ AIST", "JP", "APMP"}, {"NIM", "CN", "APMP"},
            {"KRISS", "KR", "APMP"}, {"MSL", "NZ", "APMP"}, {"NMISA", "ZA", "AFRIMETS"}, {"NIS", "EG", "AFRIMETS"}};
        Random random = new Random(20261123);
        List<PublishedCmc> cmcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonNode s = samples.get(i % samples.size());
            String[] institute = institutes[random.nextInt(institutes.length)];
            String domain = text(s, "domainCode");
            String area = text(s, "metrologyAreaLabel");
            String[] code = {null, null, null};
            JsonNode derived = s.path("_provenance").path("derived");
            if (derived.has("physicsCode")) {
                String[] parts = derived.get("physicsCode").asString().split("\\.");
                System.arraycopy(parts, 0, code, 0, Math.min(3, parts.length));
            }
            List<Parameter> parameters = new ArrayList<>();
            s.path("parameters").forEach(p -> parameters.add(new Parameter(text(p, "parameterName"),
                    text(p, "parameterValue"))));
            double lower = Math.pow(10, random.nextInt(8) - 4);
            double uncertainty = 0.1 + random.nextInt(50) / 10.0;
            String unit = s.path("cmcBaseUnit").path("unit").asString("1");
            CmcContent content = new CmcContent(domain, area, text(s, "branchLabel"), code[0], code[1], code[2],
                    text(s, "quantityValue"), text(s, "instrument"), text(s, "instrumentMethod"), parameters,
                    new Range(lower, lower * 100, unit), new Range(uncertainty, uncertainty, "%"),
                    new Range(lower, lower * 100, unit), new Range(uncertainty / 100, uncertainty / 100, "dimension 1"),
                    "Relative", 2.0, 95.0, institute[0], text(s, "comments"),
                    text(s, "nmiServiceCode") != null ? text(s, "nmiServiceCode") : institute[0] + "-" + i, List.of(),
                    null, null, null, null, null, "CHEM-BIO".equals(domain) ? String.valueOf(1 + i % 15) : null, null,
                    text(s, "analyteValue"), "CHEM-BIO".equals(domain) ? "matrix " + (i % 40) : null,
                    text(s, "measurmentTechnique"), null, "CHEM-BIO".equals(domain) ? "One" : null, null,
                    text(s, "sourceValue"), null, null, null, text(s, "radiationSpecification"));
            int roll = random.nextInt(100);
            PublicationStatus status = roll < 85 ? PublicationStatus.PUBLISHED
                    : roll < 95 ? PublicationStatus.ARCHIVED : roll < 98 ? PublicationStatus.GREYED_OUT
                    : PublicationStatus.DELETED;
            LocalDate published = LocalDate.of(2005, 1, 1).plusDays(random.nextInt(7_600));
            String kcdbCode = institute[2] + "-" + area + "-" + institute[1] + "-"
                    + String.format("%8s", Long.toString(i, 36).toUpperCase(Locale.ROOT)).replace(' ', '0') + "-1";
            cmcs.add(new PublishedCmc("bench-" + i, i + 1, kcdbCode, 1, status, published, published, published,
                    institute[0], institute[1], institute[2], content,
                    published.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
        }
        return cmcs;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
