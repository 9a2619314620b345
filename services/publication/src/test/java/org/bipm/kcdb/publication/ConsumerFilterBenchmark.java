package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name): what the received-types filter saves a
 * consumer that handles 1 of a CMC's 13 review events, as {@code publication.reviews} does. Two consumers of the same
 * records in one JVM, each on one thread of its own group: an {@code EventHandlers} for {@code cmc.approved}
 * (filtered) and the same handlers behind a plain lambda (not a {@code SelectiveConsumer}, so it receives every
 * record, as every consumer did before). Per CMC, 12 {@code review.opened} and one {@code cmc.approved}, all on one
 * partition; the CPU time of each consumer's thread from a start approval to an end approval, after a warm-up. The
 * service's own bindings are left out. Run: {@code ./mvnw -pl services/publication -am verify
 * -Dtest=ConsumerFilterBenchmark -Dkcdb.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@KcdbComponentTest
class ConsumerFilterBenchmark extends KcdbServiceTest {

    private static final String GROUP = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    /** The CPU time of each consumer's thread at each marker approval, by consumer and marker. */
    static final Map<String, Long> CPU = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void bindings(DynamicPropertyRegistry registry) {
        database(registry, "consumer-filter-benchmark-" + UUID.randomUUID());
        registry.add("spring.cloud.function.definition", () -> "benchFiltered;benchUnfiltered");
        for (String function : new String[] {"benchFiltered", "benchUnfiltered"}) {
            registry.add("spring.cloud.stream.bindings." + function + "-in-0.destination", () -> "kcdb.cmc.reviews");
            registry.add("spring.cloud.stream.bindings." + function + "-in-0.group", () -> GROUP + "-" + function);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Consumers {

        @Bean
        Consumer<Message<byte[]>> benchFiltered(ProcessedEvents processed, JsonMapper json) {
            return approvals("bench.filtered", processed, json);
        }

        @Bean
        Consumer<Message<byte[]>> benchUnfiltered(ProcessedEvents processed, JsonMapper json) {
            EventHandlers handlers = approvals("bench.unfiltered", processed, json);
            return handlers::accept;
        }

        private static EventHandlers approvals(String consumer, ProcessedEvents processed, JsonMapper json) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return EventHandlers.forConsumer(consumer, processed, json).<CmcApproved>on(EventType.CMC_APPROVED,
                    approved -> CPU.put(consumer + ":" + approved.reviewId(), threads.getCurrentThreadCpuTime()));
        }
    }

    @Test
    void aConsumerOfOneInThirteenReviewEvents() throws InterruptedException {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        int cmcs = Integer.getInteger("kcdb.bench.cmcs", 1_000);
        String cmcId = UUID.randomUUID().toString();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (TestEvents events = new TestEvents(TestKafka.bootstrapServers())) {
            sendCmcs(events, cmcId, cmcs / 2);
            approve(events, cmcId, "start");
            sendCmcs(events, cmcId, cmcs);
            approve(events, cmcId, "end");
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!(CPU.containsKey("bench.filtered:end") && CPU.containsKey("bench.unfiltered:end"))) {
                assertThat(System.nanoTime()).as("both consumers at the end within 10 minutes").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        double filtered = (CPU.get("bench.filtered:end") - CPU.get("bench.filtered:start")) / 1e6 / cmcs;
        double unfiltered = (CPU.get("bench.unfiltered:end") - CPU.get("bench.unfiltered:start")) / 1e6 / cmcs;
        System.out.printf(Locale.ROOT, "%n==== consumer filter benchmark ====%n"
                        + "%d CMCs of 13 review events (12 review.opened, 1 cmc.approved handled), one partition, "
                        + "one consumer thread each; load average before %.1f, after %.1f%n"
                        + "consumer thread CPU per CMC: every record delivered %.3f ms, unhandled types dropped "
                        + "before conversion %.3f ms (%.0f %% less)%n",
                cmcs, loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), unfiltered,
                filtered, 100 * (1 - filtered / unfiltered));
    }

    private static void sendCmcs(TestEvents events, String cmcId, int cmcs) {
        for (int c = 0; c < cmcs; c++) {
            for (int i = 0; i < 12; i++) {
                events.send(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, "r-" + c, cmcId, "EURAMET", "PR",
                        "INTRA_RMO_REVIEW"), "/kcdb/review");
            }
            approve(events, cmcId, "r-" + c);
        }
    }

    private static void approve(TestEvents events, String cmcId, String reviewId) {
        events.send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmcId, reviewId, "PTB", "DE", "EURAMET",
                "chair.euramet", null, PublicationServiceTest.content("Illuminance " + reviewId)), "/kcdb/review");
    }
}
