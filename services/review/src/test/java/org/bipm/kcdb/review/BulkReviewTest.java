package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;

/** A chair's decisions on many cases of a cycle in one request: a result per case, each case its own change. */
class BulkReviewTest extends ReviewComponentTest {

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    AggregateStore<ReviewCase> cases;

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> results(String token, String path, Map<String, Object> body) {
        Map<String, Object> response = post(token, path, body).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object item : (List<?>) response.get("results")) {
            byId.put((String) ((Map<?, ?>) item).get("id"), (Map<String, Object>) item);
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(Map<String, Map<String, Object>> results, String id) {
        return (Map<String, Object>) results.get(id).get("problem");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> singleProblem(String token, String path, Map<String, Object> body) {
        return post(token, path, body).expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The matching events once {@code expected} have left the relay, and any duplicate. */
    private static <E extends IntegrationEvent> List<E> all(EventType type, Class<E> payload, Predicate<E> matching,
                                                            int expected) {
        return events.allOf(type, payload, matching, expected, Duration.ofMinutes(1), Duration.ofSeconds(3));
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(body);
        all.put(key, value);
        return all;
    }

    @Test
    void theChairDecidesManyCasesAndEachRefusedOneSaysWhyAsTheSingleDecisionWould() {
        String first = openCase();
        String second = openCase();
        String decided = openCase();
        approveIntraRmo(decided);
        String withoutQms = openCase(content("EM", List.of(), null));
        String ofSim = open(new CmcSubmitted(UUID.randomUUID(), CLOCK.instant(), CmcSubmitted.SCHEMA_VERSION,
                UUID.randomUUID().toString(), 1, "NIST", "US", "SIM", "writer.nist", null,
                content("EM", List.of(), QMS)));
        Map<String, Object> decision = Map.of("decision", "APPROVE", "comment", "Consistent with CCEM-K8.");

        Map<String, Map<String, Object>> results = results(CHAIR_EURAMET, "/api/reviews/bulk-decision",
                with(decision, "cases", List.of(first, decided, ofSim, first, withoutQms, second)));

        assertThat(results.keySet()).as("one result per distinct case, in the order named")
                .containsExactly(first, decided, ofSim, withoutQms, second);
        assertThat(results.get(first)).isEqualTo(Map.of("id", first, "status", "INTER_RMO_REVIEW"));
        assertThat(results.get(second)).isEqualTo(Map.of("id", second, "status", "INTER_RMO_REVIEW"));
        assertThat(problem(results, decided)).containsEntry("status", 409)
                .containsEntry("currentState", "INTER_RMO_REVIEW")
                .isEqualTo(singleProblem(CHAIR_EURAMET, "/api/reviews/" + decided + "/decision", decision));
        assertThat(problem(results, ofSim)).containsEntry("status", 404)
                .containsEntry("instance", "/api/reviews/" + ofSim + "/decision")
                .isEqualTo(singleProblem(CHAIR_EURAMET, "/api/reviews/" + ofSim + "/decision", decision));
        assertThat(problem(results, withoutQms)).containsEntry("status", 422)
                .containsEntry("type", "https://kcdb.bipm.org/problems/invalid-fields")
                .isEqualTo(singleProblem(CHAIR_EURAMET, "/api/reviews/" + withoutQms + "/decision", decision));
        assertThat(view(withoutQms).get("stage")).isEqualTo("INTRA_RMO_REVIEW");
        assertThat(view(ofSim).get("stage")).isEqualTo("INTRA_RMO_REVIEW");

        List<String> named = List.of(first, second, decided, withoutQms, ofSim);
        assertThat(all(EventType.REVIEW_INTRA_RMO_APPROVED, IntraRmoReviewApproved.class,
                e -> named.contains(e.reviewId()), 3))
                .extracting(IntraRmoReviewApproved::reviewId).as("one approval per approved case, none for the others")
                .containsExactlyInAnyOrder(first, second, decided);
    }

    @Test
    void anotherRmosChairDeclaresAndDecidesOnManyCasesOfACycle() {
        String first = openCase();
        String second = openCase();
        approveIntraRmo(first);
        approveIntraRmo(second);
        String stillIntra = openCase();
        Map<String, Object> intent = Map.of("willReview", true);

        Map<String, Map<String, Object>> declared = results(CHAIR_SIM, "/api/reviews/bulk-rmo-intents",
                with(intent, "cases", List.of(first, stillIntra, second)));
        assertThat(declared.get(first)).isEqualTo(Map.of("id", first, "status", "INTER_RMO_REVIEW"));
        assertThat(declared.get(second)).isEqualTo(Map.of("id", second, "status", "INTER_RMO_REVIEW"));
        assertThat(problem(declared, stillIntra))
                .isEqualTo(singleProblem(CHAIR_SIM, "/api/reviews/" + stillIntra + "/rmo-intents", intent));

        post(CHAIR_SIM, "/api/reviews/bulk-rmo-decisions", Map.of("cases", List.of(first, second),
                "decision", "OBJECT")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("comment");
        Map<String, Map<String, Object>> decided = results(CHAIR_SIM, "/api/reviews/bulk-rmo-decisions",
                Map.of("cases", List.of(first, second), "decision", "APPROVE", "comment", "SIM agrees."));
        assertThat(decided.values()).extracting(r -> r.get("status"))
                .containsExactly("INTER_RMO_REVIEW", "INTER_RMO_REVIEW");
        Map<String, Map<String, Object>> again = results(CHAIR_SIM, "/api/reviews/bulk-rmo-decisions",
                Map.of("cases", List.of(first), "decision", "APPROVE", "comment", "SIM agrees."));
        assertThat(problem(again, first)).isEqualTo(singleProblem(CHAIR_SIM, "/api/reviews/" + first
                + "/rmo-decisions", Map.of("decision", "APPROVE", "comment", "SIM agrees.")));

        List<String> named = List.of(first, second, stillIntra);
        assertThat(all(EventType.REVIEW_RMO_INTENT_DECLARED, RmoIntentDeclared.class,
                e -> named.contains(e.reviewId()), 2))
                .extracting(RmoIntentDeclared::reviewId).containsExactlyInAnyOrder(first, second);
        assertThat(all(EventType.REVIEW_RMO_DECIDED, RmoDecided.class,
                e -> named.contains(e.reviewId()), 2))
                .allSatisfy(e -> assertThat(e.rmo()).isEqualTo("SIM"))
                .extracting(RmoDecided::reviewId).containsExactlyInAnyOrder(first, second);
        assertThat(stored(first)).as("the changed properties written alone store what the whole case's write stores")
                .isEqualTo(wholeState(first));
    }

    /** The stored document of a case without the store's own fields (version, time of change, outbox). */
    private Document stored(String reviewId) {
        Document document = mongo.findById(reviewId, Document.class, StoredCases.COLLECTION).block();
        for (String own : List.of("_id", "_version", "_changedAt", "outbox", "_outboxPending")) {
            document.remove(own);
        }
        return document;
    }

    /** The case as read, written whole as its first version is. */
    private Document wholeState(String reviewId) {
        ReviewCase stored = cases.find(reviewId).block().aggregate();
        Document document = new Document();
        mongo.getConverter().write(stored, document);
        document.remove("_class");
        document.remove("_id");
        return document;
    }

    @Test
    void onlyChairsActInBulkAndAtMostFiveHundredCasesAtOnce() {
        String reviewId = openCase();
        Map<String, Object> decision = Map.of("cases", List.of(reviewId), "decision", "APPROVE");
        http.post().uri("/api/reviews/bulk-decision").contentType(MediaType.APPLICATION_JSON).bodyValue(decision)
                .exchange().expectStatus().isUnauthorized();
        post(WRITER_PTB, "/api/reviews/bulk-decision", decision).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post(REVIEWER_LNE, "/api/reviews/bulk-rmo-intents", Map.of("cases", List.of(reviewId), "willReview", true))
                .expectStatus().isForbidden();
        post(SECRETARY, "/api/reviews/bulk-rmo-decisions", Map.of("cases", List.of(reviewId),
                "decision", "APPROVE")).expectStatus().isForbidden();

        List<String> tooMany = new ArrayList<>(List.of(reviewId));
        IntStream.range(0, 500).forEach(i -> tooMany.add(UUID.randomUUID().toString()));
        post(CHAIR_EURAMET, "/api/reviews/bulk-decision", with(decision, "cases", tooMany))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://kcdb.bipm.org/problems/batch-too-large")
                .jsonPath("$.maxItems").isEqualTo(500)
                .jsonPath("$.errors[0].field").isEqualTo("cases");
        post(CHAIR_EURAMET, "/api/reviews/bulk-decision", Map.of("decision", "APPROVE"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("cases");
        assertThat(view(reviewId).get("stage")).isEqualTo("INTRA_RMO_REVIEW");
    }

    @Test
    void theBulkActionsAreDescribedInTheOpenApi() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/reviews/bulk-decision'].post").exists()
                .jsonPath("$.paths['/api/reviews/bulk-rmo-intents'].post").exists()
                .jsonPath("$.paths['/api/reviews/bulk-rmo-decisions'].post").exists();
    }
}
