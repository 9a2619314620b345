package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The portal's pages against a stand-in gateway that answers as the platform's API does (canned JSON per path), so
 * what the pages make of answers, refusals and silence is checked without the platform. Signing in is mocked; the
 * real login through Keycloak is the browser tests' part (e2e).
 */
class PortalPagesTest extends PortalPageTest {

    @BeforeEach
    void setUp() {
        GATEWAY.headers.put("ETag", "\"3\"");
        ANSWERS.put("GET /api/reference-data/metrology-areas", new Answer(200,
                "{\"content\":[{\"label\":\"EM\",\"value\":\"Electricity and Magnetism\",\"domainCode\":\"PHYSICS\"}]}"));
        ANSWERS.put("GET /api/reference-data/branches", new Answer(200,
                "{\"content\":[{\"label\":\"EM/DC\",\"value\":\"DC voltage, current and resistance\"}]}"));
        ANSWERS.put("GET /api/reference-data/services", new Answer(200,
                "{\"content\":[{\"label\":\"1\",\"value\":\"DC voltage\",\"physicsCode\":\"1\"}]}"));
        ANSWERS.put("GET /api/reference-data/sub-services", new Answer(200,
                "{\"content\":[{\"label\":\"1\",\"value\":\"DC voltage sources\",\"physicsCode\":\"1.1\"},"
                        + "{\"label\":\"1\",\"value\":\"Other service's\",\"physicsCode\":\"2.1\"}]}"));
        ANSWERS.put("GET /api/reference-data/individual-services", new Answer(200,
                "{\"content\":[{\"label\":\"1\",\"value\":\"Standard cell\",\"physicsCode\":\"1.1.1\"}]}"));
    }

    @Test
    void anyoneSearchesThePublicKcdbWithoutSigningIn() {
        ANSWERS.put("POST /api/kcdb/cmc/searchData/quickSearch", new Answer(200, """
                {"versionApiKcdb":"1.0.13","pageNumber":0,"pageSize":20,"numberOfElements":1,"totalElements":21,
                 "totalPages":2,"data":[{"kcdbCode":"EURAMET-EM-DE-0000001A-1","status":"Published","nmiCode":"PTB",
                 "countryValue":"Germany","quantityValue":"DC voltage","instrument":"Zener"}],
                 "filtersList":[{"code":"cmcDomain","name":"Domain","count":1,"children":[
                   {"code":"cmcDomain.PHYSICS","name":"PHYSICS","count":1}]}]}"""));
        String page = http.get().uri("/search?keywords=Josephson&filter=cmcDomain.PHYSICS").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("EURAMET-EM-DE-0000001A-1", "href=\"/kcdb/EURAMET-EM-DE-0000001A-1\"",
                "<label for=\"keywords\"", "<th scope=\"col\">Instrument or artefact</th>", "<td>PTB (Germany)</td>",
                "<td>Zener</td>", "Page 1 of 2",
                "href=\"/search?keywords=Josephson&amp;filter=cmcDomain.PHYSICS&amp;page=1\"");
        assertThat(RECEIVED.get("POST /api/kcdb/cmc/searchData/quickSearch"))
                .contains("\"keywords\":\"Josephson\"", "\"includedFilters\":[\"cmcDomain.PHYSICS\"]");
    }

    @Test
    void theLanguageSwitchesToFrenchAndIsKept() {
        ANSWERS.put("POST /api/kcdb/cmc/searchData/quickSearch", new Answer(200,
                "{\"totalElements\":0,\"totalPages\":0,\"data\":[]}"));
        http.get().uri("/?lang=fr").exchange().expectStatus().isOk()
                .expectCookie().valueEquals("kcdb_lang", "fr")
                .expectBody(String.class).value(page -> assertThat(page).contains("Chercher dans la KCDB",
                        "lang=\"fr\""));
        http.get().uri("/").cookie("kcdb_lang", "fr").exchange().expectBody(String.class)
                .value(page -> assertThat(page).contains("Chercher dans la KCDB"));
    }

