package org.bipm.kcdb.publication.web;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.platform.LoadDriver;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search of {@link SearchBenchmark} over real HTTP: the whole publication service on a random port (WebFlux,
 * its filters, the JSON codec), its index holding the same 100 000 generated CMCs, and the closed-loop driver of the
 * gateway benchmarks ({@link LoadDriver}: one kept-alive connection per client) in the same JVM, at 1 connection
 * (latency) and 8 (throughput, as issue 15 item 5 counts it). Not a test: run with
 * {@code bench/run.sh -Dtest=SearchHttpBenchmark}; it skips itself without -Dkcdb.bench=true.
 */
@EnabledIfSystemProperty(named = "kcdb.bench", matches = "true")
@KcdbComponentTest
class SearchHttpBenchmark extends KcdbServiceTest {

    static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("kcdb.bench.seconds", 10));

    @LocalServerPort
    int port;
    @Autowired
    CmcIndex index;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "search-http-benchmark");
    }

    @Test
    void quickSearchesOverHttp() throws Exception {
        List<PublishedCmc> cmcs = SearchBenchmark.generate(JsonMapper.builder().build()
                .readTree(new File(SearchBenchmark.SAMPLE)).get("partialRecords"), SearchBenchmark.RECORDS);
        List<CmcIndex.Indexed> batch = new ArrayList<>();
        for (PublishedCmc cmc : cmcs) {
            batch.add(new CmcIndex.Indexed(cmc.cmcId(), cmc, 1, cmc.publishedAt()));
        }
        index.putAll(batch);
        String base = "http://127.0.0.1:" + port + "/api/kcdb/cmc/searchData/";
        Map<String, LoadDriver.Call> calls = new LinkedHashMap<>();
        calls.put("quick: capacitance OR resistance (20)", new LoadDriver.Call(base + "quickSearch",
                Map.of(),
                "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}"));
        calls.put("quick: filter cmcRmo.SIM (20)", new LoadDriver.Call(base + "quickSearch",
                Map.of(), "{\"page\":0,\"pageSize\":20,\"includedFilters\":"
                + "[\"cmcRmo.SIM\"]}"));
        calls.put("physics: EM, EM/DC (100)", new LoadDriver.Call(base + "physics",
                Map.of(), "{\"page\":0,\"pageSize\":100,\"metrologyAreaLabel\":"
                + "\"EM\",\"branchLabel\":\"EM/DC\"}"));
        StringBuilder report = new StringBuilder(String.format("%d CMCs in the service's index; load average %s%n",
                index.size(), LoadDriver.loadAverage()));
        for (Map.Entry<String, LoadDriver.Call> call : calls.entrySet()) {
            for (int connections : new int[] {1, 8}) {
                report.append(String.format("%-40s %s%n", call.getKey(), LoadDriver.run(call.getValue(),
                        connections, Duration.ofSeconds(3), WINDOW)));
            }
        }
        report.append("load average after: ").append(LoadDriver.loadAverage()).append('\n');
        System.out.println("\n==== KCDB search benchmark over HTTP ====\n" + report);
    }
}
