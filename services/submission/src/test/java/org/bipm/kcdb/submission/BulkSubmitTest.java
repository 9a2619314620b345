package org.bipm.kcdb.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.CmcCommands;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.submission.domain.IllegalCmcTransition;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** POST /api/cmcs/bulk-submit against the real broker and store: a result per CMC, an event per submitted one. */
@KcdbComponentTest
class BulkSubmitTest extends KcdbServiceTest {

    static final String WRITER_PTB = DemoUsers.token("writer.ptb");
    static final String WRITER_NPL = DemoUsers.token("writer.npl");
    static final String CHAIR = DemoUsers.token("chair.euramet");
    static TestEvents events;

    @LocalServerPort
    int port;
    @Autowired
    CmcCommands commands;
    @Autowired
    ReactiveJwtDecoder tokens;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "submission-bulk-test");
    }

    @BeforeAll
    static void broker() {
        events = new TestEvents(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(30));
    }

    private String draft(String token, Map<String, Object> body) {
        return http.post().uri("/api/cmcs").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private WebTestClient.ResponseSpec bulkSubmit(String token, Object body) {
        return http.post().uri("/api/cmcs/bulk-submit").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byId(Map<?, ?> response) {
        Map<String, Map<String, Object>> results = new java.util.LinkedHashMap<>();
        for (Object result : (List<?>) response.get("results")) {
            Map<String, Object> item = (Map<String, Object>) result;
            results.put((String) item.get("id"), item);
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(Map<String, Map<String, Object>> results, String id) {
        return (Map<String, Object>) results.get(id).get("problem");
    }

    /** The cmc.submitted events of these CMCs, once {@code expected} have left the relay, and any duplicate. */
    private static List<CmcSubmitted> submittedEvents(List<String> cmcIds, int expected) {
        java.util.Set<String> wanted = java.util.Set.copyOf(cmcIds);
        return events.allOf(EventType.CMC_SUBMITTED, CmcSubmitted.class, e -> wanted.contains(e.cmcId()), expected,
                Duration.ofMinutes(2), Duration.ofSeconds(3));
    }

    private String status(String id) {
        return http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_PTB)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("status").toString();
    }

    @Test
    void aWriterSubmitsManyDraftsAndEachRefusedOneSaysWhyAsTheSingleSubmitWould() {
        String first = draft(WRITER_PTB, SampleCmcs.dcVoltage());
        String second = draft(WRITER_PTB, SampleCmcs.dcVoltage());
        String ofNpl = draft(WRITER_NPL, SampleCmcs.dcVoltage());
        String alreadySubmitted = draft(WRITER_PTB, SampleCmcs.dcVoltage());
        http.post().uri("/api/cmcs/{id}/submit", alreadySubmitted).headers(h -> h.setBearerAuth(WRITER_PTB))
                .exchange().expectStatus().isOk();
        Map<String, Object> incompleteBody = new HashMap<>(SampleCmcs.dcVoltage());
        incompleteBody.remove("quantityValue");
        incompleteBody.remove("instrument");
        String incomplete = draft(WRITER_PTB, incompleteBody);
        String unknown = UUID.randomUUID().toString();

        Map<?, ?> response = bulkSubmit(WRITER_PTB, Map.of("ids",
                List.of(first, ofNpl, alreadySubmitted, first, incomplete, second, unknown)))
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();

        Map<String, Map<String, Object>> results = byId(response);
        assertThat(results.keySet()).as("one result per distinct id, in the order named")
                .containsExactly(first, ofNpl, alreadySubmitted, incomplete, second, unknown);
        assertThat(results.get(first)).isEqualTo(Map.of("id", first, "status", "SUBMITTED"));
        assertThat(results.get(second)).isEqualTo(Map.of("id", second, "status", "SUBMITTED"));

        Map<String, Object> notFound = problem(results, ofNpl);
        assertThat(results.get(ofNpl)).doesNotContainKey("status");
        assertThat(notFound).containsEntry("status", 404)
                .containsEntry("type", "https://kcdb.bipm.org/problems/not-found")
                .containsEntry("title", "Not Found")
                .containsEntry("instance", "/api/cmcs/" + ofNpl + "/submit");
        // The very problem the single submit answers, apart from nothing.
        Map<?, ?> single = http.post().uri("/api/cmcs/{id}/submit", ofNpl).headers(h -> h.setBearerAuth(WRITER_PTB))
                .exchange().expectStatus().isNotFound().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(notFound).isEqualTo(single);
        assertThat(((Map<?, ?>) results.get(unknown).get("problem")).get("status")).isEqualTo(404);

        Map<String, Object> conflict = problem(results, alreadySubmitted);
        assertThat(conflict).containsEntry("status", 409)
                .containsEntry("type", "https://kcdb.bipm.org/problems/illegal-transition")
                .containsEntry("currentState", "SUBMITTED");

        Map<String, Object> unprocessable = problem(results, incomplete);
        assertThat(unprocessable).containsEntry("status", 422)
                .containsEntry("type", "https://kcdb.bipm.org/problems/incomplete-cmc");
        assertThat(((List<?>) unprocessable.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("field")))
                .contains("quantityValue", "instrument");
        Map<?, ?> singleIncomplete = http.post().uri("/api/cmcs/{id}/submit", incomplete)
                .headers(h -> h.setBearerAuth(WRITER_PTB)).exchange().expectStatus().isEqualTo(422)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(unprocessable).isEqualTo(singleIncomplete);

        assertThat(status(first)).isEqualTo("SUBMITTED");
        assertThat(status(incomplete)).isEqualTo("DRAFT");
        List<String> named = List.of(first, second, ofNpl, alreadySubmitted, incomplete);
        List<CmcSubmitted> submitted = submittedEvents(named, 3);
        assertThat(submitted).extracting(CmcSubmitted::cmcId).as("one event per submitted CMC, the repeated id too")
                .containsExactlyInAnyOrder(first, second, alreadySubmitted);
    }

    /**
     * The bulk submit reads a request's CMCs at once and submits each from that copy: a CMC changed since is judged
     * again as stored now, so the copy never refuses what the single submit accepts, nor submits a CMC twice.
     */
    @Test
    void aCopyGoneStaleIsJudgedAgainOnTheCmcAsStoredNow() {
        Map<String, Object> incompleteBody = new HashMap<>(SampleCmcs.dcVoltage());
        incompleteBody.remove("instrument");
        String completedSince = draft(WRITER_PTB, incompleteBody);
        String submittedSince = draft(WRITER_PTB, SampleCmcs.dcVoltage());
        Caller writer = Caller.from(tokens.decode(WRITER_PTB).block());
        CmcCommands.BulkCmcs read = commands.bulk(writer, List.of(completedSince, submittedSince)).block();
        assertThat(read.copies().ids()).containsOnly(completedSince, submittedSince);

        http.put().uri("/api/cmcs/{id}", completedSince).headers(h -> {
            h.setBearerAuth(WRITER_PTB);
            h.setIfMatch("*");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(SampleCmcs.dcVoltage()).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/cmcs/{id}/submit", submittedSince).headers(h -> h.setBearerAuth(WRITER_PTB))
                .exchange().expectStatus().isOk();

        assertThat(commands.submit(read, completedSince).block().aggregate().status()).isEqualTo(CmcStatus.SUBMITTED);
        assertThatThrownBy(() -> commands.submit(read, submittedSince).block())
                .isInstanceOf(IllegalCmcTransition.class);
        assertThat(submittedEvents(List.of(completedSince, submittedSince), 2)).extracting(CmcSubmitted::cmcId)
                .as("each submitted once").containsExactlyInAnyOrder(completedSince, submittedSince);
    }

    @Test
    void manyDraftsRunningSeveralAtATimeAreEachSubmittedAndAnnouncedOnce() {
        // several times the items in flight at once (8), so that items finish out of order
        List<String> ids = IntStream.range(0, 60).mapToObj(i -> draft(WRITER_PTB, SampleCmcs.dcVoltage())).toList();
        Map<?, ?> response = bulkSubmit(WRITER_PTB, Map.of("ids", ids)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(byId(response).keySet()).containsExactlyElementsOf(ids);
        assertThat(byId(response).values()).allSatisfy(r -> assertThat(r).containsEntry("status",
                "SUBMITTED"));
        List<CmcSubmitted> submitted = submittedEvents(ids, ids.size());
        assertThat(submitted).extracting(CmcSubmitted::cmcId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aBatchBeyondFiveHundredIsRefusedAsAWholeAndNothingIsSubmitted() {
        String id = draft(WRITER_PTB, SampleCmcs.dcVoltage());
        List<String> ids = new ArrayList<>(List.of(id));
        IntStream.range(0, 500).forEach(i -> ids.add(UUID.randomUUID().toString()));
        bulkSubmit(WRITER_PTB, Map.of("ids", ids)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://kcdb.bipm.org/problems/batch-too-large")
                .jsonPath("$.maxItems").isEqualTo(500)
                .jsonPath("$.errors[0].field").isEqualTo("ids");
        assertThat(status(id)).isEqualTo("DRAFT");

        bulkSubmit(WRITER_PTB, Map.of("ids", List.of())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ids");
        bulkSubmit(WRITER_PTB, Map.of("cmcs", List.of(id))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cmcs");
    }

    @Test
    void onlyAWriterWithATokenMaySubmitInBulk() {
        String id = draft(WRITER_PTB, SampleCmcs.dcVoltage());
        http.post().uri("/api/cmcs/bulk-submit").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ids", List.of(id))).exchange().expectStatus().isUnauthorized();
        bulkSubmit(CHAIR, Map.of("ids", List.of(id))).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(status(id)).isEqualTo("DRAFT");
    }

    @Test
    void theBulkSubmitIsDescribedInTheOpenApi() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/cmcs/bulk-submit'].post.summary").isEqualTo("Submit many drafts");
    }
}