    @Test
    void aServiceThatDoesNotAnswerGivesANoticeNotAStackTrace() {
        ANSWERS.put("POST /api/kcdb/cmc/searchData/quickSearch", new Answer(503, ""));
        http.get().uri("/search").exchange().expectStatus().isEqualTo(503).expectBody(String.class)
                .value(page -> assertThat(page).contains("Service unavailable").doesNotContain("Exception"));
    }

    @Test
    void theWritersPagesNeedALogin() {
        http.get().uri("/cmcs").exchange().expectStatus().isFound()
                .expectHeader().valueEquals("Location", "/oauth2/authorization/keycloak");
    }

    @Test
    void theFormOffersTheClassificationStepByStepAndCarriesACsrfToken() {
        String page = writer().get().uri("/cmcs/new").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("name=\"_csrf\"", "<label for=\"metrologyAreaLabel\"", "Electricity and Magnetism")
                .doesNotContain("DC voltage sources");
        String next = writer().get().uri("/cmcs/classification?metrologyAreaLabel=EM&branchLabel=EM/DC&serviceLabel=1")
                .header("HX-Request", "true").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(next).contains("DC voltage sources").doesNotContain("Other service's", "<html");
    }

    @Test
    void aFieldErrorTheApiReturnsIsShownNextToItsField() {
        ANSWERS.put("POST /api/cmcs", new Answer(422, """
                {"type":"about:blank","title":"Unprocessable","status":422,"detail":"The CMC has faults.",
                 "errors":[{"field":"cmc.unit","message":"'Vx' is not a unit this service reads"}]}"""));
        String page = writer().mutateWith(csrf()).post().uri("/cmcs").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("domainCode=PHYSICS&quantityValue=DC+voltage&cmc.lowerLimit=1&cmc.upperLimit=10&cmc.unit=Vx")
                .exchange().expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("The CMC has faults.", "id=\"cmc-unit-error\"",
                "&#39;Vx&#39; is not a unit this service reads", "aria-describedby=\"cmc-unit-error\"",
                "value=\"Vx\"");
        assertThat(RECEIVED.get("POST /api/cmcs"))
                .contains("\"cmc\":{\"lowerLimit\":1.0,\"upperLimit\":10.0,\"unit\":\"Vx\"}");
    }

    @Test
    void aSavedDraftRedirectsToItsPageSoThatAReloadDoesNotSaveTwice() {
        ANSWERS.put("POST /api/cmcs", new Answer(201, "{\"id\":\"c-1\",\"status\":\"DRAFT\"}"));
        writer().mutateWith(csrf()).post().uri("/cmcs").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("domainCode=PHYSICS&quantityValue=DC+voltage").exchange()
                .expectStatus().isSeeOther().expectHeader().valueEquals("Location", "/cmcs/c-1?done=saved");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        writer().post().uri("/cmcs").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("domainCode=PHYSICS").exchange().expectStatus().isForbidden();
        assertThat(RECEIVED).doesNotContainKey("POST /api/cmcs");
    }

    @Test
    void aCmcPageShowsTheActionsItsStatusAllowsAndItsHistory() {
        ANSWERS.put("GET /api/cmcs/c-1/history", new Answer(200,
                "[{\"at\":\"2026-12-02T06:00:00Z\",\"by\":\"writer.ptb\",\"action\":\"EDITED\",\"changes\":[{\"field\":\"cmc\","
                        + "\"oldValue\":\"Range[lowerLimit=1.0, upperLimit=10.0, unit=V]\",\"newValue\":\"Range[lowerLimit=1.0, "
                        + "upperLimit=10.0, unit=mV]\"}]},"
                        + "{\"at\":\"2026-12-03T06:00:00Z\",\"by\":\"writer.ptb\",\"action\":\"SUBMITTED\",\"toStatus\":\"SUBMITTED\"}]"));
        ANSWERS.put("GET /api/cmcs/c-1", new Answer(200,
                "{\"id\":\"c-1\",\"status\":\"SUBMITTED\",\"quantityValue\":\"DC voltage\",\"institute\":\"PTB\"}"));
        String page = writer().get().uri("/cmcs/c-1?done=submitted").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("The CMC is submitted for review.", "id=\"withdraw-cmc\"", "writer.ptb",
                        "<del>1 – 10 V</del> → <ins>1 – 10 mV</ins>")
                .doesNotContain("id=\"submit-cmc\"", "Range[");
    }

