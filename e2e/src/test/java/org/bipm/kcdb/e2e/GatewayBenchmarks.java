package org.bipm.kcdb.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bipm.kcdb.platform.ChildProcess;
import org.bipm.kcdb.platform.LoadDriver;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 items 4 and 6 on the platform as {@code ./kcdb up} runs it ({@link SharedPlatform}): how long it took to
 * start and the memory its processes hold, then the gateway against the service behind it, side by side with one
 * {@link LoadDriver}: the public quick search (publication service) and a writer's CMC list (submission service,
 * with a Keycloak token), at one and at eight connections. The store gets {@code kcdb.bench.gateway.records} (default
 * 3 000) migrated KCDB records first, so that the search and NIST's list have real pages to answer. Not a test by
 * name; skips itself without {@code -Dkcdb.bench=true}. Run {@code bench/gateway.sh}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class GatewayBenchmarks {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Platform platform;
    private String startReport;

    @BeforeAll
    void platform(Platform platform) {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/gateway.sh)");
        this.platform = platform;
        this.startReport = platform.startReport();
    }

    @Test
    void gatewayAgainstTheServicesSideBySide() throws Exception {
        int records = Integer.getInteger("kcdb.bench.gateway.records", 3_000);
        Duration window = Duration.ofSeconds(Long.getLong("kcdb.bench.seconds", 10));
        String gateway = platform.gatewayUrl();
        String publication = direct("publication");
        String submission = direct("submission");

        Path upload = Files.createTempFile("kcdb-gateway-bench-", ".json");
        Map<String, Integer> perInstitute = PlatformSearchBenchmark.write(upload, 2_000_000, records);
        HttpResponse<String> imported = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/kcdb/imports"))
                .header("Authorization", "Bearer " + Http.passwordToken(platform.tokenUrl(), "kcdb.office"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofFile(upload)).build(), HttpResponse.BodyHandlers.ofString());
        Files.delete(upload);
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("Import failed: " + imported.statusCode() + " " + imported.body());
        }
        PlatformSearchBenchmark.awaitSearchable(publication, records);
        String writer = Http.passwordToken(platform.tokenUrl(), "writer.nist");
        awaitOwnList(gateway, writer, perInstitute.getOrDefault("NIST", 1));

        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n==== KCDB gateway benchmark (issue 15, items 4 and 6) ====%nmachine: %d cores, Java %s%n"
                        + "platform as ./kcdb up runs it: %s%n%d migrated records in the store; each figure is the"
                        + " mean of two %d s windows per path, direct-gateway-gateway-direct%n"
                        + "load average before: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), startReport, records, window.toSeconds(),
                LoadDriver.loadAverage()));
        String search = "/api/kcdb/cmc/searchData/quickSearch";
        String query = "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}";
        String list = "/api/cmcs?page=0&size=20";
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + writer);
        String before = startGatewayBefore();
        // Each gateway's JIT first (the driver's 2 s before each window are far from enough for a cold gateway).
        for (String warm : before == null ? List.of(gateway) : List.of(gateway, before)) {
            LoadDriver.run(new LoadDriver.Call(warm + search, Map.of(), query), 8, Duration.ZERO,
                    Duration.ofSeconds(15));
            LoadDriver.run(new LoadDriver.Call(warm + list, bearer, null), 8, Duration.ZERO, Duration.ofSeconds(15));
        }
        for (int connections : List.of(1, 8)) {
            out.append(LoadDriver.sideBySide("public search", connections, window,
                    new LoadDriver.Call(publication + search, Map.of(), query),
                    new LoadDriver.Call(gateway + search, Map.of(), query)));
            out.append(LoadDriver.sideBySide("writer's CMC list", connections, window,
                    new LoadDriver.Call(submission + list, bearer, null),
                    new LoadDriver.Call(gateway + list, bearer, null)));
            if (before != null) {
                out.append(LoadDriver.sideBySide("  search, older gw", connections, window,
                        new LoadDriver.Call(publication + search, Map.of(), query),
                        new LoadDriver.Call(before + search, Map.of(), query)));
                out.append(LoadDriver.sideBySide("  list, older gw", connections, window,
                        new LoadDriver.Call(submission + list, bearer, null),
                        new LoadDriver.Call(before + list, bearer, null)));
            }
        }
        if (before != null) {
            out.append("(\"older gw\": ").append(System.getProperty("kcdb.bench.gateway.before"))
                    .append(", an earlier build, in front of the same services)\n");
        }
        out.append("targets: gateway at 8 connections >= 80 % of the service's throughput, <= 1 ms added to the"
                + " median at 1 connection\n");
        out.append("load average after: ").append(LoadDriver.loadAverage()).append('\n');
        out.append("after the load: ").append(residentLine()).append('\n');
        // The launcher gives back what a load grew the heaps to once a process idles (IdleHeaps, a look every 10 s).
        Thread.sleep(Duration.ofSeconds(30).toMillis());
        out.append("after the load, 30 s quiet: ").append(residentLine()).append("\n==== end ====\n");
        System.out.print(out);
    }

    /**
     * With {@code -Dkcdb.bench.gateway.before=<gateway.jar>} (an earlier build), that gateway too, in front of the
     * same services with the platform's gateway settings, so that before and after are measured in the same run.
     */
    private String startGatewayBefore() throws Exception {
        String jar = System.getProperty("kcdb.bench.gateway.before", "");
        if (jar.isBlank()) {
            return null;
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(platform.gatewayEnvironment());
        env.put("SERVER_PORT", String.valueOf(port));
        ChildProcess process = ChildProcess.start("gateway-before", List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                        "-XX:+UseSerialGC", "-Dreactor.netty.native=false", "-jar", jar), env,
                Files.createTempDirectory("gateway-before"), platform.logDir().resolve("gateway-before.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
        process.awaitReady(() -> ChildProcess.httpOk("http://127.0.0.1:" + port + "/actuator/health"),
                Duration.ofSeconds(300));
        return "http://127.0.0.1:" + port;
    }

    private String residentLine() {
        Map<String, Long> resident = platform.residentMegabytes();
        return resident.values().stream().mapToLong(Long::longValue).sum() + " MB resident " + resident;
    }

    private String direct(String service) {
        return "http://127.0.0.1:" + platform.services().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow().port();
    }

    /** The migrated CMCs reach their institutes in the submission service through cmc.migrated. */
    private static void awaitOwnList(String gateway, String writer, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        Http http = new Http(gateway);
        while (Instant.now().isBefore(deadline)) {
            Http.Response page = http.get("/api/cmcs?size=1", writer);
            if (page.status() == 200 && page.body().get("totalElements").asInt() >= expected) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("NIST's migrated CMCs did not reach its writer within 10 minutes");
    }
}
