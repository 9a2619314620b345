package org.bipm.kcdb.publication;

import static org.bipm.kcdb.test.BenchmarkCounters.cpuByThread;
import static org.bipm.kcdb.test.BenchmarkCounters.processCpu;
import static org.bipm.kcdb.test.BenchmarkCounters.storeCommands;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.test.BenchmarkCounters;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name, and it skips itself without
 * {@code -Dkcdb.bench=true}): what the publication service spends on the pipeline benchmark's events (issue 15,
 * bench/README.md, "The publication's own CPU"). Per CMC, keyed by the CMC as the platform sends them: the
 * submission's {@code cmc.submitted}; the review's {@code review.opened}, intra-RMO approval asking the five other
 * RMOs, their five intents (will review) and five approvals; then {@code cmc.approved}, which the service publishes
 * ({@code cmc.published} through its relay). Two stages, as the pipeline's: <b>review</b> (every event but the
 * approval: the service publishes nothing, the feed appends 13 a CMC) and <b>publish</b> (the approvals: the
 * publication, its relay, the search index, and the feed's {@code cmc.approved} and {@code cmc.published}), each
 * timed from the first send until the feed holds every event of the stage; several CMCs are sent at a time, each
 * CMC's events in order ({@code kcdb.bench.senders}). Printed per CMC and stage: the CPU of the
 * whole JVM (service, in-memory store and broker, the benchmark's sender), of the busiest threads by name, and the
 * store commands the service sent (a count the machine's load does not change).
 * Run: {@code bench/publication-events.sh [N] [JVM options]} (N CMCs, default 300).
 */
@KcdbComponentTest
@Import(BenchmarkCounters.StoreCommands.class)
class PipelineEventsBenchmark extends KcdbServiceTest {

    static final List<String> OTHER_RMOS = List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM");
    /** The feed's entries a CMC: 13 in the review stage, the approval and the publication in the last. */
    static final int REVIEW_EVENTS = 13;
    static final int PUBLISH_EVENTS = 2;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "pipeline-events-benchmark-" + UUID.randomUUID());
        registry.add("spring.cloud.stream.kafka.binder.min-partition-count", () -> "12");
        registry.add("kcdb.search.catch-up-interval", () -> "PT30S");
        registry.add("kcdb.metrics.dead-letters-interval", () -> "30s"); // the service's default, not the tests'
    }

    @Autowired
    EventFeed feed;

    @Test
    void thePipelinesEventsThroughThePublication() {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        int cmcs = Integer.getInteger("kcdb.bench.cmcs", 300);
        int warmUp = Math.max(50, cmcs / 4);
        String run = UUID.randomUUID().toString().substring(0, 8);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder report = new StringBuilder();
        try (TestEvents events = new TestEvents(TestKafka.bootstrapServers())) {
            long position = feed.latestPosition();
            List<String> warm = ids("warm-" + run, warmUp);
            reviewStage(events, warm);
            position = awaitFeed(position + (long) warmUp * REVIEW_EVENTS);
            publishStage(events, warm);
            position = awaitFeed(position + (long) warmUp * PUBLISH_EVENTS);

            List<String> measured = ids("bench-" + run, cmcs);
            Stage review = new Stage();
            reviewStage(events, measured);
            position = awaitFeed(position + (long) cmcs * REVIEW_EVENTS);
            report.append(review.end("review (13 events a CMC, nothing published)", cmcs));
            Stage publish = new Stage();
            publishStage(events, measured);
            awaitFeed(position + (long) cmcs * PUBLISH_EVENTS);
            report.append(publish.end("publish (cmc.approved: published, relayed, indexed, fed)", cmcs));
        }
        System.out.printf(Locale.ROOT, "%n==== publication pipeline-events benchmark ====%n"
                        + "%d CMCs after %d of warm-up; load average before %.1f, after %.1f%n%s==== end ====%n",
                cmcs, warmUp, loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                report);
    }

    /** CPU and store commands from its start to {@link #end}. */
    static final class Stage {

        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> cpuBefore = cpuByThread(threads);
        private final Map<String, Long> commandsBefore = storeCommands();
        private final long processBefore = processCpu();
        private final Instant started = Instant.now();

        String end(String name, int cmcs) {
            Duration took = Duration.between(started, Instant.now());
            long process = processCpu() - processBefore;
            Map<Long, Long> after = cpuByThread(threads);
            StringBuilder commands = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> entry : storeCommands().entrySet()) {
                long sent = entry.getValue() - commandsBefore.getOrDefault(entry.getKey(), 0L);
                total += sent;
                if (sent > 0) {
                    commands.append(String.format(Locale.ROOT, " %s %.2f", entry.getKey(), (double) sent / cmcs));
                }
            }
            Map<String, Long> byName = new HashMap<>();
            after.forEach((id, cpu) -> {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info != null) {
                    byName.merge(info.getThreadName().replaceAll("\\d+", "#"), cpu - cpuBefore.getOrDefault(id, 0L),
                            Long::sum);
                }
            });
            StringBuilder top = new StringBuilder();
            byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> top.append(String.format(Locale.ROOT, "  %-72s %8.3f ms/CMC%n", e.getKey(),
                            e.getValue() / 1e6 / cmcs)));
            return String.format(Locale.ROOT, "-- stage %s: %.1f s%n"
                            + "whole JVM (service, store, broker, sender) %.3f ms CPU per CMC%n"
                            + "store commands per CMC %.2f:%s%nthreads by CPU:%n%s",
                    name, took.toMillis() / 1000.0, process / 1e6 / cmcs, (double) total / cmcs, commands, top);
        }
    }

    private static List<String> ids(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + "-" + i + "-" + UUID.randomUUID())
                .toList();
    }

    /**
     * Each CMC's events in order, {@code kcdb.bench.senders} CMCs at a time (default 8): one synchronous sender
     * alone sent 20 events a second on a loaded machine, where the platform's inter-RMO stage sends about 190.
     */
    private static void inParallel(List<String> cmcs, Consumer<String> send) {
        int senders = Integer.getInteger("kcdb.bench.senders", 8);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sent = cmcs.stream()
                    .<Future<?>>map(cmc -> pool.submit(() -> send.accept(cmc))).toList();
            for (Future<?> each : sent) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void reviewStage(TestEvents events, List<String> cmcs) {
        Instant now = Instant.now();
        inParallel(cmcs, cmc -> {
            String review = "rev-" + cmc;
            send(events, new CmcSubmitted(UUID.randomUUID(), now, 1, cmc, 1, "PTB", "DE", "EURAMET", "writer.ptb",
                    null, content(cmc)));
            send(events, new ReviewOpened(UUID.randomUUID(), now, 1, review, cmc, "EURAMET", "PR",
                    "INTRA_RMO_REVIEW", now.plus(Duration.ofDays(40))));
            send(events, new IntraRmoReviewApproved(UUID.randomUUID(), now, 1, review, cmc, "PTB", "DE", "EURAMET",
                    "PR", "chair.euramet", "Q", OTHER_RMOS, now.plus(Duration.ofDays(14)),
                    now.plus(Duration.ofDays(42))));
            for (String rmo : OTHER_RMOS) {
                send(events, new RmoIntentDeclared(UUID.randomUUID(), now, 1, review, cmc, rmo, true,
                        now.plus(Duration.ofDays(30)), "chair." + rmo.toLowerCase(Locale.ROOT)));
            }
            for (String rmo : OTHER_RMOS) {
                send(events, new RmoDecided(UUID.randomUUID(), now, 1, review, cmc, rmo, "APPROVE",
                        "chair." + rmo.toLowerCase(Locale.ROOT), null));
            }
        });
    }

    private static void publishStage(TestEvents events, List<String> cmcs) {
        inParallel(cmcs, cmc -> send(events, new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmc, "rev-" + cmc,
                "PTB", "DE", "EURAMET", "chair.euramet", null, content(cmc))));
    }

    private static void send(TestEvents events, IntegrationEvent event) {
        events.send(event, event instanceof CmcSubmitted ? "/kcdb/submission" : "/kcdb/review");
    }

    private static CmcContent content(String quantity) {
        return new CmcContent("PHYSICS", "PR", "PR/Photo", "1", "2", "1", "Illuminance responsivity " + quantity,
                "Illuminance meter", "Standard lamp", List.of(new Parameter("Illuminance", "0.005 lx to 10 lx")),
                new Range(null, null, "A/lx"), new Range(3.0, 3.0, "%"), null, null, "Relative", 2.3, 95.0, "PTB",
                null, "PTB-PR-7", List.of(), "QMS");
    }

    /** Waits until the feed holds an entry at the position (its numbers have no gaps without failures). */
    private long awaitFeed(long position) {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (feed.at(position).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feed has no entry " + position + " after 20 minutes (latest "
                        + feed.latestPosition() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return position;
    }
}