    static final String OUR_CMCS = """
            {"totalElements":3,"content":[
             {"id":"c-1","status":"DRAFT","quantityValue":"DC voltage"},
             {"id":"c-2","status":"RETURNED","quantityValue":"DC current"},
             {"id":"c-3","status":"SUBMITTED","quantityValue":"Resistance"}]}""";

    @Test
    void theWriterChecksDraftsAndReturnedCmcsToSubmitThemTogether() {
        ANSWERS.put("GET /api/cmcs?", new Answer(200, OUR_CMCS));
        String page = writer().get().uri("/cmcs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("name=\"ids\" value=\"c-1\" id=\"select-c-1\"", "<label class=\"visually-hidden\" for=\"select-c-1\"",
                        "Select DC voltage (c-1) for submission", "id=\"select-c-2\"", "id=\"bulk-submit\"",
                        "action=\"/cmcs/bulk-submit\"")
                .doesNotContain("id=\"select-c-3\"");
        ANSWERS.put("GET /api/cmcs?", new Answer(200,
                "{\"totalElements\":1,\"content\":[{\"id\":\"c-3\",\"status\":\"SUBMITTED\"}]}"));
        assertThat(writer().get().uri("/cmcs").exchange().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain("id=\"bulk-submit\"", "name=\"ids\"");
    }

    @Test
    void aBulkSubmissionPostsTheCheckedIdsAndShowsEachCmcsResultAfterTheRedirect() {
        ANSWERS.put("GET /api/cmcs?", new Answer(200, OUR_CMCS));
        ANSWERS.put("POST /api/cmcs/bulk-submit", new Answer(200, """
                {"results":[{"id":"c-1","status":"SUBMITTED"},
                 {"id":"c-2","problem":{"type":"about:blank","title":"Unprocessable","status":422,
                  "detail":"The CMC is incomplete for its domain.","instance":"/api/cmcs/c-2/submit",
                  "errors":[{"field":"cmc.unit","message":"required"}]}}]}"""));
        org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> posted = writer()
                .mutateWith(csrf()).post().uri("/cmcs/bulk-submit")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("ids=c-1&ids=c-2")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/cmcs")
                .expectBody().returnResult();
        assertThat(RECEIVED.get("POST /api/cmcs/bulk-submit")).isEqualTo("{\"ids\":[\"c-1\",\"c-2\"]}");
        // The results wait in the session (nothing about them in the redirect's URL) and are shown once.
        String cookie = "KCDB_PORTAL_SESSION";
        String session = posted.getResponseCookies().getFirst(cookie).getValue();
        assertThat(posted.getResponseHeaders().getLocation()).hasToString("/cmcs");
        String page = writer().get().uri("/cmcs").cookie(cookie, session).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"bulk-results\"", "id=\"bulk-c-1\"", "accepted, now Submitted",
                "id=\"bulk-c-2\"", "refused: The CMC is incomplete for its domain.");
        assertThat(writer().get().uri("/cmcs").cookie(cookie, session).exchange().expectBody(String.class)
                .returnResult().getResponseBody()).doesNotContain("id=\"bulk-results\"");
    }

    WebTestClient chair(String rmo) {
        return signedIn("chair", "ROLE_tc-chair", "RMO_" + rmo);
    }

    @Test
    void aChairSeesTheDecisionFormOnlyForItsOwnRmosCaseInIntraRmoReview() {
        ANSWERS.put("GET /api/reviews/r-1", new Answer(200, """
                {"id":"r-1","cmcId":"c-1","stage":"INTRA_RMO_REVIEW","institute":"PTB","rmo":"EURAMET","area":"EM",
                 "cmc":{"quantityValue":"DC voltage"},"comments":[{"id":"k1","author":"reviewer.lne",
                 "text":"Which Josephson array?","at":"2026-12-03T06:00:00Z"}],"history":[]}"""));
        String own = chair("EURAMET").get().uri("/reviews/r-1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(own).contains("id=\"decide\"", "Which Josephson array?", "id=\"add-comment\"")
                .doesNotContain("name=\"willReview\"");
        String other = chair("SIM").get().uri("/reviews/r-1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(other).doesNotContain("id=\"decide\"", "name=\"willReview\"");
    }

