package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.review.persistence.ComparisonDegrees;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Inboxes, lists, the dashboard and the supporting evidence, each in an area of its own. */
class ReviewQueriesTest extends ReviewComponentTest {

    @Autowired
    ComparisonDegrees degrees;
    @Autowired
    ProcessedEvents processed;

    @Test
    void eachInboxListsWhatWaitsForItsOwnerTheLongestWaitingFirst() {
        String a = openCase(content("PR", List.of(), QMS));
        CLOCK.advance(Duration.ofHours(1));
        String b = openCase(content("PR", List.of(), QMS));
        CLOCK.advance(Duration.ofHours(1));
        String c = openCase(content("PR", List.of(), QMS));
        for (String assigned : List.of(c, a)) {
            post(CHAIR_EURAMET, "/api/reviews/" + assigned + "/reviewers",
                    Map.of("reviewer", "reviewer.lne")).expectStatus().isOk();
        }
        String inbox = "/api/reviews?area=PR&assignedTo=me";
        assertThat(ids(REVIEWER_LNE, inbox)).containsExactly(a, c);
        assertThat(ids(REVIEWER_NPL, inbox)).isEmpty();
        assertThat(ids(CHAIR_EURAMET, inbox)).containsExactly(a, b, c);

        CLOCK.advance(Duration.ofHours(1));
        approveIntraRmo(b);
        assertThat(ids(CHAIR_EURAMET, inbox)).containsExactly(a, c);
        assertThat(ids(CHAIR_SIM, inbox)).containsExactly(b);
        assertThat(ids(SECRETARY, inbox)).containsExactly(a, c, b);
        assertThat(ids(CHAIR_SIM, "/api/reviews?area=PR")).as("what SIM may see").containsExactly(b);
        assertThat(ids(REVIEWER_NRC, "/api/reviews?area=PR")).containsExactly(b);
        assertThat(ids(REVIEWER_NRC, inbox)).as("only SIM's chair answers for SIM").isEmpty();
        get(CHAIR_SIM, "/api/reviews/" + a).expectStatus().isNotFound();
        get(CHAIR_SIM, "/api/reviews/" + b).expectStatus().isOk();

        post(CHAIR_SIM, "/api/reviews/" + b + "/rmo-intents", Map.of("willReview", false)).expectStatus().isOk();
        assertThat(ids(CHAIR_SIM, inbox)).isEmpty();
        assertThat(ids(CHAIR_APMP, inbox)).containsExactly(b);
        assertThat(ids(SECRETARY, "/api/reviews?area=PR&stage=INTER_RMO_REVIEW")).containsExactly(b);

        get(WRITER_PTB, "/api/reviews").expectStatus().isForbidden();
        get(CHAIR_EURAMET, "/api/reviews?assignedTo=lne").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("assignedTo");
        get(CHAIR_EURAMET, "/api/reviews?stage=PENDING").expectStatus().isBadRequest();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardCountsCasesPerStageTheirAgeAndTheOverdueOnes() {
        Instant t0 = CLOCK.instant();
        String c1 = openCase(content("TF", List.of(), QMS));
        CLOCK.advance(Duration.ofDays(2));
        String c2 = openCase(content("TF", List.of(), QMS));
        CLOCK.advance(Duration.ofDays(2));
        String c3 = openCase(content("TF", List.of(), QMS));
        CLOCK.advance(Duration.ofDays(2));
        String c4 = openCase(content("TF", List.of(), QMS));
        post(CHAIR_EURAMET, "/api/reviews/" + c4 + "/decision", Map.of("decision", "RETURN", "comment", "k?"))
                .expectStatus().isOk();
        post(CHAIR_EURAMET, "/api/reviews/" + c2 + "/decision", Map.of("decision", "REJECT", "comment", "No QMS."))
                .expectStatus().isOk();
        approveIntraRmo(c3);
        post(CHAIR_SIM, "/api/reviews/" + c3 + "/rmo-intents", Map.of("willReview", true,
                "deadline", CLOCK.instant().plus(Duration.ofDays(5)).toString())).expectStatus().isOk();
        CLOCK.advance(Duration.ofDays(6)); // SIM's deadline has passed; no tick yet

        String dashboard = "/api/reviews/dashboard?rmo=EURAMET&area=TF";
        get(SECRETARY, dashboard).expectStatus().isOk().expectBody()
                .jsonPath("$.byStage.INTRA_RMO_REVIEW").isEqualTo(1)
                .jsonPath("$.byStage.RETURNED_TO_WRITER").isEqualTo(1)
                .jsonPath("$.byStage.INTER_RMO_REVIEW").isEqualTo(1)
                .jsonPath("$.byStage.REJECTED").isEqualTo(1)
                .jsonPath("$.byStage.APPROVED").isEqualTo(0)
                .jsonPath("$.open").isEqualTo(3)
                .jsonPath("$.ageDays.p50").isEqualTo(8.0) // c1 12 days, c3 8, c4 6
                .jsonPath("$.ageDays.p90").isEqualTo(12.0)
                .jsonPath("$.overdue").isEqualTo(1)
                .jsonPath("$.ageHistogram.length()").isEqualTo(8)
                .jsonPath("$.ageHistogram[0].cases").isEqualTo(1) // c4, 6 days
                .jsonPath("$.ageHistogram[1].fromDays").isEqualTo(7)
                .jsonPath("$.ageHistogram[1].toDays").isEqualTo(14)
                .jsonPath("$.ageHistogram[1].cases").isEqualTo(2) // c1 12 days, c3 8
                .jsonPath("$.ageHistogram[7].fromDays").isEqualTo(84)
                .jsonPath("$.ageHistogram[7].cases").isEqualTo(0)
                .jsonPath("$.asOf").isEqualTo(t0.plus(Duration.ofDays(12)).toString());
        get(CHAIR_SIM, dashboard).expectStatus().isOk().expectBody()
                .jsonPath("$.byStage.INTER_RMO_REVIEW").isEqualTo(1)
                .jsonPath("$.byStage.INTRA_RMO_REVIEW").isEqualTo(0)
                .jsonPath("$.open").isEqualTo(1);
        get(WRITER_PTB, dashboard).expectStatus().isForbidden();
        assertThat(List.of(c1, c2, c3, c4)).doesNotHaveDuplicates();

        // The lists put the overdue case first and say so; "mine" stands for the caller's RMO and areas.
        List<Map<String, Object>> open = list(SECRETARY, "/api/reviews?area=TF&assignedTo=me");
        assertThat(open).extracting(c -> c.get("id")).containsExactly(c3, c1, c4);
        assertThat(open).extracting(c -> c.get("overdue")).containsExactly(true, false, false);
        // A page at a time, the order holding across pages; paging out of range is refused field by field.
        Map<String, Object> first = page(SECRETARY, "/api/reviews?area=TF&assignedTo=me&size=2");
        assertThat(first).containsEntry("page", 0).containsEntry("size", 2).containsEntry("totalElements", 3);
        assertThat((List<Map<String, Object>>) first.get("content")).extracting(c -> c.get("id"))
                .containsExactly(c3, c1);
        assertThat(ids(SECRETARY, "/api/reviews?area=TF&assignedTo=me&size=2&page=1")).containsExactly(c4);
        assertThat(ids(SECRETARY, "/api/reviews?area=TF&assignedTo=me&size=2&page=2")).isEmpty();
        get(SECRETARY, "/api/reviews?page=-1&size=1001").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("invalid-fields"))
                .jsonPath("$.errors[0].field").isEqualTo("page")
                .jsonPath("$.errors[1].field").isEqualTo("size")
                .jsonPath("$.errors[1].message").isEqualTo("must be between 1 and 1000");
        String timeChair = ISSUER.token("chair.tf", List.of("tc-chair"), Map.of("institute", "METAS", "country", "CH",
                "rmo", "EURAMET", "areas", List.of("TF")));
        String otherChair = ISSUER.token("chair.qm", List.of("tc-chair"), Map.of("institute", "METAS", "country",
                "CH", "rmo", "EURAMET", "areas", List.of("QM")));
        assertThat(ids(timeChair, "/api/reviews?rmo=mine&area=mine")).startsWith(c3, c1)
                .containsExactlyInAnyOrder(c1, c2, c3, c4);
        assertThat(ids(otherChair, "/api/reviews?rmo=mine&area=mine")).doesNotContain(c1, c2, c3, c4);
        assertThat(ids(CHAIR_SIM, "/api/reviews?rmo=mine&area=TF")).as("SIM submitted none of them").isEmpty();
        get(SECRETARY, "/api/reviews?rmo=mine").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rmo");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reviewersSeeTheSubmittingInstitutesDegreesOfEquivalenceInTheCitedComparisons() {
        String comparison = "CCEM-K" + Math.abs(UUID.randomUUID().hashCode() % 10000);
        ComparisonEvaluated second = evaluated(comparison, 2, -1.0e-7);
        events.send(second, "/kcdb/comparison");
        events.send(second, "/kcdb/comparison"); // redelivered
        String reviewId = openCase(content("EM", List.of("CCEM-K999-never-evaluated", comparison), QMS));
        Object evidence = await("the evaluation to reach the review", () -> {
            List<?> found = (List<?>) view(reviewId).get("supportingEvidence");
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat((Map<String, Object>) evidence).containsEntry("comparison", comparison).containsEntry("d", -1.0e-7)
                .containsEntry("expandedUncertainty", 3.3e-8).containsEntry("unit", "V/V")
                .containsEntry("evaluationNumber", 2);
        assertThat((List<?>) view(reviewId).get("supportingEvidence")).hasSize(1);

        degrees.onEvaluated(second); // as if the record of having applied it were lost
        assertThat((List<Object>) view(reviewId).get("supportingEvidence")).containsExactly(evidence);

        ComparisonEvaluated earlier = evaluated(comparison, 1, 5.0e-7); // arrives late
        events.send(earlier, "/kcdb/comparison");
        await("the late evaluation to be handled", () -> processed.alreadyApplied("review.comparisons",
                earlier.eventId().toString()) ? earlier : null);
        assertThat((List<Object>) view(reviewId).get("supportingEvidence")).containsExactly(evidence);

        ComparisonEvaluated third = evaluated(comparison, 3, -2.0e-7);
        events.send(third, "/kcdb/comparison");
        await("the third evaluation", () -> {
            Map<?, ?> latest = (Map<?, ?>) ((List<?>) view(reviewId).get("supportingEvidence")).get(0);
            return Integer.valueOf(3).equals(latest.get("evaluationNumber")) ? latest : null;
        });
    }

    private static ComparisonEvaluated evaluated(String comparison, int number, double dOfPtb) {
        return new ComparisonEvaluated(UUID.randomUUID(), CLOCK.instant(), ComparisonEvaluated.SCHEMA_VERSION,
                comparison, number, "WEIGHTED_MEAN", "V/V", 1.0000002, 1.0e-8, 2.0e-8, 1.3, 2, 0.52, true, 2.0,
                "WITH_CORRELATION", List.of(),
                List.of(new ComparisonEvaluated.Result("PTB", 1.0000001, 2e-8),
                        new ComparisonEvaluated.Result("NPL", 1.0000003, 2e-8)),
                List.of(new ComparisonEvaluated.Degree("PTB", dOfPtb, 1.6e-8, 3.3e-8, -3.0, true),
                        new ComparisonEvaluated.Degree("NPL", 1e-7, 1.6e-8, 3.3e-8, 3.0, true)),
                "coordinator.ptb");
    }

    private List<Object> ids(String token, String path) {
        return list(token, path).stream().map(item -> item.get("id")).toList();
    }
}
