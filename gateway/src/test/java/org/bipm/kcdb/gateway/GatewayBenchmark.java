package org.bipm.kcdb.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bipm.kcdb.platform.LoadDriver;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * The gateway's own cost per request, without the platform (bench/gateway.sh --component): the gateway in this JVM
 * in front of a stand-in service that reads the request and answers at once with a search-sized JSON body, both called side by side by the
 * same {@link LoadDriver}. The stand-in costs next to nothing, so the ratio here is the gateway's cost alone (the
 * platform run, {@code GatewayBenchmarks} in e2e, sets it against real services). Run with a JFR recording to
 * profile: {@code -DargLine=-XX:StartFlightRecording=filename=gateway.jfr,settings=profile}. Not a test by name;
 * skips itself without {@code -Dkcdb.bench=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class GatewayBenchmark {

    /** About the size of a page of ten quick-search results. */
    static final String BODY = "{\"data\":[" + String.join(",", java.util.Collections.nCopies(10,
            "{\"id\":12345,\"kcdbCode\":\"EURAMET-EM-DE-00001234\",\"metrologyAreaLabel\":\"EM\",\"rmo\":\"EURAMET\","
                    + "\"countryValue\":\"DE\",\"nmiCode\":\"PTB\",\"quantityValue\":\"DC voltage\","
                    + "\"instrument\":\"Zener reference\",\"uncertaintyConvention\":\"absolute\"}"))
            + "],\"totalElements\":10}";

    static final DisposableServer BACKEND = StandInService.start(
            (request, response) -> request.receive().aggregate().then()
                    .then(response.header("Content-Type", "application/json").sendString(Mono.just(BODY)).then()));

    static final String WRITER = KcdbServiceTest.ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInService.routeEverythingTo(BACKEND, registry);
    }

    @AfterAll
    static void stop() {
        BACKEND.disposeNow();
    }

    @Test
    void gatewayAgainstTheServiceSideBySide() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/gateway.sh)");
        Duration seconds = Duration.ofSeconds(Long.getLong("kcdb.bench.seconds", 10));
        String direct = StandInService.url(BACKEND);
        String gateway = "http://127.0.0.1:" + port;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%n==== gateway, component (stand-in service) ====%nload average before: %s%n",
                LoadDriver.loadAverage()));
        String search = "/api/kcdb/cmc/searchData/quickSearch";
        String searchBody = "{\"page\":0,\"pageSize\":10,\"keywords\":\"voltage\"}";
        for (int connections : List.of(1, 8)) {
            report.append(LoadDriver.sideBySide("public search", connections, seconds,
                    new LoadDriver.Call(direct + search, Map.of(), searchBody),
                    new LoadDriver.Call(gateway + search, Map.of(), searchBody)));
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + WRITER);
            report.append(LoadDriver.sideBySide("writer's CMC list", connections, seconds,
                    new LoadDriver.Call(direct + "/api/cmcs?page=0&size=20", bearer, null),
                    new LoadDriver.Call(gateway + "/api/cmcs?page=0&size=20", bearer, null)));
        }
        report.append("load average after: ").append(LoadDriver.loadAverage()).append("\n==== end ====\n");
        System.out.println(report);
    }
}
