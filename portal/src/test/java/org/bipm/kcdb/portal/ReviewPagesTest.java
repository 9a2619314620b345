package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The review workbench's pages (the inbox and its bulk actions, a case with its evidence, threads, intents, decisions
 * and deadlines, the JCRB's chart of ages) against a stand-in gateway, as {@link PortalPagesTest} does for the writer's:
 * what each role sees, and exactly what each form sends to the review API.
 */
class ReviewPagesTest extends PortalPageTest {

    WebTestClient user(String name, String role, String rmo) {
        return rmo == null ? signedIn(name, "ROLE_" + role) : signedIn(name, "ROLE_" + role, "RMO_" + rmo);
    }

    WebTestClient chair(String rmo) {
        return user("chair." + rmo.toLowerCase(), "tc-chair", rmo);
    }

    static final String INBOX = """
            {"page":0,"size":25,"totalElements":2,"content":[{"id":"late","cmcId":"c-9","stage":"INTER_RMO_REVIEW","institute":"NPL","rmo":"EURAMET","area":"M",
              "deadline":"2026-11-30T00:00:00Z","inStageSince":"2026-10-01T00:00:00Z","overdue":true},
             {"id":"r-1","cmcId":"c-1","stage":"INTRA_RMO_REVIEW","institute":"PTB","rmo":"EURAMET","area":"EM",
              "inStageSince":"2026-11-01T00:00:00Z","overdue":false}]}""";

    @Test
    void theInboxOffersWhatWaitsForMeMyRmosAndMyAreasWithTheOverdueMarked() {
        ANSWERS.put("GET /api/reviews", new Answer(200, INBOX));
        String mine = page(chair("EURAMET"), "/reviews");
        assertThat(RECEIVED).containsKey("GET /api/reviews?assignedTo=me&page=0&size=25");
        assertThat(mine).contains("id=\"view-mine\"", "aria-current=\"page\"", "id=\"view-rmo\"", "id=\"view-areas\"",
                "class=\"overdue\"", "Overdue", "<label class=\"visually-hidden\" for=\"select-late\"",
                "id=\"bulk-approve\"", "id=\"bulk-no-review\"", "id=\"bulk-rmo-approve\"", "name=\"_csrf\"");
        assertThat(mine.indexOf("/reviews/late")).as("as the API ordered: overdue first")
                .isLessThan(mine.indexOf("/reviews/r-1"));
        assertThat(mine).as("dates as people read them, the ISO instant kept for machines")
                .contains("<time datetime=\"2026-11-30T00:00:00Z\">Nov 30, 2026, 12:00 AM UTC</time>")
                .doesNotContain(">2026-11-30T00:00:00Z<");
        assertThat(chair("EURAMET").get().uri("/reviews?lang=fr").cookie("kcdb_tz", "Europe/Paris").exchange()
                .expectBody(String.class).returnResult().getResponseBody())
                .as("in the reader's language and the zone their browser keeps in kcdb_tz")
                .contains("<time datetime=\"2026-11-30T00:00:00Z\">30 nov. 2026 01:00 CET</time>");

        page(chair("EURAMET"), "/reviews?view=areas&stage=INTER_RMO_REVIEW");
        assertThat(RECEIVED).containsKey("GET /api/reviews?stage=INTER_RMO_REVIEW&area=mine&page=0&size=25");
        page(chair("EURAMET"), "/reviews?view=rmo");
        assertThat(RECEIVED).containsKey("GET /api/reviews?rmo=mine&page=0&size=25");

        String reviewer = page(user("reviewer.lne", "tc-reviewer", "EURAMET"), "/reviews?view=all");
        assertThat(RECEIVED).containsKey("GET /api/reviews?page=0&size=25");
        assertThat(reviewer).contains("/reviews/late").doesNotContain("name=\"cases\"", "id=\"bulk-approve\"");
        String secretary = page(user("jcrb.secretary", "jcrb-secretary", null), "/reviews");
        assertThat(secretary).as("the secretary has no RMO to filter by").doesNotContain("id=\"view-rmo\"");
    }

