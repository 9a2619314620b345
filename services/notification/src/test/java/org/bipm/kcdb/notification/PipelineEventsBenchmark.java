package org.bipm.kcdb.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bipm.kcdb.test.BenchmarkCounters.cpuByThread;
import static org.bipm.kcdb.test.BenchmarkCounters.processCpu;
import static org.bipm.kcdb.test.BenchmarkCounters.storeCommands;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.test.BenchmarkCounters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name, and it skips itself without
 * {@code -Dkcdb.bench=true}): the CPU the notification's consumers spend on the pipeline benchmark's events (issue 15,
 * bench/README.md). Per CMC, as the pipeline sends them, keyed by the CMC: {@code cmc.submitted},
 * {@code review.opened}, one reviewer assigned, the intra-RMO approval asking the five other RMOs, each of them declaring it will review and
 * approving, {@code cmc.approved} and {@code cmc.published}: 16 events, of which 4 tell someone (10 inbox items and
 * e-mails). The service as its component tests run it (the real broker and store, GreenMail in this JVM, the realm's
 * users as the directory). Measured after a warm-up, from idle to idle (every event marked applied, every e-mail
 * sent): the CPU time of the consumers' threads (the listener containers', {@code -C-} in their names) and of the
 * whole JVM (broker and store included), per CMC, and the store commands the service sent per CMC (by name; a count the load does not change).
 * Run: {@code ./mvnw -B -ntp -pl services/notification -am verify -Dtest=PipelineEventsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true} ({@code -Dkcdb.bench.cmcs}, default 400).
 */
@Import(BenchmarkCounters.StoreCommands.class)
class PipelineEventsBenchmark extends NotificationComponentTest {

    static final List<String> OTHER_RMOS = List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM");
    static final int EVENTS_PER_CMC = 16;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void thePipelinesEventsThroughTheConsumers() {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        int cmcs = Integer.getInteger("kcdb.bench.cmcs", 400);
        String run = UUID.randomUUID().toString().substring(0, 8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        long applied = applied();
        sendCmcs("warm-" + run, Math.max(50, cmcs / 4));
        applied = awaitApplied(applied + (long) Math.max(50, cmcs / 4) * EVENTS_PER_CMC);
        awaitMailed();
        Map<Long, Long> before = cpuByThread(threads);
        Map<String, Long> commandsBefore = storeCommands();
        long processBefore = processCpu();
        Instant started = Instant.now();
        sendCmcs("bench-" + run, cmcs);
        awaitApplied(applied + (long) cmcs * EVENTS_PER_CMC);
        awaitMailed();
        Duration took = Duration.between(started, Instant.now());
        long processCpu = processCpu() - processBefore;
        Map<Long, Long> after = cpuByThread(threads);
        Map<String, Long> commandsAfter = storeCommands();
        StringBuilder commands = new StringBuilder();
        commandsAfter.forEach((name, count) -> {
            long sent = count - commandsBefore.getOrDefault(name, 0L);
            if (sent > 0) {
                commands.append(String.format(Locale.ROOT, " %s %.2f", name, (double) sent / cmcs));
            }
        });

        long consumers = 0;
        StringBuilder top = new StringBuilder();
        Map<String, Long> byName = new HashMap<>();
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(entry.getKey());
            if (info == null) {
                continue;
            }
            long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            String name = info.getThreadName().replaceAll("\\d+", "#");
            byName.merge(name, used, Long::sum);
            if (info.getThreadName().contains("-C-")) {
                consumers += used;
            }
        }
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> top.append(String.format(Locale.ROOT, "  %-70s %8.3f ms/CMC%n", e.getKey(),
                        e.getValue() / 1e6 / cmcs)));
        System.out.printf(Locale.ROOT, "%n==== notification pipeline-events benchmark ====%n"
                        + "%d CMCs of %d events (4 told: 10 inbox items and e-mails a CMC) in %.1f s; "
                        + "load average before %.1f, after %.1f%n"
                        + "consumer threads CPU per CMC %.3f ms; whole JVM (broker, store, sender) %.3f ms%n"
                        + "store commands per CMC (all of the service's, the benchmark's own counts included):%s%n"
                        + "threads by CPU:%n%s",
                cmcs, EVENTS_PER_CMC, took.toMillis() / 1000.0, loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), consumers / 1e6 / cmcs,
                processCpu / 1e6 / cmcs, commands, top);
        assertThat(consumers).isPositive();
    }

    /** The events the service's four consumers marked applied so far. */
    private long applied() {
        Long count = mongo.count(Query.query(Criteria.where("consumer").regex("^notification\\.")),
                "processed_events").block(Duration.ofSeconds(30));
        return count == null ? 0 : count;
    }

    /** Until the sender has sent every e-mail recorded (so its CPU per CMC counts all of a CMC's e-mails). */
    private void awaitMailed() {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        Query waiting = Query.query(Criteria.where("state").in("PENDING", "SENDING"));
        while (true) {
            Long left = mongo.count(waiting, "deliveries").block(Duration.ofSeconds(30));
            if (left != null && left == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("%d e-mails still to send after 15 minutes", left).isLessThan(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long awaitApplied(long expected) {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            long applied = applied();
            if (applied >= expected) {
                return applied;
            }
            assertThat(System.nanoTime()).as("%d of %d events applied within 15 minutes", applied, expected)
                    .isLessThan(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void sendCmcs(String prefix, int cmcs) {
        Instant now = Instant.now();
        for (int c = 0; c < cmcs; c++) {
            String cmc = prefix + "-" + c;
            String review = "rev-" + cmc;
            send(new CmcSubmitted(UUID.randomUUID(), now, 1, cmc, 1, "PTB", "DE", "EURAMET", "writer.ptb", null,
                    new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1", "DC voltage", "Zener", "Josephson",
                            List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"), null, null,
                            "Relative", 2.0, 95.0, "PTB", null, "PTB-1", List.of(), "EURAMET TC-Q 2026/01")));
            send(new ReviewOpened(UUID.randomUUID(), now, 2, review, cmc, "EURAMET", "EM", "INTRA_RMO_REVIEW",
                    now.plus(Duration.ofDays(40))));
            send(new ReviewerAssigned(UUID.randomUUID(), now, 2, review, cmc, "EURAMET", "reviewer.npl",
                    "chair.euramet", "EURAMET", now.plus(Duration.ofDays(20))));
            send(new IntraRmoReviewApproved(UUID.randomUUID(), now, 1, review, cmc, "PTB", "DE", "EURAMET", "EM",
                    "chair.euramet", "Q", OTHER_RMOS, now.plus(Duration.ofDays(14)), now.plus(Duration.ofDays(42))));
            for (String rmo : OTHER_RMOS) {
                send(new RmoIntentDeclared(UUID.randomUUID(), now, 1, review, cmc, rmo, true,
                        now.plus(Duration.ofDays(30)), "chair." + rmo.toLowerCase(Locale.ROOT)));
            }
            for (String rmo : OTHER_RMOS) {
                send(new RmoDecided(UUID.randomUUID(), now, 1, review, cmc, rmo, "APPROVE",
                        "chair." + rmo.toLowerCase(Locale.ROOT), null));
            }
            send(new CmcApproved(UUID.randomUUID(), now, 1, cmc, review, "PTB", "DE", "EURAMET", "chair.euramet",
                    null, null));
            send(new CmcPublished(UUID.randomUUID(), now, 1, cmc, "EURAMET-EM-DE-" + cmc, 1, "PTB", "DE", "EURAMET",
                    "EM", LocalDate.now()));
        }
    }
}