    @Test
    void aRefusedDecisionShowsTheProblemOnTheCasePage() {
        ANSWERS.put("GET /api/reviews/r-1", new Answer(200,
                "{\"id\":\"r-1\",\"stage\":\"INTRA_RMO_REVIEW\",\"rmo\":\"EURAMET\",\"comments\":[],\"history\":[]}"));
        ANSWERS.put("POST /api/reviews/r-1/decision", new Answer(409,
                "{\"title\":\"Conflict\",\"detail\":\"The case is in stage INTER_RMO_REVIEW.\"}"));
        chair("EURAMET").mutateWith(csrf()).post().uri("/reviews/r-1/decision")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("decision=APPROVE&comment=ok")
                .exchange().expectStatus().isEqualTo(409).expectBody(String.class)
                .value(page -> assertThat(page).contains("The case is in stage INTER_RMO_REVIEW."));
        assertThat(RECEIVED.get("POST /api/reviews/r-1/decision"))
                .isEqualTo("{\"decision\":\"APPROVE\",\"comment\":\"ok\"}");
    }

    @Test
    void aWithdrawalReachesTheApiWithItsReason() {
        ANSWERS.put("POST /api/cmcs/c-1/withdraw", new Answer(200, "{\"id\":\"c-1\",\"status\":\"WITHDRAWN\"}"));
        writer().mutateWith(csrf()).post().uri("/cmcs/c-1/withdraw")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=Superseded+by+a+new+method")
                .exchange().expectStatus().is3xxRedirection();
        assertThat(RECEIVED.get("POST /api/cmcs/c-1/withdraw")).isEqualTo("{\"reason\":\"Superseded by a new method\"}");
    }

    @Test
    void theCasePagesFormsReachTheApiWithWhatWasTyped() {
        ANSWERS.put("POST /api/reviews/r-1/comments", new Answer(200, INTRA_CASE));
        ANSWERS.put("POST /api/reviews/r-1/rmo-intents", new Answer(200, INTRA_CASE));
        chair("EURAMET").mutateWith(csrf()).post().uri("/reviews/r-1/comments")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("text=Please+cite+CCEM-K1&inReplyTo=k1")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-1?done=commented");
        assertThat(RECEIVED.get("POST /api/reviews/r-1/comments"))
                .isEqualTo("{\"text\":\"Please cite CCEM-K1\",\"inReplyTo\":\"k1\"}");
        chair("SIM").mutateWith(csrf()).post().uri("/reviews/r-1/rmo-intents")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("willReview=true")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-1?done=declared");
        assertThat(RECEIVED.get("POST /api/reviews/r-1/rmo-intents")).isEqualTo("{\"willReview\":true}");
    }

    static final String INTRA_CASE = """
            {"id":"r-1","cmcId":"c-1","stage":"INTRA_RMO_REVIEW","institute":"PTB","rmo":"EURAMET","area":"EM",
             "assignments":[{"reviewer":"reviewer.npl","institute":"NPL","rmo":"EURAMET","assignedBy":"chair",
             "at":"2026-12-03T06:00:00Z"}],"comments":[],"history":[]}""";

