package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.Range;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class ReviewServiceTest extends KcdbServiceTest {

    static final String CHAIR = ISSUER.chair("chair.euramet", "EURAMET", List.of("EM", "M"));
    static final String CHAIR_SIM = ISSUER.chair("chair.sim", "SIM", List.of("EM"));
    static final String WRITER = ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
    static final String SECRETARY = ISSUER.token("jcrb.secretary", List.of("jcrb-secretary"), Map.of());
    static final CmcContent CONTENT = new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1", "DC voltage",
            "Zener", "Josephson", List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"), null, null,
            "Relative", 2.0, 95.0, "PTB", null, "PTB-1", List.of(), "QMS-1");
    static TestEvents events;

    @LocalServerPort
    int port;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "review-test");
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

    private String submitAndAwaitCase(String cmcId) {
        CmcSubmitted submitted = new CmcSubmitted(UUID.randomUUID(), Instant.now(), 1, cmcId, 1, "PTB", "DE",
                "EURAMET", "writer.ptb", null, CONTENT);
        events.send(submitted, "/kcdb/submission");
        events.send(submitted, "/kcdb/submission");
        return events.await(EventType.REVIEW_OPENED, ReviewOpened.class, e -> e.cmcId().equals(cmcId),
                Duration.ofSeconds(30)).reviewId();
    }

    @Test
    void aSubmittedCmcOpensOneCaseEvenWhenTheEventIsRedelivered() {
        String cmcId = UUID.randomUUID().toString();
        String reviewId = submitAndAwaitCase(cmcId);
        List<?> cases = http.get().uri("/api/reviews?cmcId={id}", cmcId).headers(h -> h.setBearerAuth(CHAIR))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(cases).hasSize(1);
        assertThat(((Map<?, ?>) cases.get(0)).get("id")).isEqualTo(reviewId);
        assertThat(events.all(EventType.REVIEW_OPENED, ReviewOpened.class, e -> e.cmcId().equals(cmcId),
                Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void theEurametChairsApprovalOpensTheInterRmoReview() {
        String cmcId = UUID.randomUUID().toString();
        String reviewId = submitAndAwaitCase(cmcId);
        http.post().uri("/api/reviews/{id}/decision", reviewId).headers(h -> h.setBearerAuth(CHAIR))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "APPROVE", "comment", "ok"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.stage").isEqualTo("INTER_RMO_REVIEW");
        IntraRmoReviewApproved approved = events.await(EventType.REVIEW_INTRA_RMO_APPROVED,
                IntraRmoReviewApproved.class, e -> e.cmcId().equals(cmcId), Duration.ofSeconds(30));
        assertThat(approved.qmsStatementRef()).isEqualTo("QMS-1");
        assertThat(approved.askedRmos()).containsExactly("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM");

        http.post().uri("/api/reviews/{id}/decision", reviewId).headers(h -> h.setBearerAuth(CHAIR))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "REJECT", "comment", "late"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.currentState")
                .isEqualTo("INTER_RMO_REVIEW");
        http.get().uri("/api/reviews/{id}", reviewId).headers(h -> h.setBearerAuth(SECRETARY)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.history.length()").isEqualTo(2);
    }

    @Test
    void writersAndOtherRmosCannotDecide() {
        String reviewId = submitAndAwaitCase(UUID.randomUUID().toString());
        http.post().uri("/api/reviews/{id}/decision", reviewId).headers(h -> h.setBearerAuth(WRITER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "APPROVE")).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/reviews/{id}/decision", reviewId).headers(h -> h.setBearerAuth(CHAIR_SIM))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "APPROVE")).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/reviews/{id}/decision", reviewId).headers(h -> h.setBearerAuth(CHAIR))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "RETURN")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("comment");
        http.post().uri("/api/reviews/{id}/decision", reviewId).headers(h -> h.setBearerAuth(CHAIR))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "MAYBE")).exchange()
                .expectStatus().isBadRequest();
    }
}
