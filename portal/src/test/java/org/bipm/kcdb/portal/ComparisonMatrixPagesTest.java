package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;

import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A comparison's pairwise degrees of equivalence as a matrix, its results and its history, for the public and for
 * the pilot, and the public list's filters, against a stand-in gateway with canned API answers: what the pages
 * show, and that what the API withholds stays out of them.
 */
class ComparisonMatrixPagesTest extends PortalPageTest {

    /**
     * Three institutes, both directions of each pair as the comparison service publishes them; PTB and NIST differ
     * by more than U(dᵢⱼ) (|−3.7e-6| / 1.6e-6 = 2.31), the other pairs do not.
     */
    static final String PUBLISHED = """
            {"identifier":"CCEM-K1","type":"KEY","organiser":"CCEM","metrologyAreaLabel":"EM",
             "measurand":"DC voltage","unit":"V","pilot":"PTB","participants":["PTB","NPL","NIST"],
             "status":"PUBLISHED","registeredAt":"2026-01-05T09:30:00Z","publishedAt":"2026-11-20T14:00:00.123456Z",
             "evaluation":{"kcrv":1.0000012,"kcrvStandardUncertainty":0.0000004,"unit":"V","method":"WEIGHTED_MEAN",
              "results":[{"institute":"PTB","value":1.0000015,"standardUncertainty":0.0000005},
                         {"institute":"NPL","value":1.0000005,"standardUncertainty":0.0000006},
                         {"institute":"NIST","value":1.0000052,"standardUncertainty":0.0000006}],
              "degreesOfEquivalence":[{"institute":"PTB","d":0.0000003,"expandedUncertainty":0.000001},
                {"institute":"NPL","d":-0.0000007,"expandedUncertainty":0.0000012},
                {"institute":"NIST","d":0.000004,"expandedUncertainty":0.0000012}],
              "pairwiseDegreesOfEquivalence":[
                {"institute":"PTB","other":"NPL","d":0.000001,"expandedUncertainty":0.0000016},
                {"institute":"PTB","other":"NIST","d":-0.0000037,"expandedUncertainty":0.0000016},
                {"institute":"NPL","other":"PTB","d":-0.000001,"expandedUncertainty":0.0000016},
                {"institute":"NPL","other":"NIST","d":-0.0000047,"expandedUncertainty":0.0000017},
                {"institute":"NIST","other":"PTB","d":0.0000037,"expandedUncertainty":0.0000016},
                {"institute":"NIST","other":"NPL","d":0.0000047,"expandedUncertainty":0.0000017}]}}""";

    @BeforeEach
    void setUp() {
        GATEWAY.headers.put("X-Total-Count", "45");
    }

    WebTestClient pilot() {
        return http.mutateWith(mockOidcLogin().authorities(new SimpleGrantedAuthority("ROLE_comparison-coordinator"),
                        new SimpleGrantedAuthority("INSTITUTE_PTB"))
                .idToken(token -> token.claim("preferred_username", "coordinator.ptb").claim("institute", "PTB")));
    }


    @Test
    void aPublishedComparisonShowsItsPairwiseMatrixWithTheNonEquivalentPairMarkedBeyondColour() {
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K1", new Answer(200, PUBLISHED));
        String page = page(http, "/comparisons/CCEM-K1");
        String matrix = page.substring(page.indexOf("<table class=\"matrix\""), page.indexOf("</table>",
                page.indexOf("<table class=\"matrix\"")));
        // Rows and columns in the order of the unilateral degrees of equivalence, each a header.
        assertThat(matrix).containsSubsequence("<th scope=\"col\">PTB</th>", "<th scope=\"col\">NPL</th>",
                "<th scope=\"col\">NIST</th>", "<th scope=\"row\">PTB</th>", "<th scope=\"row\">NPL</th>",
                "<th scope=\"row\">NIST</th>");
        // Row PTB: itself, then NPL (equivalent: 0.63), then NIST (not: 2.31), marked with ✱ and a word as well.
        assertThat(matrix).containsSubsequence("<th scope=\"row\">PTB</th>", "same institute",
                "<span class=\"d\">1.00e-06</span>", "± 1.60e-06", "(0.63)",
                "class=\"exceeds\"", "<span class=\"d\">-3.70e-06</span>", "(2.31)", "✱", "not equivalent",
                "<th scope=\"row\">NPL</th>");
        assertThat(matrix.split("class=\"exceeds\"", -1)).hasSize(5);
        assertThat(page).contains("aria-describedby=\"pairwise-summary pairwise-legend\"",
                "Of 3 pairs, 2 not equivalent (|dᵢⱼ| exceeds U(dᵢⱼ)): PTB – NIST, NPL – NIST.",
                "<span class=\"swatch exceeds\" aria-hidden=\"true\">✱</span>",
                "Shaded and marked so: |dᵢⱼ|/U(dᵢⱼ) &gt; 1", "<span>Row i, column j</span>");
        // The results as published, and the history as the public API dates it.
        assertThat(page).containsSubsequence("<h2>Results</h2>", "<th scope=\"row\">NIST</th>", "1.0000052");
        assertThat(page).containsSubsequence("<h2>History</h2>",
                "<time datetime=\"2026-01-05T09:30:00Z\">Jan 5, 2026, 9:30 AM UTC</time>", "Registered",
                "<time datetime=\"2026-11-20T14:00:00.123456Z\">Nov 20, 2026, 2:00 PM UTC</time>",
                "Published in the KCDB");
    }

