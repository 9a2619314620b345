package org.bipm.kcdb.publication;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name): the pipeline's last stage inside the
 * publication service. Sends {@code kcdb.bench.approvals} (default 2 000) {@code cmc.approved} events, keyed by CMC
 * as the review service sends them, onto the component tests' real broker (topics of 12 partitions, as the platform
 * has them), and measures until the public quick search finds every one: the consumer's processed-event record, the
 * KCDB code and id, the insert with {@code cmc.published}, the search index. Run: {@code bench/publishing.sh}, which
 * runs it with the settings compared side by side.
 */
@KcdbComponentTest
class PublishingBenchmark extends KcdbServiceTest {

    @LocalServerPort
    int port;

    @Value("${spring.cloud.stream.bindings.reviewEvents-in-0.consumer.concurrency:1}")
    int concurrency;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "publishing-benchmark-" + UUID.randomUUID());
        registry.add("spring.cloud.stream.kafka.binder.min-partition-count", () -> "12");
        registry.add("kcdb.search.catch-up-interval", () -> "PT30S");
    }

    @Test
    void publishApprovedCmcs() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int approvals = Integer.getInteger("kcdb.bench.approvals", 2_000);
        String run = "run" + UUID.randomUUID().toString().substring(0, 8);
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(30));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (TestEvents events = new TestEvents(TestKafka.bootstrapServers())) {
            // warm-up: one CMC through the whole path, so that the topic, its partitions and the consumer are there
            send(events, "warm" + run, 1);
            awaitFound(http, "warm" + run, 1, Duration.ofMinutes(2));
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            send(events, run, approvals);
            double sent = (System.nanoTime() - start) / 1e9;
            awaitFound(http, run, approvals, Duration.ofMinutes(30));
            double found = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e6 / approvals;
            System.out.printf(Locale.ROOT, "%n==== publishing benchmark ====%n"
                            + "machine: %d cores, Java %s; load average before %.1f; consumer threads %d;"
                            + " search refresh %s%n"
                            + "%d cmc.approved sent in %.1f s; all found by the public search after %.1f s:"
                            + " %.0f CMCs/s; CPU of this JVM (service, store, broker) %.2f ms per CMC%n"
                            + "load average after %.1f%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore,
                    concurrency, System.getProperty("kcdb.search.refresh-interval", "(service default)"),
                    approvals, sent, found, approvals / found, cpu,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void send(TestEvents events, String run, int count) {
        for (int i = 0; i < count; i++) {
            String cmcId = UUID.randomUUID().toString();
            events.send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmcId, "r-" + cmcId, "PTB", "DE",
                    "EURAMET", "chair.euramet", null, content(run + " " + i)), "/kcdb/review");
        }
    }

    private static CmcContent content(String quantity) {
        return new CmcContent("PHYSICS", "PR", "PR/Photo", "1", "2", "1", "Illuminance responsivity " + quantity,
                "Illuminance meter", "Standard lamp", List.of(new Parameter("Illuminance", "0.005 lx to 10 lx")),
                new Range(null, null, "A/lx"), new Range(3.0, 3.0, "%"), null, null, "Relative", 2.3, 95.0, "PTB",
                null, "PTB-PR-7", List.of(), "QMS");
    }

    /** Waits until the public quick search counts {@code count} records with the run's keyword. */
    private static void awaitFound(WebTestClient http, String run, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = 0;
        while (System.nanoTime() < deadline) {
            Map<?, ?> page = http.post().uri("/api/kcdb/cmc/searchData/quickSearch")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("page", 0, "pageSize", 1, "keywords", run)).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            total = ((Number) page.get("totalElements")).longValue();
            if (total >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the search found " + total + " of " + count + " within " + timeout);
    }
}
