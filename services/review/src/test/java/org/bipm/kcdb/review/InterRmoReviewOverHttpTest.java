package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewReturned;
import org.junit.jupiter.api.Test;

/** The JCRB tier as the RMOs live it: declarations, decisions, silence, deadlines, objections, resubmission. */
class InterRmoReviewOverHttpTest extends ReviewComponentTest {

    @Test
    void aSilentReviewingRmoIsRemindedOnceAndDoesNotBlockApprovalPastItsDeadline() {
        String reviewId = openCase();
        approveIntraRmo(reviewId);
        Instant approvedAt = CLOCK.instant();
        String intents = "/api/reviews/" + reviewId + "/rmo-intents";
        post(CHAIR_SIM, intents, Map.of("willReview", false)).expectStatus().isOk();
        post(CHAIR_APMP, intents, Map.of("willReview", true, "deadline", day(approvedAt, 20).toString()))
                .expectStatus().isOk();
        post(CHAIR_COOMET, intents, Map.of("willReview", true, "deadline", day(approvedAt, 30).toString()))
                .expectStatus().isOk();
        post(CHAIR_APMP, "/api/reviews/" + reviewId + "/rmo-decisions",
                Map.of("decision", "APPROVE", "comment", "Consistent with APMP.EM-K8.")).expectStatus().isOk();

        CLOCK.advance(Duration.ofDays(14)); // AFRIMETS and GULFMET let the intent window pass
        reviews.advanceAll();
        Map<String, Object> windowClosed = view(reviewId);
        assertThat(windowClosed.get("stage")).isEqualTo("INTER_RMO_REVIEW");
        assertThat((List<?>) windowClosed.get("history")).last().asString()
                .contains("intent window closed", "AFRIMETS, GULFMET");

        CLOCK.advance(Duration.ofDays(10)); // six days before COOMET's deadline: within the warning period
        reviews.advanceAll();
        long versionAfterReminder = ((Number) view(reviewId).get("version")).longValue();
        reviews.advanceAll();
        assertThat(((Number) view(reviewId).get("version")).longValue()).isEqualTo(versionAfterReminder);
        assertThat(view(reviewId).get("stage")).isEqualTo("INTER_RMO_REVIEW");

        CLOCK.advance(Duration.ofDays(6)); // COOMET's deadline
        reviews.advanceAll();
        Map<String, Object> approved = view(reviewId);
        assertThat(approved.get("stage")).isEqualTo("APPROVED");
        assertThat((List<?>) approved.get("history")).last().asString()
                .contains("no objection by the inter-RMO deadline");
        CmcApproved cmcApproved = events.await(EventType.CMC_APPROVED, CmcApproved.class,
                e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(cmcApproved.occurredAt()).isEqualTo(day(approvedAt, 30));

        List<ReviewDeadlineApproaching> reminders = events.allOf(EventType.REVIEW_DEADLINE_APPROACHING,
                ReviewDeadlineApproaching.class, e -> e.reviewId().equals(reviewId), 1, Duration.ofSeconds(60),
                Duration.ofSeconds(3));
        assertThat(reminders).singleElement().satisfies(reminder -> {
            assertThat(reminder.rmo()).isEqualTo("COOMET");
            assertThat(reminder.deadlineKind()).isEqualTo("RMO_REVIEW");
            assertThat(reminder.deadline()).isEqualTo(day(approvedAt, 30));
            assertThat(reminder.overdue()).isFalse();
            assertThat(reminder.occurredAt()).isEqualTo(day(approvedAt, 24)).isBefore(cmcApproved.occurredAt());
        });
    }

    @Test
    void anObjectionReturnsTheCmcAndTheResubmissionContinuesTheCaseWithItsHistory() {
        String cmcId = UUID.randomUUID().toString();
        String reviewId = open(submission(cmcId, 1, content("EM", List.of(), QMS)));
        post(REVIEWER_LNE, "/api/reviews/" + reviewId + "/comments", Map.of("text", "Fine by me."))
                .expectStatus().isForbidden(); // not assigned yet
        approveIntraRmo(reviewId);
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", true))
                .expectStatus().isOk();
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/comments", Map.of("text", "0.05 µV/V at 1 V?"))
                .expectStatus().isOk();
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/rmo-decisions", Map.of("decision", "OBJECT",
                "comment", "Not supported by CCEM-K8 at 1 V.")).expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("RETURNED_TO_WRITER");
        ReviewReturned returned = events.await(EventType.REVIEW_RETURNED, ReviewReturned.class,
                e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(returned.returnedBy()).isEqualTo("chair.sim");
        post(WRITER_PTB, "/api/reviews/" + reviewId + "/comments",
                Map.of("text", "Range now starts at 2 V.", "inReplyTo", "c-1")).expectStatus().isOk();

        CLOCK.advance(Duration.ofDays(3));
        CmcSubmitted second = submission(cmcId, 2, content("EM", List.of("CCEM-K8"), QMS));
        events.send(new CmcResubmitted(UUID.randomUUID(), CLOCK.instant(), CmcResubmitted.SCHEMA_VERSION, cmcId, 2,
                second.institute(), second.country(), second.rmo(), second.submittedBy(), null, second.content(),
                false), "/kcdb/submission");
        await("the resubmission to reach the case", () -> "INTRA_RMO_REVIEW".equals(view(reviewId).get("stage"))
                ? reviewId : null);
        Map<String, Object> continued = view(reviewId);
        assertThat(continued.get("round")).isEqualTo(2);
        assertThat(continued.get("inStageSince")).isEqualTo(CLOCK.instant().toString());
        assertThat((List<?>) continued.get("comments")).hasSize(2);
        assertThat((List<?>) continued.get("intents")).hasSize(1);
        assertThat(((List<?>) continued.get("history")).stream().map(String::valueOf).toList())
                .anySatisfy(entry -> assertThat(entry).contains("SIM objected; returned to writer"))
                .anySatisfy(entry -> assertThat(entry).contains("resubmitted"));

        approveIntraRmo(reviewId);
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", false))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.interRmoReview.round").isEqualTo(2)
                .jsonPath("$.intents.length()").isEqualTo(2)
                .jsonPath("$.intents[1].round").isEqualTo(2);
    }

    private static Instant day(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }
}
