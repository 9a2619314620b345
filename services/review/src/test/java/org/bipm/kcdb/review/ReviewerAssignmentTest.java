package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reviewers named by username only (CONTRACT.md §3): who they are is the directory's word, and the
 * conflict-of-interest rules judge that, not what the chair might have typed.
 */
class ReviewerAssignmentTest extends ReviewComponentTest {

    static final String REVIEWER_NIST = reviewer("reviewer.nist", "NIST", "US", "SIM");

    String reviewers(String reviewId) {
        return "/api/reviews/" + reviewId + "/reviewers";
    }

    @Test
    void aKnownReviewerIsAssignedWithTheDirectorysInstituteAndRmo() {
        String reviewId = openCase();
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.npl")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.assignments[0].reviewer").isEqualTo("reviewer.npl")
                .jsonPath("$.assignments[0].institute").isEqualTo("NPL")
                .jsonPath("$.assignments[0].rmo").isEqualTo("EURAMET")
                .jsonPath("$.assignments[0].assignedBy").isEqualTo("chair.euramet");
        post(REVIEWER_NPL, "/api/reviews/" + reviewId + "/comments", Map.of("text", "Which Zener?"))
                .expectStatus().isOk();
    }

    @Test
    void theBodyNamesTheReviewerAndNothingElse() {
        String reviewId = openCase();
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.ptb", "institute", "LNE"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("institute");
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.nrc", "rmo", "EURAMET"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("rmo");
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", " ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reviewer");
        assertThat((List<?>) view(reviewId).get("assignments")).isEmpty();
    }

    @Test
    void anUnknownUserOrOneWithoutTheReviewerRoleIsRefusedOnTheReviewerField() {
        String reviewId = openCase();
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "nobody.at.all")).expectStatus().isEqualTo(422)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reviewer")
                .jsonPath("$.errors[0].message").isEqualTo("unknown user");
        for (String notAReviewer : List.of("writer.npl", "chair.sim", "jcrb.secretary", "coordinator.ptb")) {
            post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", notAReviewer)).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("reviewer")
                    .jsonPath("$.errors[0].message").isEqualTo("not a TC reviewer");
        }
        assertThat((List<?>) view(reviewId).get("assignments")).isEmpty();
    }

    @Test
    void conflictOfInterestRmoAndAreaAreJudgedOnTheDirectorysFacts() {
        String reviewId = openCase(); // a PTB (EURAMET) CMC in area EM
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.ptb")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reviewer")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("submitting institute"));
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.nrc")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("SIM"));
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.inm")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("area EM"));
        assertThat((List<?>) view(reviewId).get("assignments")).isEmpty();
    }

    @Test
    void aReviewingRmosChairAssignsItsOwnReviewersInTheInterRmoReview() {
        String reviewId = openCase();
        approveIntraRmo(reviewId);
        String intents = "/api/reviews/" + reviewId + "/rmo-intents";
        post(CHAIR_SIM, intents, Map.of("willReview", true)).expectStatus().isOk();
        post(CHAIR_APMP, intents, Map.of("willReview", false)).expectStatus().isOk();

        post(CHAIR_SIM, reviewers(reviewId), Map.of("reviewer", "reviewer.nist")).expectStatus().isOk().expectBody()
                .jsonPath("$.assignments[0].reviewer").isEqualTo("reviewer.nist")
                .jsonPath("$.assignments[0].rmo").isEqualTo("SIM")
                .jsonPath("$.assignments[0].assignedBy").isEqualTo("chair.sim");
        post(CHAIR_SIM, reviewers(reviewId), Map.of("reviewer", "reviewer.lne")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reviewer");

        get(REVIEWER_NIST, "/api/reviews/" + reviewId).expectStatus().isOk();
        assertThat(list(REVIEWER_NIST, "/api/reviews?assignedTo=me")).extracting(item -> item.get("id"))
                .contains(reviewId);
        post(REVIEWER_NIST, "/api/reviews/" + reviewId + "/comments", Map.of("text", "SIM.EM-K8 supports it."))
                .expectStatus().isOk().expectBody().jsonPath("$.comments[0].author").isEqualTo("reviewer.nist");
        post(REVIEWER_NRC, "/api/reviews/" + reviewId + "/comments", Map.of("text", "Me too."))
                .expectStatus().isForbidden(); // SIM's, but not assigned
    }

    @Test
    void aChairWhoseRmoDoesNotReviewTheCaseAssignsNobody() {
        String reviewId = openCase();
        approveIntraRmo(reviewId);
        post(CHAIR_APMP, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", false))
                .expectStatus().isOk();
        post(CHAIR_APMP, reviewers(reviewId), Map.of("reviewer", "reviewer.kriss")).expectStatus().isForbidden();
        post(CHAIR_COOMET, reviewers(reviewId), Map.of("reviewer", "reviewer.kriss")).expectStatus().isForbidden();
        post(CHAIR_EURAMET, reviewers(reviewId), Map.of("reviewer", "reviewer.lne")).expectStatus().isForbidden();
        assertThat((List<?>) view(reviewId).get("assignments")).isEmpty();
    }

    @Test
    void chairsAndTheJcrbSecretaryListAnRmosReviewersForAnAreaWithoutEmailAddresses() {
        String path = "/api/directory/reviewers?rmo=EURAMET&area=EM";
        List<Map<String, Object>> euramet = array(CHAIR_EURAMET, path);
        assertThat(euramet).extracting(r -> r.get("username"))
                .containsExactly("reviewer.lne", "reviewer.npl", "reviewer.ptb");
        assertThat(euramet.get(0)).containsEntry("institute", "LNE").containsEntry("country", "FR")
                .containsEntry("rmo", "EURAMET").containsEntry("name", "Reviewer LNE")
                .containsKey("areas").doesNotContainKey("email");
        assertThat(array(SECRETARY, "/api/directory/reviewers?rmo=SIM&area=EM")).extracting(r -> r.get("username"))
                .containsExactly("reviewer.nist", "reviewer.nrc");
        assertThat(array(CHAIR_SIM, "/api/directory/reviewers?rmo=EURAMET&area=T")).extracting(r -> r.get("username"))
                .contains("reviewer.inm");
        get(REVIEWER_LNE, path).expectStatus().isForbidden();
        get(WRITER_PTB, path).expectStatus().isForbidden();
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theOpenApiDescribesTheDirectoryAndAReviewerBodyOfOneField() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/directory/reviewers'].get.parameters[*].name").value(names ->
                        assertThat(String.valueOf(names)).contains("rmo", "area"))
                .jsonPath("$.components.schemas.ReviewerRequest.properties").value(properties ->
                        assertThat(((Map<?, ?>) properties).keySet()).map(String::valueOf).containsExactly("reviewer"));
    }
}
