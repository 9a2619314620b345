package org.bipm.kcdb.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.test.ContractSnapshot;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.EveryEndpoint;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.bipm.kcdb.test.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@KcdbComponentTest
class ComparisonServiceTest extends KcdbServiceTest {

    static final String COORDINATOR = DemoUsers.token("coordinator.ptb");
    static final String WRITER = DemoUsers.token("writer.ptb");

    @LocalServerPort
    int port;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "comparison-test");
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(20));
    }

    private WebTestClient.ResponseSpec register(String token, Map<String, Object> body) {
        return http.post().uri("/api/comparisons").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Map<String, Object> ccemK8() {
        return Map.of("identifier", "CCEM-K8", "type", "KEY", "organiser", "CCEM", "metrologyAreaLabel", "EM",
                "measurand", "DC voltage ratio", "unit", "V/V", "pilot", "PTB",
                "participants", List.of("PTB", "NPL", "NIST", "NMIJ"));
    }

    /** The OpenAPI document the service serves is the committed one (src/test/resources/openapi.json). */
    @Test
    void theOpenApiDocumentIsTheCommittedContract() {
        String generated = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        ContractSnapshot.assertMatches(generated, Path.of("src/test/resources/openapi.json"), "servers");
    }

    /**
     * Every endpoint, with requests generated from the OpenAPI snapshot (EveryEndpoint: seeded, a few cases per
     * operation, -Pproperties-long for many): never a 5xx, every refusal a problem, nothing stored by a refusal.
     */
    @Test
    void everyEndpointAnswersGeneratedRequestsWithoutA5xxAndRefusalsStoreNothing() {
        Map<String, Object> planned = new java.util.HashMap<>(ccemK8());
        planned.put("identifier", "CCEM-K8.EVERY");
        register(COORDINATOR, planned).expectStatus().isCreated();
        assertThat(EveryEndpoint.ofSnapshot().knowing("identifier", "CCEM-K8.EVERY")
                .knowing("institute", "PTB", "NPL").knowing("number", "1")
                .check(port, EveryEndpoint.demoCallers(), TestMongo.uri("comparison-test"))).isEmpty();
    }

    @Test
    void thePilotsCoordinatorRegistersAKeyComparisonAndItIsAnnounced() {
        register(COORDINATOR, ccemK8()).expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/comparisons/CCEM-K8")
                .expectBody().jsonPath("$.status").isEqualTo("PLANNED");
        register(COORDINATOR, ccemK8()).expectStatus().isEqualTo(409);
        try (TestEvents events = new TestEvents(TestKafka.bootstrapServers())) {
            ComparisonRegistered registered = events.await(EventType.COMPARISON_REGISTERED,
                    ComparisonRegistered.class, e -> e.identifier().equals("CCEM-K8"), Duration.ofSeconds(30));
            assertThat(registered.pilot()).isEqualTo("PTB");
            assertThat(registered.registeredBy()).isEqualTo("coordinator.ptb");
        }
        http.get().uri("/api/comparisons?participant=NMIJ").headers(h -> h.setBearerAuth(WRITER)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.content[0].identifier").isEqualTo("CCEM-K8");
    }

    @Test
    void theListIsPagedInIdentifierOrderAndBadPagingIsAFieldError() {
        for (String identifier : List.of("CCM-K93", "CCM-K91", "CCM-K92")) {
            Map<String, Object> body = new java.util.HashMap<>(ccemK8());
            body.put("identifier", identifier);
            body.put("organiser", "CCM");
            body.put("metrologyAreaLabel", "M");
            body.put("participants", List.of("PTB", "UME"));
            register(COORDINATOR, body).expectStatus().isCreated();
        }
        http.get().uri("/api/comparisons?participant=UME&size=2").headers(h -> h.setBearerAuth(WRITER)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.page").isEqualTo(0).jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.totalElements").isEqualTo(3)
                .jsonPath("$.content.length()").isEqualTo(2)
                .jsonPath("$.content[0].identifier").isEqualTo("CCM-K91")
                .jsonPath("$.content[1].identifier").isEqualTo("CCM-K92");
        http.get().uri("/api/comparisons?participant=UME&size=2&page=1").headers(h -> h.setBearerAuth(WRITER))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(3)
                .jsonPath("$.content.length()").isEqualTo(1)
                .jsonPath("$.content[0].identifier").isEqualTo("CCM-K93");
        http.get().uri("/api/comparisons?size=0").headers(h -> h.setBearerAuth(WRITER)).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size")
                .jsonPath("$.errors[0].message").isEqualTo("must be between 1 and 1000");
    }

    @Test
    void aMalformedIdentifierIsAFieldError() {
        Map<String, Object> body = new java.util.HashMap<>(ccemK8());
        body.put("identifier", "CCEM K8");
        register(COORDINATOR, body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("identifier");
    }

    @Test
    void writersAndOtherPilotsCannotRegister() {
        register(WRITER, ccemK8()).expectStatus().isForbidden();
        Map<String, Object> body = new java.util.HashMap<>(ccemK8());
        body.put("identifier", "CCEM-K9");
        body.put("pilot", "NPL");
        register(COORDINATOR, body).expectStatus().isForbidden();
    }

    /**
     * Authorization before the body (issue 17 item 5): a caller without rights on the comparison hears 403 (or 404
     * for one that does not exist), never the 400/422 that would name the body's rules or the participants.
     */
    @Test
    void aCallerWithoutRightsIsRefusedBeforeTheBodyIsJudged() {
        Map<String, Object> body = new java.util.HashMap<>(ccemK8());
        body.put("identifier", "CCEM-K31");
        register(COORDINATOR, body).expectStatus().isCreated();
        String writerNpl = DemoUsers.token("writer.npl");

        send(WRITER, "POST", "/api/comparisons/CCEM-K31/status", Map.of()).expectStatus().isForbidden();
        send(writerNpl, "POST", "/api/comparisons/CCEM-K31/status", Map.of()).expectStatus().isForbidden();
        send(COORDINATOR, "POST", "/api/comparisons/CCEM-K32/status", Map.of()).expectStatus().isNotFound();
        send(COORDINATOR, "POST", "/api/comparisons/CCEM-K31/status", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");

        // UME takes no part: only the pilot, who may report for any institute, hears that
        send(writerNpl, "PUT", "/api/comparisons/CCEM-K31/results/UME", Map.of()).expectStatus().isForbidden();
        send(WRITER, "PUT", "/api/comparisons/CCEM-K31/results/UME", Map.of()).expectStatus().isForbidden();
        send(COORDINATOR, "PUT", "/api/comparisons/CCEM-K31/results/UME", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("institute");
        http.get().uri("/api/comparisons/CCEM-K31").headers(h -> h.setBearerAuth(COORDINATOR)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("PLANNED");
    }

    private WebTestClient.ResponseSpec send(String token, String method, String path, Object body) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    @Test
    void theApiIsDescribedAsOpenApiWithoutAToken() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openapi").value(v -> assertThat((String) v).startsWith("3."))
                .jsonPath("$.paths['/api/comparisons/{identifier}/evaluations']").exists();
    }
}