    @Test
    void theInboxAsksTheApiForOnePageOfTwentyFiveAndKeepsTheViewAndStage() {
        // 30 cases as the API orders them (the 3 overdue first), answered a page at a time as the API pages them.
        java.util.function.IntFunction<String> pageOf = number -> java.util.stream.IntStream
                .range(number * 25, Math.min(30, number * 25 + 25))
                .mapToObj(i -> "{\"id\":\"case-%02d\",\"stage\":\"INTER_RMO_REVIEW\",\"institute\":\"PTB\",\"rmo\":\"EURAMET\","
                        .formatted(i) + "\"area\":\"EM\",\"overdue\":" + (i < 3) + "}")
                .collect(java.util.stream.Collectors.joining(",",
                        "{\"page\":" + number + ",\"size\":25,\"totalElements\":30,\"content\":[", "]}"));
        String asked = "GET /api/reviews?stage=INTER_RMO_REVIEW&rmo=mine&page=";
        ANSWERS.put(asked + "0&size=25", new Answer(200, pageOf.apply(0)));
        ANSWERS.put(asked + "1&size=25", new Answer(200, pageOf.apply(1)));
        ANSWERS.put(asked + "99&size=25", new Answer(200, pageOf.apply(99)));
        String first = page(chair("EURAMET"), "/reviews?view=rmo&stage=INTER_RMO_REVIEW");
        assertThat(RECEIVED).as("one page asked of the API, not the whole list")
                .containsKey(asked + "0&size=25").doesNotContainKey(asked + "1&size=25");
        assertThat(first).contains("/reviews/case-00", "/reviews/case-24", "Cases 1–25 of 30, overdue first",
                "Page 1 of 2", "href=\"/reviews?view=rmo&amp;stage=INTER_RMO_REVIEW&amp;page=1\"")
                .doesNotContain("/reviews/case-25", "id=\"inbox-previous\"");
        assertThat(first.split("badge overdue", -1)).as("the overdue cases are on the first page").hasSize(4);

        String second = page(chair("EURAMET"), "/reviews?view=rmo&stage=INTER_RMO_REVIEW&page=1");
        assertThat(second).contains("/reviews/case-25", "/reviews/case-29", "Cases 26–30 of 30", "Page 2 of 2",
                        "href=\"/reviews?view=rmo&amp;stage=INTER_RMO_REVIEW&amp;page=0\"",
                        "<input type=\"hidden\" name=\"stage\" value=\"INTER_RMO_REVIEW\">",
                        "<input type=\"hidden\" name=\"page\" value=\"1\">")
                .doesNotContain("/reviews/case-24\"", "id=\"inbox-next\"", "badge overdue");
        assertThat(page(chair("EURAMET"), "/reviews?view=rmo&stage=INTER_RMO_REVIEW&page=99"))
                .as("past the end: the last page, asked again").contains("/reviews/case-29", "Page 2 of 2");

        ANSWERS.put("POST /api/reviews/bulk-rmo-decisions", new Answer(200, "{\"results\":[]}"));
        chair("SIM").mutateWith(csrf()).post().uri("/reviews/bulk").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("view=rmo&stage=INTER_RMO_REVIEW&page=1&cases=case-25&action=rmo-approve").exchange()
                .expectStatus().isSeeOther().expectHeader().location("/reviews?view=rmo&stage=INTER_RMO_REVIEW&page=1");
    }

