package org.bipm.kcdb.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonResultSubmitted;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A comparison from registration to publication over HTTP, with its events on the real broker. */
@KcdbComponentTest
class ComparisonLifecycleTest extends KcdbServiceTest {

    static final String PILOT = DemoUsers.token("coordinator.ptb");
    static final String NPL = DemoUsers.token("writer.npl");
    static final String NIST = DemoUsers.token("writer.nist");
    static final String NMIJ = DemoUsers.token("writer.nmij");
    static final String OFFICE = DemoUsers.token("kcdb.office");
    static final String ID = "CCT-K9";

    @LocalServerPort
    int port;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "comparison-lifecycle-test");
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(30));
    }

    @Test
    void fromRegistrationToPublishedDegreesOfEquivalence() throws Exception {
        send(PILOT, "POST", "/api/comparisons", Map.of("identifier", ID, "type", "KEY", "organiser", "CCT",
                "metrologyAreaLabel", "T", "measurand", "Triple point of water cell temperature", "unit", "mK",
                "pilot", "PTB", "participants", List.of("PTB", "NPL", "NIST"), "linkingLaboratories", List.of("NPL"),
                "plannedStart", "2026-02-01")).expectStatus().isCreated()
                .expectBody().jsonPath("$.roles.NPL").isEqualTo("LINKING_LABORATORY")
                .jsonPath("$.overdue").isEqualTo(false);

        // Results are reported during the measurements only.
        send(NPL, "PUT", "/api/comparisons/" + ID + "/results/NPL", result(0.05, 0.02, "mK", null))
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentState").isEqualTo("PLANNED");
        move(NIST, "MEASUREMENTS").expectStatus().isForbidden();
        move(PILOT, "MEASUREMENTS").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("MEASUREMENTS");

        send(PILOT, "PUT", "/api/comparisons/" + ID + "/results/PTB", result(0.00, 0.02, "mK", null))
                .expectStatus().isOk();
        send(NPL, "PUT", "/api/comparisons/" + ID + "/results/NPL", result(50e-6, 20e-6, "K", null))
                .expectStatus().isOk().expectBody().jsonPath("$.value").isEqualTo(0.05)
                .jsonPath("$.reportedUnit").isEqualTo("K");
        send(NIST, "PUT", "/api/comparisons/" + ID + "/results/NIST", result(0.03, 0.03, "kg", null))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("unit");
        send(NIST, "PUT", "/api/comparisons/" + ID + "/results/NPL", result(0.03, 0.03, "mK", null))
                .expectStatus().isForbidden();
        send(NIST, "PUT", "/api/comparisons/" + ID + "/results/NIST", result(0.03, 0.03, "mK", null))
                .expectStatus().isOk();

        // Blind until Draft A.
        results(NPL).jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].institute").isEqualTo("NPL");
        results(PILOT).jsonPath("$.length()").isEqualTo(3);
        http.get().uri("/api/comparisons/" + ID + "/results").headers(h -> h.setBearerAuth(NMIJ)).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.detail").isEqualTo("Comparison " + ID
                        + " was not found.");
        move(PILOT, "DRAFT_A").expectStatus().isOk();
        results(NPL).jsonPath("$.length()").isEqualTo(3);
        http.get().uri("/api/comparisons/" + ID + "/results").headers(h -> h.setBearerAuth(NMIJ)).exchange()
                .expectStatus().isNotFound();

        // After Draft A, only an explicit correction changes a result.
        send(NIST, "PUT", "/api/comparisons/" + ID + "/results/NIST", result(0.04, 0.03, "mK", null))
                .expectStatus().isEqualTo(409);
        send(NIST, "PUT", "/api/comparisons/" + ID + "/results/NIST", result(0.04, 0.03, "mK",
                "Self-heating correction omitted")).expectStatus().isOk()
                .expectBody().jsonPath("$.corrections[0].previousValue").isEqualTo(0.03)
                .jsonPath("$.corrections[0].reason").isEqualTo("Self-heating correction omitted");

        send(PILOT, "POST", "/api/comparisons/" + ID + "/evaluations", Map.of("method", "WEIGHTED_MEAN"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/comparisons/" + ID + "/evaluations/1")
                .expectBody()
                // weights 1/0.02², 1/0.02², 1/0.03²: y = (0 + 0.05 + 0.04·4/9)/(2 + 4/9)
                .jsonPath("$.kcrv").value(v -> assertThat(((Number) v).doubleValue())
                        .isCloseTo((0.05 + 0.04 * 4 / 9.0) / (2 + 4 / 9.0), org.assertj.core.data.Offset.offset(1e-12)))
                .jsonPath("$.degreesOfFreedom").isEqualTo(2)
                .jsonPath("$.consistent").isEqualTo(true)
                .jsonPath("$.degreesOfEquivalence.length()").isEqualTo(3)
                .jsonPath("$.pairwiseDegreesOfEquivalence.length()").isEqualTo(6)
                .jsonPath("$.uncertaintyConvention").isEqualTo("WITH_CORRELATION");
        send(PILOT, "POST", "/api/comparisons/" + ID + "/evaluations", Map.of("method", "WEIGHTED_MEAN",
                "excludedFromReference", List.of("NMIJ"))).expectStatus().isBadRequest();
        send(PILOT, "POST", "/api/comparisons/" + ID + "/evaluations", Map.of("method", "GUESS"))
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        // The graph: for the drafts' readers now, for everyone once published.
        http.get().uri("/api/comparisons/" + ID + "/degrees-of-equivalence.svg").exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/comparisons/" + ID + "/evaluations").headers(h -> h.setBearerAuth(NMIJ)).exchange()
                .expectStatus().isNotFound();
        assertOnePointPerLaboratory(svg(NPL), List.of("PTB", "NPL", "NIST"));

        move(PILOT, "DRAFT_B").expectStatus().isOk();
        move(PILOT, "APPROVED").expectStatus().isOk();
        move(PILOT, "PUBLISHED").expectStatus().isForbidden();
        move(OFFICE, "PUBLISHED").expectStatus().isOk().expectBody()
                .jsonPath("$.history.length()").isEqualTo(5).jsonPath("$.currentEvaluation").isEqualTo(1);
        assertOnePointPerLaboratory(svg(null), List.of("PTB", "NPL", "NIST"));
        move(OFFICE, "WITHDRAWN").expectStatus().isEqualTo(409).expectBody().jsonPath("$.currentState")
                .isEqualTo("PUBLISHED");

        try (TestEvents events = new TestEvents(TestKafka.bootstrapServers())) {
            // The relay sends them after the answers: all awaited (a loaded machine's relay lags), then compared.
            assertThat(events.allOf(EventType.COMPARISON_STATUS_CHANGED, ComparisonStatusChanged.class,
                    e -> e.identifier().equals(ID), 5, Duration.ofSeconds(60), Duration.ofSeconds(3)))
                    .extracting(ComparisonStatusChanged::toStatus)
                    .containsExactly("MEASUREMENTS", "DRAFT_A", "DRAFT_B", "APPROVED", "PUBLISHED");
            assertThat(events.allOf(EventType.COMPARISON_RESULT_SUBMITTED, ComparisonResultSubmitted.class,
                    e -> e.identifier().equals(ID), 4, Duration.ofSeconds(60), Duration.ofSeconds(2)))
                    .extracting(ComparisonResultSubmitted::institute, ComparisonResultSubmitted::correction)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PTB", false),
                            org.assertj.core.groups.Tuple.tuple("NPL", false),
                            org.assertj.core.groups.Tuple.tuple("NIST", false),
                            org.assertj.core.groups.Tuple.tuple("NIST", true));
            ComparisonEvaluated evaluated = events.await(EventType.COMPARISON_EVALUATED, ComparisonEvaluated.class,
                    e -> e.identifier().equals(ID), Duration.ofSeconds(10));
            assertThat(evaluated.results()).extracting(ComparisonEvaluated.Result::value)
                    .containsExactly(0.0, 0.05, 0.04);
            // The public KCDB shows the pairwise degrees of equivalence the evaluation computed.
            assertThat(evaluated.pairwiseDegreesOfEquivalence()).hasSize(6)
                    .allSatisfy(p -> assertThat(p.institute()).isNotEqualTo(p.other()))
                    .anySatisfy(p -> {
                        assertThat(p.institute()).isEqualTo("NPL");
                        assertThat(p.other()).isEqualTo("PTB");
                        assertThat(p.d()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
                    });
        }
    }

    @Test
    void anRmoKeyComparisonIsEvaluatedThroughItsLinkToTheCipmComparison() {
        String cipm = "CCT-K5";
        String rmo = "EURAMET.T-K5";
        String nplCoordinator = DemoUsers.like("coordinator.ptb", "coordinator.npl", "NPL", "GB",
                "EURAMET");
        send(PILOT, "POST", "/api/comparisons", Map.of("identifier", cipm, "type", "KEY", "organiser", "CCT",
                "metrologyAreaLabel", "T", "measurand", "Tin point", "unit", "mK", "pilot", "PTB",
                "participants", List.of("PTB", "NPL"))).expectStatus().isCreated();
        send(nplCoordinator, "POST", "/api/comparisons", Map.of("identifier", rmo, "type", "KEY",
                "organiser", "EURAMET", "metrologyAreaLabel", "T", "measurand", "Tin point", "unit", "mK",
                "pilot", "NPL", "participants", List.of("NPL", "VSL"), "linkingLaboratories", List.of("NPL"),
                "linkedTo", cipm)).expectStatus().isCreated();
        for (String[] step : List.of(new String[] {PILOT, cipm}, new String[] {nplCoordinator, rmo})) {
            send(step[0], "POST", "/api/comparisons/" + step[1] + "/status", Map.of("status", "MEASUREMENTS"))
                    .expectStatus().isOk();
        }
        send(PILOT, "PUT", "/api/comparisons/" + cipm + "/results/PTB", result(0.10, 0.05, "mK", null))
                .expectStatus().isOk();
        send(PILOT, "PUT", "/api/comparisons/" + cipm + "/results/NPL", result(0.20, 0.05, "mK", null))
                .expectStatus().isOk();
        send(nplCoordinator, "PUT", "/api/comparisons/" + rmo + "/results/NPL", result(0.30, 0.05, "mK", null))
                .expectStatus().isOk();
        send(nplCoordinator, "PUT", "/api/comparisons/" + rmo + "/results/VSL", result(0.45, 0.08, "mK", null))
                .expectStatus().isOk();
        send(PILOT, "POST", "/api/comparisons/" + cipm + "/status", Map.of("status", "DRAFT_A")).expectStatus().isOk();
        send(nplCoordinator, "POST", "/api/comparisons/" + rmo + "/status", Map.of("status", "DRAFT_A"))
                .expectStatus().isOk();
        send(nplCoordinator, "POST", "/api/comparisons/" + rmo + "/evaluations", Map.of("method", "LINKED"))
                .expectStatus().isEqualTo(422); // the CIPM comparison has no evaluation yet
        send(PILOT, "POST", "/api/comparisons/" + cipm + "/evaluations", Map.of("method", "WEIGHTED_MEAN"))
                .expectStatus().isCreated();
        // CIPM: KCRV 0.15 mK, d(NPL) = +0.05 mK; RMO: VSL is 0.15 mK above NPL, so d(VSL) = 0.20 mK.
        send(nplCoordinator, "POST", "/api/comparisons/" + rmo + "/evaluations", Map.of("method", "LINKED"))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.method").isEqualTo("LINKED")
                .jsonPath("$.kcrv").value(v -> assertThat(((Number) v).doubleValue())
                        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-12)))
                .jsonPath("$.degreesOfEquivalence[1].institute").isEqualTo("VSL")
                .jsonPath("$.degreesOfEquivalence[1].d").value(v -> assertThat(((Number) v).doubleValue())
                        .isCloseTo(0.20, org.assertj.core.data.Offset.offset(1e-12)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aComparisonPastFiveYearsIsFlagged() {
        send(PILOT, "POST", "/api/comparisons", Map.of("identifier", "CCT-K7.2015", "type", "KEY",
                "organiser", "CCT", "metrologyAreaLabel", "T", "measurand", "Water triple point", "unit", "mK",
                "pilot", "PTB", "participants", List.of("PTB", "NPL"), "plannedStart", "2015-03-01"))
                .expectStatus().isCreated().expectBody().jsonPath("$.overdue").isEqualTo(true);
        http.get().uri("/api/comparisons?overdue=true").headers(h -> h.setBearerAuth(NMIJ)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.content[*].identifier").value(ids ->
                        assertThat((List<Object>) ids).contains("CCT-K7.2015").doesNotContain(ID));
    }

    private WebTestClient.ResponseSpec move(String token, String status) {
        return send(token, "POST", "/api/comparisons/" + ID + "/status", Map.of("status", status));
    }

    private WebTestClient.BodyContentSpec results(String token) {
        return http.get().uri("/api/comparisons/" + ID + "/results").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }

    private String svg(String token) {
        return http.get().uri("/api/comparisons/" + ID + "/degrees-of-equivalence.svg")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                }).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.valueOf("image/svg+xml"))
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static void assertOnePointPerLaboratory(String svg, List<String> laboratories) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList groups = doc.getElementsByTagName("g");
        List<String> drawn = new java.util.ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if ("laboratory".equals(g.getAttribute("class"))) {
                drawn.add(g.getAttribute("data-institute"));
                assertThat(g.getElementsByTagName("circle").getLength()).isEqualTo(1);
            }
        }
        assertThat(drawn).containsExactlyElementsOf(laboratories);
    }

    private static Map<String, Object> result(double value, double u, String unit, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("value", value, "standardUncertainty", u,
                "unit", unit));
        if (reason != null) {
            body.put("correctionReason", reason);
        }
        return body;
    }

    private WebTestClient.ResponseSpec send(String token, String method, String path, Object body) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }
}