    @Test
    void aComparisonNotYetPublishedShowsNeitherResultsNorMatrixToThePublic() {
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K2", new Answer(200, """
                {"identifier":"CCEM-K2","measurand":"resistance","unit":"ohm","pilot":"NPL",
                 "participants":["NPL","PTB"],"status":"DRAFT_B","registeredAt":"2026-03-01T08:00:00Z"}"""));
        String page = page(http, "/comparisons/CCEM-K2");
        assertThat(page).contains("No evaluation is published yet.", "Registered", "Mar 1, 2026, 8:00 AM UTC")
                .doesNotContain("class=\"matrix\"", "<h2>Results</h2>", "Published in the KCDB");
    }

    @Test
    void thePublicListIsFilteredByAreaAndStatusThroughTheApiAndItsPagesKeepTheFilters() {
        ANSWERS.put("GET /api/kcdb/comparisons?", new Answer(200, "[" + PUBLISHED + "]"));
        String page = page(http, "/comparisons?area=EM&status=PUBLISHED&page=1");
        assertThat(RECEIVED).containsKey("GET /api/kcdb/comparisons?page=1&pageSize=20&area=EM&status=PUBLISHED");
        assertThat(page).contains("<label for=\"area\"", "value=\"EM\"",
                "<option value=\"PUBLISHED\" selected=\"selected\">PUBLISHED</option>",
                "href=\"/comparisons?page=0&amp;area=EM&amp;status=PUBLISHED\"",
                "href=\"/comparisons?page=2&amp;area=EM&amp;status=PUBLISHED\"");
        page(http, "/comparisons?area=&status=");
        assertThat(RECEIVED).containsKey("GET /api/kcdb/comparisons?page=0&pageSize=20");
    }

    static final String DRAFT_B = """
            {"identifier":"EURAMET.EM-K9","type":"KEY","measurand":"DC voltage","unit":"V","pilot":"PTB",
             "participants":["PTB","NPL","LNE"],"status":"DRAFT_B","registeredBy":"coordinator.ptb",
             "registeredAt":"2026-02-01T10:00:00Z",
             "history":[{"from":"PLANNED","to":"MEASUREMENTS","by":"coordinator.ptb","at":"2026-02-10T10:00:00Z"},
                        {"from":"MEASUREMENTS","to":"DRAFT_A","by":"coordinator.ptb","at":"2026-05-01T10:00:00Z"},
                        {"from":"DRAFT_A","to":"DRAFT_B","by":"coordinator.ptb","at":"2026-07-01T10:00:00Z"}]}""";

    @Test
    void thePilotSeesTheDraftMatrixAndTheWholeHistoryInTimeOrder() {
        ANSWERS.put("GET /api/comparisons/EURAMET.EM-K9", new Answer(200, DRAFT_B));
        ANSWERS.put("GET /api/comparisons/EURAMET.EM-K9/results", new Answer(200, """
                [{"institute":"PTB","value":1.1,"standardUncertainty":0.1,"submittedBy":"coordinator.ptb",
                  "submittedAt":"2026-03-02T10:00:00Z","corrections":[]},
                 {"institute":"NPL","value":1.4,"standardUncertainty":0.1,"submittedBy":"coordinator.npl",
                  "submittedAt":"2026-06-15T10:00:00Z","corrections":[{"previousValue":1.5,
                  "previousStandardUncertainty":0.1,"previousUnit":"V","reason":"transcription error",
                  "by":"coordinator.npl","at":"2026-06-15T10:00:00Z"}]}]"""));
        // The evaluation lists each pair once: the page shows the other direction as −dᵢⱼ with the same U.
        ANSWERS.put("GET /api/comparisons/EURAMET.EM-K9/evaluations", new Answer(200, """
                [{"number":1,"current":true,"method":"WEIGHTED_MEAN","kcrv":1.25,"kcrvStandardUncertainty":0.07,
                  "evaluatedBy":"coordinator.ptb","evaluatedAt":"2026-06-20T10:00:00Z",
                  "degreesOfEquivalence":[{"institute":"PTB","d":-0.15},{"institute":"NPL","d":0.15}],
                  "pairwiseDegreesOfEquivalence":[{"institute":"PTB","other":"NPL","d":-0.3,
                    "expandedUncertainty":0.283}]}]"""));
        String page = page(pilot(), "/coordination/EURAMET.EM-K9");
        assertThat(page).containsSubsequence("<th scope=\"row\">PTB</th>", "<span class=\"d\">-0.3</span>",
                "± 0.283", "(1.06)", "not equivalent", "<th scope=\"row\">NPL</th>",
                "<span class=\"d\">0.3</span>", "± 0.283", "(1.06)", "not equivalent");
        assertThat(page).contains("Of 1 pairs, 1 not equivalent (|dᵢⱼ| exceeds U(dᵢⱼ)): PTB – NPL.");
        assertThat(page).containsSubsequence("<h2>History</h2>",
                "Feb 1, 2026, 10:00 AM UTC", "Registered", "coordinator.ptb",
                "Feb 10, 2026, 10:00 AM UTC", "Status PLANNED → MEASUREMENTS",
                "Mar 2, 2026, 10:00 AM UTC", "Result of PTB reported", "coordinator.ptb",
                "May 1, 2026, 10:00 AM UTC", "Status MEASUREMENTS → DRAFT_A",
                "Jun 15, 2026, 10:00 AM UTC", "Result of NPL corrected: transcription error", "coordinator.npl",
                "Jun 20, 2026, 10:00 AM UTC", "Evaluation 1 (WEIGHTED_MEAN)",
                "Jul 1, 2026, 10:00 AM UTC", "Status DRAFT_A → DRAFT_B");
    }

    @Test
    void whatTheApiWithholdsFromACoordinatorIsNotOnThePage() {
        // A coordinator of another institute: the comparison service answers 404 for the draft results and
        // evaluations (its own authorization); the page shows the comparison and its dated steps, nothing else.
        ANSWERS.put("GET /api/comparisons/EURAMET.EM-K9", new Answer(200, DRAFT_B));
        ANSWERS.put("GET /api/comparisons/EURAMET.EM-K9/results", new Answer(404,
                "{\"title\":\"Not Found\",\"detail\":\"Comparison EURAMET.EM-K9 not found\"}"));
        ANSWERS.put("GET /api/comparisons/EURAMET.EM-K9/evaluations", new Answer(404,
                "{\"title\":\"Not Found\",\"detail\":\"Comparison EURAMET.EM-K9 not found\"}"));
        String page = page(pilot(), "/coordination/EURAMET.EM-K9");
        assertThat(page).contains("Status DRAFT_A → DRAFT_B")
                .doesNotContain("class=\"matrix\"", "Pairwise degrees of equivalence", "Result of", "Evaluation 1",
                        "Key comparison reference value");
    }

    @Test
    void theMatrixAndHistorySpeakFrenchWithoutAMissingText() {
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K1", new Answer(200, PUBLISHED));
        assertThat(page(http, "/comparisons/CCEM-K1?lang=fr")).contains("Degrés d’équivalence bilatéraux",
                "Sur 3 paires, 2 non équivalente(s)", "non équivalent", "Historique", "Publiée dans la KCDB")
                .doesNotContain("??");
        ANSWERS.put("GET /api/kcdb/comparisons?", new Answer(200, "[" + PUBLISHED + "]"));
        assertThat(page(http, "/comparisons?lang=fr")).contains("Domaine de métrologie").doesNotContain("??");
    }
}