    @Test
    void theAssigningChairChoosesAReviewerFromTheDirectoryAndSeesTheAssignedOnes() {
        ANSWERS.put("GET /api/reviews/r-1", new Answer(200, INTRA_CASE));
        ANSWERS.put("GET /api/directory/reviewers", new Answer(200, """
                [{"username":"reviewer.lne","name":"Léa Martin","institute":"LNE","country":"FR","rmo":"EURAMET",
                  "areas":["EM"]},{"username":"reviewer.inrim","name":"Marco Rossi","institute":"INRIM",
                  "country":"IT","rmo":"EURAMET","areas":["EM","T"]}]"""));
        String page = chair("EURAMET").get().uri("/reviews/r-1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(RECEIVED).containsKey("GET /api/directory/reviewers?rmo=EURAMET&area=EM");
        assertThat(page).contains("<label for=\"reviewer\"", "<select id=\"reviewer\" name=\"reviewer\"",
                        "value=\"reviewer.lne\"", "Léa Martin", "value=\"reviewer.inrim\"", "id=\"assign-reviewer\"",
                        "action=\"/reviews/r-1/reviewers\"", "reviewer.npl")
                .doesNotContain("type=\"text\" name=\"reviewer\"");
        RECEIVED.clear();
        String other = chair("SIM").get().uri("/reviews/r-1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(other).doesNotContain("id=\"assign-reviewer\"").contains("reviewer.npl");
        assertThat(RECEIVED.keySet()).noneMatch(k -> k.contains("/api/directory"));
    }

    @Test
    void aReviewingRmosChairAssignsItsOwnReviewersDuringInterRmoReviewUntilItHasDecided() {
        ANSWERS.put("GET /api/directory/reviewers", new Answer(200,
                "[{\"username\":\"reviewer.nist\",\"name\":\"Ann Lee\",\"institute\":\"NIST\",\"rmo\":\"SIM\"}]"));
        String inter = """
                {"id":"r-2","stage":"INTER_RMO_REVIEW","institute":"PTB","rmo":"EURAMET","area":"M",
                 "interRmoReview":{"round":1,"reviewingRmos":["SIM"]},"decisions":%s,"comments":[],"history":[]}""";
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, inter.formatted("[]")));
        assertThat(chair("SIM").get().uri("/reviews/r-2").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("value=\"reviewer.nist\"");
        assertThat(RECEIVED).containsKey("GET /api/directory/reviewers?rmo=SIM&area=M");
        assertThat(chair("APMP").get().uri("/reviews/r-2").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).doesNotContain("id=\"assign-reviewer\"");
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, inter.formatted(
                "[{\"tier\":\"INTER_RMO\",\"round\":1,\"rmo\":\"SIM\",\"decision\":\"APPROVE\"}]")));
        assertThat(chair("SIM").get().uri("/reviews/r-2").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).doesNotContain("id=\"assign-reviewer\"");
    }

    @Test
    void anAssignmentPostsExactlyTheReviewerAndRedirectsToTheCase() {
        ANSWERS.put("POST /api/reviews/r-1/reviewers", new Answer(200, INTRA_CASE));
        chair("EURAMET").mutateWith(csrf()).post().uri("/reviews/r-1/reviewers")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reviewer=reviewer.lne")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-1?done=assigned");
        assertThat(RECEIVED.get("POST /api/reviews/r-1/reviewers")).isEqualTo("{\"reviewer\":\"reviewer.lne\"}");
    }

    @Test
    void aRefusedAssignmentIsShownNextToTheList() {
        ANSWERS.put("GET /api/reviews/r-1", new Answer(200, INTRA_CASE));
        ANSWERS.put("GET /api/directory/reviewers", new Answer(200,
                "[{\"username\":\"reviewer.ptb\",\"name\":\"Jan Weber\",\"institute\":\"PTB\"}]"));
        ANSWERS.put("POST /api/reviews/r-1/reviewers", new Answer(422, """
                {"title":"Unprocessable","detail":"The review rules refuse this reviewer.",
                 "errors":[{"field":"reviewer","message":"reviewer.ptb is of the submitting institute"}]}"""));
        String page = chair("EURAMET").mutateWith(csrf()).post().uri("/reviews/r-1/reviewers")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reviewer=reviewer.ptb")
                .exchange().expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"reviewer-error\"", "reviewer.ptb is of the submitting institute",
                "aria-invalid=\"true\"", "aria-describedby=\"reviewer-error\"");
        assertThat(page.indexOf("reviewer.ptb is of the submitting institute"))
                .isLessThan(page.indexOf("<select id=\"reviewer\""));
        ANSWERS.put("POST /api/reviews/r-1/reviewers", new Answer(403,
                "{\"title\":\"Forbidden\",\"detail\":\"Not your RMO's case.\"}"));
        chair("EURAMET").mutateWith(csrf()).post().uri("/reviews/r-1/reviewers")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reviewer=reviewer.ptb")
                .exchange().expectStatus().isForbidden().expectBody(String.class)
                .value(p -> assertThat(p).contains("id=\"reviewer-error\"", "Not your RMO&#39;s case."));
    }

    @Test
    void theJcrbDashboardShowsCasesPerStageAndTheNearestDeadlineFirst() {
        ANSWERS.put("GET /api/reviews/dashboard", new Answer(200, """
                {"byStage":{"INTRA_RMO_REVIEW":2,"INTER_RMO_REVIEW":2,"APPROVED":0},"open":4,
                 "ageDays":{"p50":1.5,"p90":9.0},"overdue":1}"""));
        // the review API sorts by deadline (sort=deadline); the page keeps the API's order
        String asked = "GET /api/reviews?stage=INTER_RMO_REVIEW&sort=deadline&page=0&size=25";
        ANSWERS.put(asked, new Answer(200, """
                {"page":0,"size":25,"totalElements":2,"content":[
                 {"id":"soon","institute":"PTB","area":"EM","deadline":"2026-12-05T00:00:00Z"},
                 {"id":"late","institute":"NPL","area":"M","deadline":"2026-12-20T00:00:00Z"}]}"""));
        String page = signedIn("jcrb.secretary", "ROLE_jcrb-secretary")
                .get().uri("/dashboard").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(RECEIVED).containsKey(asked);
        assertThat(page).contains("Review dashboard", "width:100%", "median 1.5, 90th percentile 9<");
        assertThat(page.indexOf("/reviews/soon")).isPositive().isLessThan(page.indexOf("/reviews/late"));
    }

    static final String PUBLISHED = """
            {"kcdbCode":"EURAMET-EM-DE-0000001A-1","status":"%s","nmiCode":"PTB","countryValue":"Germany",
             "rmo":"EURAMET","quantityValue":"DC voltage","publicationDate":"2026-12-01"}""";

    @Test
    void theOfficeSeesTheGreyOutFormOnAPublishedCmcAndOthersDoNot() {
        ANSWERS.put("GET /api/kcdb/cmc/EURAMET-EM-DE-0000001A-1", new Answer(200, PUBLISHED.formatted("Published")));
        String page = office().get().uri("/kcdb/EURAMET-EM-DE-0000001A-1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"grey-out\"", "action=\"/office/cmc/EURAMET-EM-DE-0000001A-1/grey-out\"",
                        "<label for=\"grey-out-reason\"", "id=\"delete\"", "<label for=\"delete-confirm\"",
                        "name=\"_csrf\"")
                .doesNotContain("id=\"restore\"");
        assertThat(writer().get().uri("/kcdb/EURAMET-EM-DE-0000001A-1").exchange().expectBody(String.class)
                .returnResult().getResponseBody()).doesNotContain("id=\"grey-out\"", "id=\"delete\"");
        assertThat(http.get().uri("/kcdb/EURAMET-EM-DE-0000001A-1").exchange().expectBody(String.class)
                .returnResult().getResponseBody()).doesNotContain("id=\"grey-out\"", "id=\"office-actions\"");
        ANSWERS.put("GET /api/kcdb/cmc/EURAMET-EM-DE-0000001A-1", new Answer(200, PUBLISHED.formatted("Greyed out")));
        assertThat(office().get().uri("/kcdb/EURAMET-EM-DE-0000001A-1").exchange().expectBody(String.class)
                .returnResult().getResponseBody()).contains("id=\"restore\"", "id=\"delete\"")
                .doesNotContain("id=\"grey-out\"");
        ANSWERS.put("GET /api/kcdb/cmc/EURAMET-EM-DE-0000001A-1", new Answer(200, PUBLISHED.formatted("Archived")));
        assertThat(office().get().uri("/kcdb/EURAMET-EM-DE-0000001A-1").exchange().expectBody(String.class)
                .returnResult().getResponseBody()).doesNotContain("id=\"office-actions\"");
    }

    @Test
    void aGreyOutReachesTheApiWithTheReasonTypedAndRedirectsToTheCmc() {
        ANSWERS.put("POST /api/kcdb/office/cmc/EURAMET-EM-DE-0000001A-1/grey-out", new Answer(200,
                PUBLISHED.formatted("Greyed out")));
        office().mutateWith(csrf()).post().uri("/office/cmc/EURAMET-EM-DE-0000001A-1/grey-out")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=Under+review+%26+%C3%A9tude")
                .exchange().expectStatus().isSeeOther()
                .expectHeader().location("/kcdb/EURAMET-EM-DE-0000001A-1?done=greyedOut");
        assertThat(RECEIVED.get("POST /api/kcdb/office/cmc/EURAMET-EM-DE-0000001A-1/grey-out"))
                .isEqualTo("{\"reason\":\"Under review & étude\"}");
        ANSWERS.put("GET /api/kcdb/cmc/EURAMET-EM-DE-0000001A-1", new Answer(200, PUBLISHED.formatted("Greyed out")));
        assertThat(office().get().uri("/kcdb/EURAMET-EM-DE-0000001A-1?done=greyedOut").exchange()
                .expectBody(String.class).returnResult().getResponseBody()).contains("The CMC is greyed out.");
    }

    @Test
    void aDeletionIsSentOnlyWhenConfirmed() {
        ANSWERS.put("POST /api/kcdb/office/cmc/EURAMET-EM-DE-0000001A-1/delete", new Answer(200,
                PUBLISHED.formatted("Deleted")));
        office().mutateWith(csrf()).post().uri("/office/cmc/EURAMET-EM-DE-0000001A-1/delete")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=Duplicate")
                .exchange().expectStatus().isSeeOther()
                .expectHeader().location("/kcdb/EURAMET-EM-DE-0000001A-1?done=deleteNotConfirmed");
        assertThat(RECEIVED).doesNotContainKey("POST /api/kcdb/office/cmc/EURAMET-EM-DE-0000001A-1/delete");
        office().mutateWith(csrf()).post().uri("/office/cmc/EURAMET-EM-DE-0000001A-1/delete")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=Duplicate&confirm=yes")
                .exchange().expectStatus().isSeeOther()
                .expectHeader().location("/kcdb/EURAMET-EM-DE-0000001A-1?done=deleted");
        assertThat(RECEIVED.get("POST /api/kcdb/office/cmc/EURAMET-EM-DE-0000001A-1/delete"))
                .isEqualTo("{\"reason\":\"Duplicate\"}");
    }

    @Test
    void aStatusChangeTheApiRefusesIsShownOnTheCmcsPage() {
        ANSWERS.put("GET /api/kcdb/cmc/EURAMET-EM-DE-0000001A-1", new Answer(200, PUBLISHED.formatted("Published")));
        ANSWERS.put("POST /api/kcdb/office/cmc/EURAMET-EM-DE-0000001A-1/restore", new Answer(409,
                "{\"title\":\"Conflict\",\"detail\":\"Only a greyed-out CMC is restored.\",\"currentState\":\"Published\"}"));
        String page = office().mutateWith(csrf()).post().uri("/office/cmc/EURAMET-EM-DE-0000001A-1/restore")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=x")
                .exchange().expectStatus().isEqualTo(409).expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("role=\"alert\"", "Only a greyed-out CMC is restored.", "EURAMET-EM-DE-0000001A-1",
                "id=\"grey-out\"");
    }

    static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> upload(String json,
                                                                                                        String csrf) {
        org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
        parts.part("file", new org.springframework.core.io.ByteArrayResource(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "kcdb-export.json";
            }
        }).contentType(MediaType.APPLICATION_JSON);
        if (csrf != null) {
            parts.part("_csrf", csrf);
        }
        return parts.build();
    }

    static final String EXPORT = "{\"data\":[{\"id\":7,\"kcdbCode\":\"EURAMET-EM-DE-0000007A-1\"}]}";

    @Test
    void theOfficeUploadsAMigrationFileThatReachesTheApiAsItIsAndSeesTheReport() {
        String office = office().get().uri("/office").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(office).contains("href=\"/office\"", "enctype=\"multipart/form-data\"",
                "<label for=\"import-file\"", "name=\"file\" type=\"file\"").doesNotContain("id=\"import-result\"");
        assertThat(writer().get().uri("/search").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).doesNotContain("href=\"/office\"");
        ANSWERS.put("POST /api/kcdb/imports", new Answer(200, """
                {"received":3,"imported":1,"updated":1,"unchanged":0,"rejectedCount":1,
                 "rejected":[{"index":2,"kcdbCode":"SIM-M-US-0000009-1","errors":["registered on the platform"]}]}"""));
        org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> posted = office().mutateWith(csrf())
                .post().uri("/office/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(upload(EXPORT, null)).exchange()
                .expectStatus().isSeeOther().expectHeader().location("/office").expectBody().returnResult();
        assertThat(RECEIVED.get("POST /api/kcdb/imports")).isEqualTo(EXPORT);
        String session = posted.getResponseCookies().getFirst("KCDB_PORTAL_SESSION").getValue();
        String page = office().get().uri("/office").cookie("KCDB_PORTAL_SESSION", session).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Imported from kcdb-export.json", "id=\"count-received\">3<",
                "id=\"count-imported\">1<", "id=\"count-rejectedCount\">1<", "SIM-M-US-0000009-1",
                "registered on the platform", "<th scope=\"col\"");
    }

    @Test
    void aMigrationTheApiRefusesShowsTheRejectedRecordsWithTheirErrors() {
        ANSWERS.put("POST /api/kcdb/imports", new Answer(422, """
                {"type":"invalid-records","title":"Unprocessable","status":422,
                 "detail":"2 records are malformed; nothing was imported.","received":3,"rejectedCount":2,
                 "rejected":[{"index":0,"kcdbCode":"EURAMET-EM-DE-0000007A-1","errors":[{"field":"status",
                   "message":"required"}]},{"index":2,"kcdbCode":null,"errors":[{"field":"kcdbCode","message":"required"},
                   {"field":"publicationDate","message":"not a date"}]}],
                 "errors":[{"field":"data[0].status","message":"required"}]}"""));
        org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> posted = office().mutateWith(csrf())
                .post().uri("/office/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(upload(EXPORT, null)).exchange()
                .expectStatus().isSeeOther().expectBody().returnResult();
        String session = posted.getResponseCookies().getFirst("KCDB_PORTAL_SESSION").getValue();
        String page = office().get().uri("/office").cookie("KCDB_PORTAL_SESSION", session).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("role=\"alert\"", "Nothing imported from kcdb-export.json",
                "2 records are malformed; nothing was imported.", "id=\"rejected\"", "EURAMET-EM-DE-0000007A-1",
                "status: required", "kcdbCode: required", "publicationDate: not a date");
        // Shown once.
        assertThat(office().get().uri("/office").cookie("KCDB_PORTAL_SESSION", session).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain("id=\"rejected\"");
    }

    @Test
    void theUploadFormsCsrfTokenIsReadFromTheMultipartBody() {
        ANSWERS.put("POST /api/kcdb/imports", new Answer(200, "{\"received\":1,\"imported\":1}"));
        office().post().uri("/office/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(upload(EXPORT, null)).exchange().expectStatus().isForbidden();
        assertThat(RECEIVED).doesNotContainKey("POST /api/kcdb/imports");
        org.springframework.test.web.reactive.server.EntityExchangeResult<String> form = office().get().uri("/office")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(form.getResponseBody());
        assertThat(token.find()).isTrue();
        String session = form.getResponseCookies().getFirst("KCDB_PORTAL_SESSION").getValue();
        office().post().uri("/office/imports").cookie("KCDB_PORTAL_SESSION", session)
                .contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(upload(EXPORT, token.group(1))).exchange()
                .expectStatus().isSeeOther();
        assertThat(RECEIVED.get("POST /api/kcdb/imports")).isEqualTo(EXPORT);
    }

    /** Prometheus scrapes the portal without signing in, and its request meters count the pages served. */
    @Test
    void prometheusScrapesThePortalsMetersWithoutSigningIn() {
        ANSWERS.put("POST /api/kcdb/cmc/searchData/quickSearch", new Answer(200,
                "{\"totalElements\":0,\"totalPages\":0,\"data\":[]}"));
        http.get().uri("/search").exchange().expectStatus().isOk();
        String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes").containsPattern(
                "http_server_requests_seconds_count\\{[^}]*uri=\"/search\"[^}]*} [1-9]");
    }
}