    @Test
    void aChairsBulkActionPostsTheCheckedCasesAndShowsEachCasesResultOnce() {
        ANSWERS.put("POST /api/reviews/bulk-rmo-intents", new Answer(200, """
                {"results":[{"id":"late","status":"INTER_RMO_REVIEW"},
                 {"id":"r-1","problem":{"type":"about:blank","title":"Conflict","status":409,
                  "detail":"The case is in intra-RMO review.","instance":"/api/reviews/r-1/rmo-intents"}}]}"""));
        EntityExchangeResult<byte[]> posted = chair("SIM").mutateWith(csrf()).post().uri("/reviews/bulk")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("view=rmo&cases=late&cases=r-1&cases=late&comment=&deadline=&action=no-review")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews?view=rmo")
                .expectBody().returnResult();
        assertThat(RECEIVED.get("POST /api/reviews/bulk-rmo-intents"))
                .isEqualTo("{\"cases\":[\"late\",\"r-1\"],\"willReview\":false}");

        ANSWERS.put("GET /api/reviews", new Answer(200, INBOX));
        String session = posted.getResponseCookies().getFirst("KCDB_PORTAL_SESSION").getValue();
        String page = chair("SIM").get().uri("/reviews?view=rmo").cookie("KCDB_PORTAL_SESSION", session).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"bulk-results\"", "id=\"bulk-late\"", "done, now Inter-RMO review",
                "id=\"bulk-r-1\"", "refused: The case is in intra-RMO review.");
        assertThat(page(chair("SIM"), "/reviews")).doesNotContain("id=\"bulk-results\"");

        ANSWERS.put("POST /api/reviews/bulk-decision", new Answer(200, "{\"results\":[]}"));
        chair("EURAMET").mutateWith(csrf()).post().uri("/reviews/bulk")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("cases=r-1&comment=Fine&qmsStatementRef=EURAMET+TC-Q+2026%2F01&deadline=&action=approve")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews?view=mine");
        assertThat(RECEIVED.get("POST /api/reviews/bulk-decision")).isEqualTo(
                "{\"cases\":[\"r-1\"],\"decision\":\"APPROVE\",\"comment\":\"Fine\","
                        + "\"qmsStatementRef\":\"EURAMET TC-Q 2026/01\"}");
        chair("SIM").mutateWith(csrf()).post().uri("/reviews/bulk")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("cases=late&deadline=2027-01-31&action=will-review").exchange().expectStatus().isSeeOther();
        assertThat(RECEIVED.get("POST /api/reviews/bulk-rmo-intents"))
                .isEqualTo("{\"cases\":[\"late\"],\"willReview\":true,\"deadline\":\"2027-01-31T23:59:59Z\"}");
        ANSWERS.put("POST /api/reviews/bulk-rmo-decisions", new Answer(200, "{\"results\":[]}"));
        chair("SIM").mutateWith(csrf()).post().uri("/reviews/bulk")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("cases=late&comment=&action=rmo-approve").exchange().expectStatus().isSeeOther();
        assertThat(RECEIVED.get("POST /api/reviews/bulk-rmo-decisions"))
                .isEqualTo("{\"cases\":[\"late\"],\"decision\":\"APPROVE\"}");

