package org.bipm.kcdb.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.InboxItem;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name, and it skips itself without
 * {@code -Dkcdb.bench=true}): {@code kcdb.bench.events} (default 10 000) review events through the notification
 * service as the component tests run it (the real broker and store, GreenMail as the SMTP server in this JVM), each
 * a reviewer's assignment to a CMC of its own, so each is one inbox item, one deadline and one e-mail. The events are
 * published at {@code kcdb.bench.rate} per second (default 50; 0 = as fast as the broker takes them); the time
 * measured for each is from its publication to the moment the SMTP server accepted its message (the delivery's
 * {@code sentAt}, recorded when the server answered). Run: {@code bench/notifications.sh}.
 */
class NotificationBenchmark extends NotificationComponentTest {

    static final List<String> REVIEWERS = List.of("reviewer.lne", "reviewer.nrc", "reviewer.kriss", "reviewer.npl");

    @Autowired
    DeliveryStore deliveries;

    /** When the last event of the latest run was published (its sends done; not yet delivered). */
    private Instant publishedAll;

    @Test
    void reviewEventsToTheSmtpServer() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int count = Integer.getInteger("kcdb.bench.events", 10_000);
        int rate = Integer.getInteger("kcdb.bench.rate", 50);
        int warmUp = Math.min(500, Math.max(50, count / 20));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        run(warmUp, 0, "warm-up");
        Instant started = Instant.now();
        Map<String, Instant> published = run(count, rate, "bench");
        Instant finished = publishedAll;

        List<Long> millis = new ArrayList<>();
        Instant lastSent = Instant.MIN;
        for (Map.Entry<String, Instant> entry : published.entrySet()) {
            Delivery delivery = deliveries.find(entry.getKey()).block(Duration.ofSeconds(10));
            assertThat(delivery).as("delivery %s", entry.getKey()).isNotNull();
            assertThat(delivery.sentAt()).as("sent %s", entry.getKey()).isNotNull();
            millis.add(Duration.between(entry.getValue(), delivery.sentAt()).toMillis());
            lastSent = delivery.sentAt().isAfter(lastSent) ? delivery.sentAt() : lastSent;
        }
        millis.sort(Long::compare);
        double seconds = Duration.between(started, lastSent).toMillis() / 1000.0;
        StringBuilder out = new StringBuilder("==== KCDB notification benchmark ====\n");
        out.append(String.format(Locale.ROOT, "%d review events (reviewer assigned, one e-mail each), published at %s;"
                        + " %d warm-up events before%n", count, rate == 0 ? "full speed" : rate + "/s", warmUp));
        out.append(String.format(Locale.ROOT, "%d cores, Java %s; system load average (1 min) before: %.1f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore));
        out.append(String.format(Locale.ROOT, "event -> SMTP accepted, ms: p50 %d  p95 %d  p99 %d  max %d%n",
                at(millis, 0.50), at(millis, 0.95), at(millis, 0.99), millis.get(millis.size() - 1)));
        out.append(String.format(Locale.ROOT, "first publication to last message accepted: %.1f s (%.0f messages/s);"
                + " publishing took %.1f s%n", seconds, count / seconds,
                Duration.between(started, finished).toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "load average after: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.print(out);
    }

    /** Publishes {@code count} assignments at {@code rate}/s and waits until each reached the SMTP server once. */
    private Map<String, Instant> run(int count, int rate, String label) throws Exception {
        String batch = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Instant> published = new LinkedHashMap<>();
        int before = smtp.getReceivedMessages().length;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            String cmc = "cmc-" + batch + "-" + i;
            String reviewer = REVIEWERS.get(i % REVIEWERS.size());
            Instant now = Instant.now();
            ReviewerAssigned event = new ReviewerAssigned(UUID.randomUUID(), now, ReviewerAssigned.SCHEMA_VERSION,
                    "rev-" + cmc, cmc, "EURAMET", reviewer, "chair.euramet", "EURAMET",
                    now.plus(Duration.ofDays(28)));
            published.put(InboxItem.idOf(event.eventId(), reviewer), now);
            send(event);
        }
        publishedAll = Instant.now();
        // While measuring, only count (reading every message's headers would take the cores from the service).
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120 + count / 10));
        while (smtp.getReceivedMessages().length < before + count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(label + ": only " + (smtp.getReceivedMessages().length - before) + " of "
                        + count + " messages arrived");
            }
            Thread.sleep(1000);
        }
        List<String> arrived = deliveryIds(batch);
        assertThat(arrived).as("every message arrived once").hasSize(count).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(published.keySet());
        return published;
    }

    /** The delivery ids of the messages the SMTP server holds about this batch. */
    private static List<String> deliveryIds(String batch) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String subject = message.getSubject();
            if (subject != null && subject.contains(batch)) {
                ids.add(message.getHeader("X-Kcdb-Delivery", null));
            }
        }
        return ids;
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
