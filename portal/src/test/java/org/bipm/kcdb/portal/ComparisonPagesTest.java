package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;

import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The comparison pages (public and the coordinator's) against a stand-in gateway with canned API answers, as
 * {@link PortalPagesTest} does for the CMC pages: what they show and exactly what they send to the API.
 */
class ComparisonPagesTest extends PortalPageTest {

    static final String PUBLISHED = """
            {"identifier":"CCEM-K1","type":"KEY","organiser":"CCEM","metrologyAreaLabel":"EM",
             "measurand":"DC voltage","unit":"V","pilot":"PTB","participants":["PTB","NPL","NIST"],
             "status":"PUBLISHED","evaluation":{"kcrv":1.0000012,"kcrvStandardUncertainty":0.0000004,
             "kcrvExpandedUncertainty":0.0000008,"coverageFactor":2,"unit":"V","method":"WEIGHTED_MEAN",
             "degreesOfEquivalence":[{"institute":"PTB","d":0.0000003,"standardUncertainty":0.0000005,
               "expandedUncertainty":0.000001,"en":0.3,"contributing":true},
              {"institute":"NPL","d":-0.0000007,"standardUncertainty":0.0000006,
               "expandedUncertainty":0.0000012,"en":0.58,"contributing":true}]}}""";

    @BeforeEach
    void setUp() {
        GATEWAY.headers.put("X-Total-Count", "45");
    }

    WebTestClient coordinator() {
        return http.mutateWith(mockOidcLogin().authorities(new SimpleGrantedAuthority("ROLE_comparison-coordinator"),
                        new SimpleGrantedAuthority("INSTITUTE_PTB"))
                .idToken(token -> token.claim("preferred_username", "coordinator.ptb").claim("institute", "PTB")));
    }

    @Test
    void anyoneListsThePublishedComparisonsAPageAtATime() {
        ANSWERS.put("GET /api/kcdb/comparisons?", new Answer(200, "[" + PUBLISHED + "]"));
        String page = http.get().uri("/comparisons?page=1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("href=\"/comparisons/CCEM-K1\"", "45 comparisons", "href=\"/comparisons?page=0\"",
                "href=\"/comparisons?page=2\"", "href=\"/comparisons\"");
        assertThat(RECEIVED).containsKey("GET /api/kcdb/comparisons?page=1&pageSize=20");
    }

    @Test
    void aPublishedComparisonShowsItsKcrvDegreesOfEquivalenceAndGraphWithoutLogin() {
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K1", new Answer(200, PUBLISHED));
        String page = http.get().uri("/comparisons/CCEM-K1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Key comparison reference value (KCRV)", "1.0000012 V", "4.0E-7 V",
                "<caption>Degrees of equivalence</caption>", "<th scope=\"row\">NPL</th>", "0.58",
                "src=\"/api/comparisons/CCEM-K1/degrees-of-equivalence.svg\"",
                "alt=\"Graph of equivalence of CCEM-K1: each institute’s degree of equivalence");
    }

    static final String MEASURING = """
            {"identifier":"CCEM-K1","type":"KEY","measurand":"DC voltage","unit":"V","pilot":"PTB",
             "participants":["PTB","NPL","NIST"],"status":"DRAFT_A","resultsReported":3}""";

    static final String EVALUATION = """
            [{"number":1,"current":true,"method":"MEDIAN","kcrv":1.0000021,"kcrvStandardUncertainty":0.0000005,
              "kcrvExpandedUncertainty":0.000001,"kcrvCoverageFactor":2,"chiSquaredObserved":1.25,
              "degreesOfFreedom":1,"pValue":0.26,"consistent":true,"coverageFactor":2.5,
              "excludedFromReference":["NIST"],
              "degreesOfEquivalence":[{"institute":"NIST","d":0.0000031,"standardUncertainty":0.0000009,
                "expandedUncertainty":0.0000022,"en":1.41,"contributing":false}]}]""";

    void aComparisonInDraftA() {
        ANSWERS.put("GET /api/comparisons/CCEM-K1/results", new Answer(200,
                "[{\"institute\":\"PTB\",\"value\":1.000001,\"standardUncertainty\":0.0000004,\"unit\":\"V\"}]"));
        ANSWERS.put("GET /api/comparisons/CCEM-K1/evaluations", new Answer(200, EVALUATION));
        ANSWERS.put("GET /api/comparisons/CCEM-K1", new Answer(200, MEASURING));
    }

    @Test
    void theCoordinationPagesNeedALogin() {
        http.get().uri("/coordination").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void aCoordinatorListsTheComparisonsOfItsInstituteAPageAtATimeAsTheApiPagesThem() {
        ANSWERS.put("GET /api/comparisons?participant=PTB", new Answer(200,
                "{\"page\":1,\"size\":20,\"totalElements\":45,\"content\":[" + MEASURING + "]}"));
        coordinator().get().uri("/coordination?page=1").exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).contains("href=\"/coordination/CCEM-K1\"", "DRAFT_A",
                        "href=\"/comparisons\"", "href=\"/coordination/new\"", "Page 2 of 3",
                        "href=\"/coordination?page=0\"", "href=\"/coordination?page=2\""));
        assertThat(RECEIVED).as("one page asked of the API").containsKey(
                "GET /api/comparisons?participant=PTB&page=1&size=20");
        ANSWERS.put("GET /api/comparisons?page=", new Answer(200,
                "{\"page\":0,\"size\":20,\"totalElements\":1,\"content\":[" + MEASURING + "]}"));
        assertThat(page(office(), "/coordination")).as("the office sees every comparison, on one page here")
                .contains("href=\"/coordination/CCEM-K1\"").doesNotContain("Page 1 of");
        assertThat(RECEIVED).containsKey("GET /api/comparisons?page=0&size=20");
    }

    /** A coordinator of an institute that takes no part in CCEM-K1. */
    WebTestClient outsider() {
        return signedIn("coordinator.nmij", "ROLE_comparison-coordinator", "INSTITUTE_NMIJ");
    }

    @Test
    void thePilotSeesEveryFormTheApiAllowsItAndAnOutsiderNone() {
        aComparisonInDraftA();
        String pilot = page(coordinator(), "/coordination/CCEM-K1");
        assertThat(pilot).contains("value=\"DRAFT_B\"", "value=\"WITHDRAWN\"", "class=\"result-form\"",
                "<option value=\"NPL\"", "<option value=\"NIST\"", "id=\"correctionReason\"",
                "class=\"evaluation-form\"");

        String outsider = page(outsider(), "/coordination/CCEM-K1");
        assertThat(outsider).as("the API would refuse each of them: no form at all").contains("CCEM-K1")
                .doesNotContain("action=\"/coordination/CCEM-K1/status\"", "class=\"result-form\"",
                        "class=\"evaluation-form\"", "value=\"DRAFT_B\"");

        String participant = page(signedIn("writer.npl", "ROLE_cmc-writer", "INSTITUTE_NPL"), "/coordination/CCEM-K1");
        assertThat(participant).as("a participant's staff report (correct) their own institute's result only")
                .contains("class=\"result-form\"", "<option value=\"NPL\"", "id=\"correctionReason\"")
                .doesNotContain("<option value=\"PTB\"", "<option value=\"NIST\"", "class=\"evaluation-form\"",
                        "action=\"/coordination/CCEM-K1/status\"", "href=\"/coordination/new\"");

        ANSWERS.put("GET /api/comparisons/CCEM-K1", new Answer(200, MEASURING.replace("DRAFT_A", "APPROVED")));
        assertThat(page(coordinator(), "/coordination/CCEM-K1")).as("only the office publishes")
                .contains("value=\"WITHDRAWN\"").doesNotContain("value=\"PUBLISHED\"", "class=\"result-form\"",
                        "class=\"evaluation-form\"");
        assertThat(page(office(), "/coordination/CCEM-K1")).contains("value=\"PUBLISHED\"", "value=\"WITHDRAWN\"")
                .doesNotContain("class=\"result-form\"");
    }

    @Test
    void aCorrectionInDraftASendsItsReason() {
        aComparisonInDraftA();
        ANSWERS.put("PUT /api/comparisons/CCEM-K1/results/NPL", new Answer(200, "{}"));
        coordinator().mutateWith(csrf()).post().uri("/coordination/CCEM-K1/results")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("institute=NPL&value=1.0000032&standardUncertainty=0.5&unit=V"
                        + "&correctionReason=Transcription+error").exchange()
                .expectStatus().is3xxRedirection();
        assertThat(RECEIVED.get("PUT /api/comparisons/CCEM-K1/results/NPL")).isEqualTo("{\"value\":1.0000032,"
                + "\"standardUncertainty\":0.5,\"unit\":\"V\",\"correctionReason\":\"Transcription error\"}");
    }

    @Test
    void theCoordinatorSeesOnlyTheNextStatusesAndAButtonPostsThatStatusThenRedirects() {
        aComparisonInDraftA();
        String page = coordinator().get().uri("/coordination/CCEM-K1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("value=\"DRAFT_B\"", "value=\"WITHDRAWN\"", "name=\"_csrf\"")
                .doesNotContain("value=\"PUBLISHED\"", "value=\"MEASUREMENTS\"", "value=\"APPROVED\"");
        ANSWERS.put("POST /api/comparisons/CCEM-K1/status", new Answer(200, MEASURING));
        coordinator().mutateWith(csrf()).post().uri("/coordination/CCEM-K1/status")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("status=DRAFT_B").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueEquals("Location", "/coordination/CCEM-K1?done=moved");
        assertThat(RECEIVED.get("POST /api/comparisons/CCEM-K1/status")).isEqualTo("{\"status\":\"DRAFT_B\"}");
    }

    @Test
    void aResultEntryPostsExactlyValueUncertaintyAndUnit() {
        ANSWERS.put("PUT /api/comparisons/CCEM-K1/results/NPL", new Answer(200, "{}"));
        coordinator().mutateWith(csrf()).post().uri("/coordination/CCEM-K1/results")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("institute=NPL&value=1.0000032&standardUncertainty=0.5&unit=V").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueEquals("Location", "/coordination/CCEM-K1?done=result");
        assertThat(RECEIVED.get("PUT /api/comparisons/CCEM-K1/results/NPL"))
                .isEqualTo("{\"value\":1.0000032,\"standardUncertainty\":0.5,\"unit\":\"V\"}");
    }

    @Test
    void anEvaluationPostsMethodExclusionsAndCoverageFactorAndThePageShowsTheAnswer() {
        aComparisonInDraftA();
        ANSWERS.put("POST /api/comparisons/CCEM-K1/evaluations", new Answer(201, "{}"));
        coordinator().mutateWith(csrf()).post().uri("/coordination/CCEM-K1/evaluations")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("method=MEDIAN&excludedFromReference=NIST&excludedFromReference=NPL&coverageFactor=2.5")
                .exchange().expectStatus().is3xxRedirection()
                .expectHeader().valueEquals("Location", "/coordination/CCEM-K1?done=evaluated");
        assertThat(RECEIVED.get("POST /api/comparisons/CCEM-K1/evaluations")).isEqualTo(
                "{\"method\":\"MEDIAN\",\"excludedFromReference\":[\"NIST\",\"NPL\"],\"coverageFactor\":2.5}");
        String page = coordinator().get().uri("/coordination/CCEM-K1?done=evaluated").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("The comparison was evaluated.", "1.0000021 V",
                "χ² = 1.25 with 1 degrees of freedom, p = 0.26: consistent", "<th scope=\"row\">NIST</th>", "1.41",
                "src=\"/coordination/CCEM-K1/degrees-of-equivalence.svg\"", "alt=\"Graph of equivalence of CCEM-K1");
    }

    @Test
    void aRefusedResultComesBackAsTypedWithEachFieldErrorNextToItsField() {
        aComparisonInDraftA();
        ANSWERS.put("PUT /api/comparisons/CCEM-K1/results/NPL", new Answer(422, """
                {"title":"Unprocessable","detail":"The result is not acceptable.",
                 "errors":[{"field":"standardUncertainty","message":"must be positive"},
                           {"field":"unit","message":"is not the comparison's unit"}]}"""));
        String page = coordinator().mutateWith(csrf()).post().uri("/coordination/CCEM-K1/results")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("institute=NPL&value=1.0000032&standardUncertainty=-1&unit=mV").exchange()
                .expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("The result is not acceptable.", "id=\"standardUncertainty-error\"",
                "must be positive", "aria-describedby=\"standardUncertainty-error\"", "id=\"unit-error\"",
                "value=\"mV\"", "value=\"-1\"", "<option value=\"NPL\" selected=\"selected\">");
    }

    @Test
    void theCoordinatorsGraphIsFetchedWithTheUsersTokenBeforePublication() {
        ANSWERS.put("GET /api/comparisons/CCEM-K1/degrees-of-equivalence.svg", new Answer(200,
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>CCEM-K1</title></svg>"));
        coordinator().get().uri("/coordination/CCEM-K1/degrees-of-equivalence.svg").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("image/svg+xml")
                .expectBody(String.class).value(svg -> assertThat(svg).contains("<title>CCEM-K1</title>"));
    }

    @Test
    void aRegistrationPostsTheTypedComparisonAndRedirectsToItsPage() {
        coordinator().get().uri("/coordination/new").exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).contains("<label for=\"participants\"", "id=\"pilot\"",
                        "value=\"PTB\"", "name=\"_csrf\""));
        ANSWERS.put("POST /api/comparisons", new Answer(201, MEASURING));
        coordinator().mutateWith(csrf()).post().uri("/coordination/new")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("identifier=CCEM-K1&type=KEY&organiser=CCEM&metrologyAreaLabel=EM&measurand=DC+voltage"
                        + "&unit=V&pilot=PTB&participants=PTB%2C+NPL%2C+NIST&linkedTo=&plannedStart=2027-01-15")
                .exchange().expectStatus().is3xxRedirection()
                .expectHeader().valueEquals("Location", "/coordination/CCEM-K1?done=registered");
        assertThat(RECEIVED.get("POST /api/comparisons")).isEqualTo("{\"identifier\":\"CCEM-K1\",\"type\":\"KEY\","
                + "\"organiser\":\"CCEM\",\"metrologyAreaLabel\":\"EM\",\"measurand\":\"DC voltage\",\"unit\":\"V\","
                + "\"pilot\":\"PTB\",\"participants\":[\"PTB\",\"NPL\",\"NIST\"],\"plannedStart\":\"2027-01-15\"}");
    }

    @Test
    void aRefusedRegistrationShowsEachFieldErrorNextToItsField() {
        ANSWERS.put("POST /api/comparisons", new Answer(422, """
                {"title":"Unprocessable","detail":"The comparison cannot be registered.",
                 "errors":[{"field":"identifier","message":"is not a comparison identifier"},
                           {"field":"participants[1]","message":"unknown institute XYZ"}]}"""));
        String page = coordinator().mutateWith(csrf()).post().uri("/coordination/new")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("identifier=K1&type=KEY&pilot=PTB&participants=PTB,XYZ").exchange()
                .expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("The comparison cannot be registered.", "id=\"identifier-error\"",
                "is not a comparison identifier", "id=\"participants-error\"", "unknown institute XYZ",
                "aria-describedby=\"participants-error\"", "value=\"PTB,XYZ\"", "value=\"K1\"");
    }

    @Test
    void theComparisonPagesSpeakFrenchWithoutAMissingText() {
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K1", new Answer(200, PUBLISHED));
        http.get().uri("/comparisons/CCEM-K1?lang=fr").exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).contains("Valeur de référence de la comparaison clé (KCRV)",
                        "Degrés d’équivalence", "alt=\"Graphe d’équivalence de CCEM-K1").doesNotContain("??"));
        aComparisonInDraftA();
        coordinator().get().uri("/coordination/CCEM-K1?lang=fr&done=moved").exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("Passer à DRAFT_B",
                        "Le statut de la comparaison a été changé.", "Moyenne pondérée").doesNotContain("??"));
        coordinator().get().uri("/coordination/new?lang=fr").exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("Enregistrer une comparaison")
                        .doesNotContain("??"));
    }
}