        RECEIVED.clear();
        EntityExchangeResult<byte[]> nothing = chair("SIM").mutateWith(csrf()).post().uri("/reviews/bulk")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("action=approve")
                .exchange().expectStatus().isSeeOther().expectBody().returnResult();
        assertThat(RECEIVED).as("nothing checked: nothing sent").isEmpty();
        String again = chair("SIM").get().uri("/reviews").cookie("KCDB_PORTAL_SESSION",
                        nothing.getResponseCookies().getFirst("KCDB_PORTAL_SESSION").getValue()).exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(again).contains("Check at least one case and choose an action.");
    }

    static final String INTER_CASE = """
            {"id":"r-2","cmcId":"c-2","stage":"INTER_RMO_REVIEW","institute":"PTB","rmo":"EURAMET","area":"EM",
             "deadline":"2026-12-20T00:00:00Z",
             "cmc":{"quantityValue":"DC voltage","supportingComparisons":["CCEM-K1","CCEM-K2"]},
             "supportingEvidence":[{"comparison":"CCEM-K1","d":3.0E-7,"expandedUncertainty":1.0E-6,"unit":"V",
               "evaluationNumber":2}],
             "interRmoReview":{"round":1,"askedRmos":["SIM","APMP","COOMET","AFRIMETS","GULFMET"],
               "intentWindowClosesAt":"2026-12-10T00:00:00Z","latestReviewDeadline":"2027-01-20T00:00:00Z",
               "reviewingRmos":["APMP"],"undeclaredRmos":["SIM","COOMET"],"overdueRmos":[]},
             "intents":[{"round":1,"rmo":"APMP","willReview":true,"deadline":"2026-12-20T00:00:00Z",
               "declaredBy":"chair.apmp","at":"2026-12-02T00:00:00Z"},
              {"round":1,"rmo":"GULFMET","willReview":false,"declaredBy":"chair.gulfmet","at":"2026-12-02T00:00:00Z"}],
             "decisions":[{"tier":"INTRA_RMO","rmo":"EURAMET","decision":"APPROVE","by":"chair.euramet",
               "comment":"Fine.","at":"2026-12-01T00:00:00Z"}],
             "assignments":[],
             "comments":[{"id":"k1","author":"reviewer.lne","text":"Which Zener?","round":1,"at":"2026-11-20T00:00:00Z"},
              {"id":"k3","author":"chair.euramet","text":"Any news?","round":1,"at":"2026-11-22T00:00:00Z"},
              {"id":"k2","author":"writer.ptb","text":"The Fluke 732B.","inReplyTo":"k1","round":1,
               "at":"2026-11-21T00:00:00Z"}],
             "history":[]}""";

    static final String K1 = """
            {"identifier":"CCEM-K1","status":"PUBLISHED","unit":"V","evaluation":{"unit":"V",
             "degreesOfEquivalence":[{"institute":"PTB","d":3.0E-7,"expandedUncertainty":1.0E-6},
              {"institute":"NPL","d":-7.0E-7,"expandedUncertainty":1.2E-6}]}}""";

    @Test
    void aCaseShowsItsComparisonsDegreesOfEquivalenceItsThreadsAndEveryAnswerAndDeadline() {
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, INTER_CASE));
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K1", new Answer(200, K1));
        String page = page(user("reviewer.lne", "tc-reviewer", "EURAMET"), "/reviews/r-2");
        assertThat(RECEIVED).containsKeys("GET /api/kcdb/comparisons/CCEM-K1", "GET /api/kcdb/comparisons/CCEM-K2");
        assertThat(page).contains("href=\"/comparisons/CCEM-K1\"", "PTB: d = 3.000e-07, U(d) = 1.000e-06 V (evaluation 2)",
                "Published degrees of equivalence of CCEM-K1", "class=\"own\"", "-7.0E-7",
                "id=\"comparison-CCEM-K2\"", "No evaluation of this comparison has reached the review yet.",
                "2027-01-20T00:00:00Z", "SIM, COOMET", "approved (intra-RMO review)",
                "will review, by Dec 20, 2026, 12:00 AM UTC", "will not review");
        // The reply stands inside its parent's thread, before the later top-level comment.
        int question = page.indexOf("id=\"comment-k1\"");
        int reply = page.indexOf("id=\"comment-k2\"");
        int later = page.indexOf("id=\"comment-k3\"");
        assertThat(question).isPositive().isLessThan(reply);
        assertThat(reply).isLessThan(later);
        assertThat(page.substring(question, reply)).contains("<ol class=\"thread\">");
        assertThat(page).contains("<input type=\"hidden\" name=\"inReplyTo\" value=\"k1\">",
                        "<label for=\"reply-k1\">Your reply to reviewer.lne</label>")
                .doesNotContain("id=\"intent-yes\"", "id=\"rmo-decide\"", "id=\"extend-deadline\"");
    }

    @Test
    void aReplyReachesTheApiWithTheCommentItAnswers() {
        ANSWERS.put("POST /api/reviews/r-2/comments", new Answer(200, INTER_CASE));
        user("writer.ptb", "cmc-writer", null).mutateWith(csrf()).post().uri("/reviews/r-2/comments")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("inReplyTo=k1&text=The+Fluke+732B.")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-2?done=commented");
        assertThat(RECEIVED.get("POST /api/reviews/r-2/comments"))
                .isEqualTo("{\"text\":\"The Fluke 732B.\",\"inReplyTo\":\"k1\"}");
    }

    @Test
    void eachChairSeesOnlyTheInterRmoButtonsItsRmosPlaceInTheRoundAllows() {
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, INTER_CASE));
        String sim = page(chair("SIM"), "/reviews/r-2");
        assertThat(sim).contains("id=\"intent-yes\"", "id=\"intent-no\"", "<label for=\"intent-deadline\"")
                .doesNotContain("id=\"rmo-decide\"", "id=\"decide\"");
        String apmp = page(chair("APMP"), "/reviews/r-2");
        assertThat(apmp).contains("id=\"rmo-decide\"", "id=\"rmo-decision-OBJECT\"")
                .doesNotContain("id=\"intent-yes\"");
        assertThat(page(chair("GULFMET"), "/reviews/r-2")).as("declared it will not review")
                .doesNotContain("id=\"intent-yes\"", "id=\"rmo-decide\"");
        assertThat(page(chair("EURAMET"), "/reviews/r-2")).as("the submitting RMO")
                .doesNotContain("id=\"intent-yes\"", "id=\"rmo-decide\"", "id=\"decide\"");
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, INTER_CASE.replace("\"decisions\":[",
                "\"decisions\":[{\"tier\":\"INTER_RMO\",\"round\":1,\"rmo\":\"APMP\",\"decision\":\"APPROVE\","
                        + "\"by\":\"chair.apmp\",\"at\":\"2026-12-03T00:00:00Z\"},")));
        assertThat(page(chair("APMP"), "/reviews/r-2")).as("APMP has decided this round")
                .doesNotContain("id=\"rmo-decide\"").contains("approved", "(round 1)");

        ANSWERS.put("POST /api/reviews/r-2/rmo-intents", new Answer(200, INTER_CASE));
        chair("SIM").mutateWith(csrf()).post().uri("/reviews/r-2/rmo-intents")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("deadline=2027-01-15&willReview=true")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-2?done=declared");
        assertThat(RECEIVED.get("POST /api/reviews/r-2/rmo-intents"))
                .isEqualTo("{\"willReview\":true,\"deadline\":\"2027-01-15T23:59:59Z\"}");
        chair("SIM").mutateWith(csrf()).post().uri("/reviews/r-2/rmo-intents")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("deadline=2027-01-15&willReview=false")
                .exchange().expectStatus().isSeeOther();
        assertThat(RECEIVED.get("POST /api/reviews/r-2/rmo-intents")).as("no deadline when not reviewing")
                .isEqualTo("{\"willReview\":false}");

        ANSWERS.put("POST /api/reviews/r-2/rmo-decisions", new Answer(200, INTER_CASE));
        chair("APMP").mutateWith(csrf()).post().uri("/reviews/r-2/rmo-decisions")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("decision=OBJECT&comment=The+uncertainty+is+too+small.")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-2?done=rmoDecided");
        assertThat(RECEIVED.get("POST /api/reviews/r-2/rmo-decisions"))
                .isEqualTo("{\"decision\":\"OBJECT\",\"comment\":\"The uncertainty is too small.\"}");
    }

    @Test
    void theJcrbSecretaryExtendsTheDeadlineAndSeesARefusalOnTheCase() {
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, INTER_CASE));
        WebTestClient secretary = user("jcrb.secretary", "jcrb-secretary", null);
        assertThat(page(secretary, "/reviews/r-2")).contains("id=\"extend-deadline\"", "<label for=\"new-deadline\"")
                .doesNotContain("id=\"intent-yes\"", "id=\"rmo-decide\"");
        assertThat(page(chair("APMP"), "/reviews/r-2")).doesNotContain("id=\"extend-deadline\"");

        ANSWERS.put("POST /api/reviews/r-2/deadline", new Answer(200, INTER_CASE));
        secretary.mutateWith(csrf()).post().uri("/reviews/r-2/deadline")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("deadline=2027-02-15")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-2?done=extended");
        assertThat(RECEIVED.get("POST /api/reviews/r-2/deadline"))
                .isEqualTo("{\"deadline\":\"2027-02-15T23:59:59Z\"}");
        ANSWERS.put("POST /api/reviews/r-2/deadline", new Answer(422, """
                {"title":"Unprocessable","detail":"The new inter-RMO deadline must be later than the current one."}"""));
        String refused = secretary.mutateWith(csrf()).post().uri("/reviews/r-2/deadline")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("deadline=2026-12-01")
                .exchange().expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("role=\"alert\"", "must be later than the current one", "id=\"extend-deadline\"");
    }

    @Test
    void theJcrbSecretaryClosesACaseWithAReasonAndSeesARefusalNextToTheReason() {
        ANSWERS.put("GET /api/reviews/r-2", new Answer(200, INTER_CASE));
        WebTestClient secretary = user("jcrb.secretary", "jcrb-secretary", null);
        assertThat(page(secretary, "/reviews/r-2")).contains("id=\"close-case\"", "<label for=\"close-comment\"",
                "cannot be undone");
        assertThat(page(chair("APMP"), "/reviews/r-2")).doesNotContain("id=\"close-case\"");
        ANSWERS.put("GET /api/reviews/r-1", new Answer(200, """
                {"id":"r-1","cmcId":"c-1","stage":"INTRA_RMO_REVIEW","institute":"PTB","rmo":"EURAMET","area":"EM"}"""));
        assertThat(page(secretary, "/reviews/r-1")).as("the JCRB does not hold a case in intra-RMO review")
                .doesNotContain("id=\"close-case\"");

        ANSWERS.put("POST /api/reviews/r-2/close", new Answer(400, """
                {"title":"invalid-fields","detail":"The request has invalid fields.",
                 "errors":[{"field":"comment","message":"is required: why does the JCRB close the case?"}]}"""));
        String refused = secretary.mutateWith(csrf()).post().uri("/reviews/r-2/close")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("comment=+")
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        String closeForm = refused.substring(refused.indexOf("id=\"close-heading\""));
        assertThat(closeForm).contains("id=\"close-comment-error\" role=\"alert\"",
                "is required: why does the JCRB close the case?", "aria-invalid=\"true\"",
                "aria-describedby=\"close-comment-error close-hint\"");
        assertThat(refused.substring(0, refused.indexOf("id=\"close-heading\"")))
                .as("shown next to the reason, not at the top nor at the other forms' comment fields")
                .doesNotContain("why does the JCRB close the case?");

        ANSWERS.put("POST /api/reviews/r-2/close", new Answer(409, """
                {"title":"illegal-transition","detail":"A case in INTER_RMO_REVIEW cannot be closed by the JCRB once its round is settled."}"""));
        assertThat(secretary.mutateWith(csrf()).post().uri("/reviews/r-2/close")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("comment=Duplicate+of+r-1")
                .exchange().expectStatus().isEqualTo(409).expectBody(String.class).returnResult().getResponseBody())
                .contains("once its round is settled", ">Duplicate of r-1</textarea>");

        ANSWERS.put("POST /api/reviews/r-2/close", new Answer(200, INTER_CASE));
        secretary.mutateWith(csrf()).post().uri("/reviews/r-2/close")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("comment=Duplicate+of+r-1")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/reviews/r-2?done=closed");
        assertThat(RECEIVED.get("POST /api/reviews/r-2/close")).isEqualTo("{\"comment\":\"Duplicate of r-1\"}");
        assertThat(page(secretary, "/reviews/r-2?done=closed")).contains("The case is closed: the CMC is rejected.");
    }

    @Test
    void theDashboardDrawsTheAgesOfOpenCasesAsAnSvgChartWithATextAlternative() {
        ANSWERS.put("GET /api/reviews/dashboard", new Answer(200, """
                {"byStage":{"INTRA_RMO_REVIEW":3,"INTER_RMO_REVIEW":1},"open":4,"ageDays":{"p50":5.0,"p90":30.0},
                 "overdue":0,"ageHistogram":[{"fromDays":0,"toDays":7,"cases":2},{"fromDays":7,"toDays":14,"cases":1},
                 {"fromDays":14,"toDays":28,"cases":0},{"fromDays":28,"toDays":null,"cases":1}]}"""));
        ANSWERS.put("GET /api/reviews?stage=INTER_RMO_REVIEW", new Answer(200,
                "{\"page\":0,\"size\":1000,\"totalElements\":0,\"content\":[]}"));
        String page = page(user("jcrb.secretary", "jcrb-secretary", null), "/dashboard");
        assertThat(page).contains("<svg", "role=\"img\"", "aria-labelledby=\"ages-svg-title ages-svg-desc\"",
                "<title id=\"ages-svg-title\">Open cases by age</title>",
                "Open cases per age in days: 0–7 days: 2; 7–14 days: 1; 14–28 days: 0; 28+ days: 1.",
                "id=\"age-table\"", "<th scope=\"row\">28+</th>");
        // The fullest bucket reaches the top of the plot; an empty one has no height.
        assertThat(page).contains("y=\"20\" width=\"56\" height=\"160\"", "y=\"180\" width=\"56\" height=\"0\"");
        ANSWERS.put("GET /api/reviews/dashboard", new Answer(200, "{\"byStage\":{},\"open\":0,\"overdue\":0}"));
        assertThat(page(user("jcrb.secretary", "jcrb-secretary", null), "/dashboard"))
                .doesNotContain("id=\"age-chart\"");
    }

    /**
     * The dashboard pages through the inter-RMO cases in the API's order (by deadline, the overdue first) rather than
     * asking for a capped list and sorting it itself; the links keep the RMO filter; past the end, the last page.
     */
    @Test
    void theDashboardPagesThroughTheInterRmoCasesByDeadline() {
        ANSWERS.put("GET /api/reviews/dashboard", new Answer(200, "{\"byStage\":{\"INTER_RMO_REVIEW\":30},\"open\":30,"
                + "\"overdue\":2}"));
        java.util.function.IntFunction<String> pageOf = number -> java.util.stream.IntStream
                .range(number * 25, Math.min(30, number * 25 + 25))
                .mapToObj(i -> ("{\"id\":\"inter-%02d\",\"stage\":\"INTER_RMO_REVIEW\",\"institute\":\"PTB\","
                        + "\"area\":\"EM\",\"deadline\":\"2026-12-%02dT23:59:59Z\"}").formatted(i, 1 + i % 28))
                .collect(java.util.stream.Collectors.joining(",",
                        "{\"page\":" + number + ",\"size\":25,\"totalElements\":30,\"content\":[", "]}"));
        String asked = "GET /api/reviews?stage=INTER_RMO_REVIEW&sort=deadline&page=";
        ANSWERS.put(asked + "0&size=25", new Answer(200, pageOf.apply(0)));
        ANSWERS.put(asked + "1&size=25", new Answer(200, pageOf.apply(1)));
        ANSWERS.put(asked + "7&size=25", new Answer(200, pageOf.apply(7)));
        var secretary = user("jcrb.secretary", "jcrb-secretary", null);

        String first = page(secretary, "/dashboard?rmo=EURAMET");
        assertThat(RECEIVED).as("one page asked of the API, sorted there").containsKey(asked + "0&size=25")
                .doesNotContainKey(asked + "1&size=25");
        assertThat(first).contains("Page 1 of 2", "href=\"/dashboard?rmo=EURAMET&amp;page=1\"")
                .doesNotContain("/reviews/inter-25", "id=\"inter-previous\"");
        // as the API ordered them, not sorted again by the page (inter-00 is due on the 1st, inter-24 on the 25th)
        assertThat(first.indexOf("/reviews/inter-00")).isPositive().isLessThan(first.indexOf("/reviews/inter-01"));
        assertThat(first.indexOf("/reviews/inter-23")).isLessThan(first.indexOf("/reviews/inter-24"));

        String second = page(secretary, "/dashboard?rmo=EURAMET&page=1");
        assertThat(second).contains("/reviews/inter-25", "/reviews/inter-29", "Page 2 of 2",
                "href=\"/dashboard?rmo=EURAMET&amp;page=0\"").doesNotContain("/reviews/inter-24\"", "id=\"inter-next\"");
        assertThat(page(secretary, "/dashboard?page=7")).as("past the end: the last page, asked again")
                .contains("/reviews/inter-29", "Page 2 of 2");
    }
}
