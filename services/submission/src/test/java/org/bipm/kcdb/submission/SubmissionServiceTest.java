package org.bipm.kcdb.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class SubmissionServiceTest extends KcdbServiceTest {

    static final String WRITER_PTB = ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
    static final String WRITER_NPL = ISSUER.writer("writer.npl", "NPL", "GB", "EURAMET");
    static final String CHAIR = ISSUER.chair("chair.euramet", "EURAMET", List.of("EM"));
    static final String CHAIR_SIM = ISSUER.chair("chair.sim", "SIM", List.of("EM"));
    static TestEvents events;

    @LocalServerPort
    int port;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "submission-test");
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
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    private WebTestClient.ResponseSpec create(String token, Object body) {
        return http.post().uri("/api/cmcs").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String createDraft() {
        return create(WRITER_PTB, SampleCmcs.dcVoltage()).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private Map<?, ?> read(String token, String id) {
        return http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aWriterCreatesADraftScopedToTheTokensInstitute() {
        create(WRITER_PTB, SampleCmcs.dcVoltage()).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/cmcs/[0-9a-f-]{36}")
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("DRAFT")
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.institute").isEqualTo("PTB")
                .jsonPath("$.country").isEqualTo("DE")
                .jsonPath("$.rmo").isEqualTo("EURAMET")
                .jsonPath("$.quantityValue").isEqualTo("DC voltage")
                .jsonPath("$.cmc.unit").isEqualTo("V");
    }

    @Test
    void withoutATokenTheApiAnswers401AsProblemJson() {
        http.get().uri("/api/cmcs").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("WWW-Authenticate");
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth("not-a-jwt")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anotherInstitutesWriterCannotSeeOrChangeTheDraft() {
        String id = createDraft();
        http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_NPL)).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/cmcs/{id}/submit", id).headers(h -> h.setBearerAuth(WRITER_NPL)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(CHAIR)).exchange()
                .expectStatus().isNotFound();
        assertThat(http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(WRITER_NPL)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("content")
                .toString()).doesNotContain(id);
    }

    @Test
    void aReviewerCannotCreateCmcs() {
        create(CHAIR, SampleCmcs.dcVoltage()).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aStaleEtagIsRefusedWith412AndTheStoredDraftIsUnchanged() {
        String id = createDraft();
        Map<String, Object> edited = new java.util.HashMap<>(SampleCmcs.dcVoltage());
        edited.put("quantityValue", "DC voltage ratio");
        http.put().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_PTB)).header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(edited).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
        edited.put("quantityValue", "lost update");
        http.put().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_PTB)).header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(edited).exchange()
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        assertThat(read(WRITER_PTB, id).get("quantityValue")).isEqualTo("DC voltage ratio");
    }

    @Test
    void unknownFieldsAndWrongTypesAreFieldLevel400sNot500s() {
        Map<String, Object> body = new java.util.HashMap<>(SampleCmcs.dcVoltage());
        body.put("institute", "NPL");
        create(WRITER_PTB, body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("institute"));
        body = new java.util.HashMap<>(SampleCmcs.dcVoltage());
        body.put("coverageFactor", "two");
        create(WRITER_PTB, body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("coverageFactor"));
        http.post().uri("/api/cmcs").headers(h -> h.setBearerAuth(WRITER_PTB)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange().expectStatus().isBadRequest();
    }

    @Test
    void submittingAnIncompleteDraftIs422WithEachField() {
        Map<String, Object> body = new java.util.HashMap<>(SampleCmcs.dcVoltage());
        body.remove("quantityValue");
        body.put("cmc", Map.of("lowerLimit", 10.0, "upperLimit", 1.0, "unit", "V"));
        String id = create(WRITER_PTB, body).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("id").toString();
        http.post().uri("/api/cmcs/{id}/submit", id).headers(h -> h.setBearerAuth(WRITER_PTB)).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("quantityValue", "cmc.lowerLimit"));
        assertThat(read(WRITER_PTB, id).get("status")).isEqualTo("DRAFT");
    }

    @Test
    void submittingEmitsCmcSubmittedOnceAndTheStatusFollowsReviewAndPublicationEvents() {
        String id = createDraft();
        http.post().uri("/api/cmcs/{id}/submit", id).headers(h -> h.setBearerAuth(WRITER_PTB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        CmcSubmitted submitted = events.await(EventType.CMC_SUBMITTED, CmcSubmitted.class,
                e -> e.cmcId().equals(id), Duration.ofSeconds(20));
        assertThat(submitted.institute()).isEqualTo("PTB");
        assertThat(submitted.content().quantityValue()).isEqualTo("DC voltage");
        Map<String, String> headers = events.headersOf(EventType.CMC_SUBMITTED, id, Duration.ofSeconds(10));
        assertThat(headers).containsEntry("ce_type", "org.bipm.kcdb.cmc.submitted")
                .containsEntry("ce_source", "/kcdb/submission").containsEntry("ce_specversion", "1.0")
                .containsEntry("kafka.key", id).containsEntry("ce_id", submitted.eventId().toString());

        http.post().uri("/api/cmcs/{id}/submit", id).headers(h -> h.setBearerAuth(WRITER_PTB)).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.currentState").isEqualTo("SUBMITTED");
        http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(CHAIR)).exchange().expectStatus().isOk();
        http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(CHAIR_SIM)).exchange()
                .expectStatus().isNotFound();

        Instant now = Instant.now();
        ReviewOpened opened = new ReviewOpened(UUID.randomUUID(), now, 1, "r-" + id, id, "EURAMET", "EM",
                "INTRA_RMO_REVIEW");
        IntraRmoReviewApproved toOtherRmos = new IntraRmoReviewApproved(UUID.randomUUID(), now, 1, "r-" + id, id,
                "PTB", "DE", "EURAMET", "EM", "chair.euramet", "EURAMET TC-Q 2026/01",
                List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM"), now.plusSeconds(3600), now.plusSeconds(7200));
        CmcApproved approved = new CmcApproved(UUID.randomUUID(), now, 1, id, "r-" + id, "PTB", "DE", "EURAMET",
                "JCRB", null, submitted.content());
        CmcPublished published = new CmcPublished(UUID.randomUUID(), now, 1, id, "EURAMET-EM-DE-0000000Z-1", 1,
                "PTB", "DE", "EURAMET", "EM", java.time.LocalDate.now());
        events.send(opened, "/kcdb/review");
        events.send(toOtherRmos, "/kcdb/review");
        events.send(toOtherRmos, "/kcdb/review");
        awaitStatus(id, "INTER_RMO_REVIEW");
        events.send(approved, "/kcdb/review");
        events.send(approved, "/kcdb/review");
        awaitStatus(id, "APPROVED");
        events.send(published, "/kcdb/publication");
        events.send(published, "/kcdb/publication");
        awaitStatus(id, "PUBLISHED");
        events.send(opened, "/kcdb/review");
        events.send(toOtherRmos, "/kcdb/review");
        events.send(approved, "/kcdb/review");

        Map<?, ?> cmc = read(WRITER_PTB, id);
        assertThat(cmc.get("kcdbCode")).isEqualTo("EURAMET-EM-DE-0000000Z-1");
        List<Object> history = http.get().uri("/api/cmcs/{id}/history", id).headers(h -> h.setBearerAuth(WRITER_PTB))
                .exchange().expectStatus().isOk().expectBody(new org.springframework.core.ParameterizedTypeReference<List<Object>>() { }).returnResult().getResponseBody();
        assertThat(history.stream().map(h -> (Object) ((Map<?, ?>) h).get("toStatus")).toList()).containsExactly("DRAFT", "SUBMITTED",
                "INTRA_RMO_REVIEW", "INTER_RMO_REVIEW", "APPROVED", "PUBLISHED");
        assertThat(events.all(EventType.CMC_SUBMITTED, CmcSubmitted.class, e -> e.cmcId().equals(id),
                Duration.ofSeconds(2))).hasSize(1);
    }

    private void awaitStatus(String id, String status) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (status.equals(read(WRITER_PTB, id).get("status"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(read(WRITER_PTB, id).get("status")).isEqualTo(status);
    }

    @Test
    void aDraftCanBeDeletedButNotBySomeoneElse() {
        String id = createDraft();
        http.delete().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_NPL)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_PTB)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/cmcs/{id}", id).headers(h -> h.setBearerAuth(WRITER_PTB)).exchange()
                .expectStatus().isNotFound();
    }
}
