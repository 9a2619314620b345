package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.ReviewOpened;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of the review service (docs/metrics.md): the trace a submission started goes on through
 * the case it opens, the cases per stage and their age, the dead letters, the consumers' lag.
 */
class ReviewObservabilityTest extends ReviewComponentTest {

    private static final String DEAD_LETTERS = "kcdb_events_dead_letters{topic=\"kcdb.cmc.submissions.review.dlq\"}";
    private static final String INTRA_RMO = "kcdb_review_cases{stage=\"INTRA_RMO_REVIEW\"}";

    @Test
    void theReviewOpenedByASubmissionContinuesTheSubmissionsTrace() {
        String traceId = hex(16);
        String parentSpan = hex(8);
        CmcSubmitted submitted = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        events.send(submitted, "/kcdb/submission",
                Map.of(CloudEventHeaders.TRACEPARENT, "00-" + traceId + "-" + parentSpan + "-01"));

        ReviewOpened opened = events.await(EventType.REVIEW_OPENED, ReviewOpened.class,
                e -> e.cmcId().equals(submitted.cmcId()), Duration.ofSeconds(30));
        String traceparent = events.headersOf(EventType.REVIEW_OPENED, opened.aggregateId(), Duration.ofSeconds(20))
                .get(CloudEventHeaders.TRACEPARENT);
        // The same trace; the span is the review service's own (its consumer's, then its relay's), not the sender's.
        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain(parentSpan);
    }

    @Test
    void theCasesPerStageAndTheOldestOnesAgeAreScraped() {
        String before = scrape();
        openCase();
        String after = awaitScrape(text -> meter(text, INTRA_RMO) >= meter(before, INTRA_RMO) + 1);
        assertThat(meter(after, INTRA_RMO)).isGreaterThanOrEqualTo(meter(before, INTRA_RMO) + 1);
        assertThat(after).contains("kcdb_review_cases{stage=\"APPROVED\"}")
                .contains("kcdb_review_oldest_age_seconds{stage=\"INTRA_RMO_REVIEW\"}")
                .doesNotContain("kcdb_review_oldest_age_seconds{stage=\"APPROVED\"}");
    }

    @Test
    void anEventNoHandlerCanReadIsCountedAsADeadLetterAndTheConsumersLagIsScraped() {
        String before = scrape();
        String cmcId = UUID.randomUUID().toString();
        events.send(EventType.CMC_SUBMITTED.topic().topicName(), cmcId,
                "{not an event".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.TYPE, EventType.CMC_SUBMITTED.ceType(), CloudEventHeaders.ID,
                        UUID.randomUUID().toString(), CloudEventHeaders.SOURCE, "/kcdb/submission",
                        CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
        // Five attempts with back-off (500 ms doubling) before the binder gives up on it.
        String after = awaitScrape(text -> meter(text, DEAD_LETTERS) >= meter(before, DEAD_LETTERS) + 1,
                Duration.ofSeconds(60));
        assertThat(meter(after, DEAD_LETTERS)).isGreaterThanOrEqualTo(meter(before, DEAD_LETTERS) + 1);
        // The binder's lag of the consumer group on the topic (end offsets minus the group's committed offsets).
        assertThat(after).contains("spring_cloud_stream_binder_kafka_offset{group=\"review\",topic=\"kcdb.cmc.submissions\"}");
    }

    private String scrape() {
        // The scrape grows with what the tests before it did on the shared context (a request's tags, histogram
        // buckets): past what a client buffers by default once the test classes run in another order.
        return http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    private String awaitScrape(Predicate<String> until) {
        return awaitScrape(until, Duration.ofSeconds(20));
    }

    private String awaitScrape(Predicate<String> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = scrape();
        while (!until.test(text) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            text = scrape();
        }
        return text;
    }

    /** The value of one sample in Prometheus text, zero when the meter has not been registered yet. */
    private static double meter(String text, String sample) {
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim())).orElse(0.0);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(random);
    }
}
