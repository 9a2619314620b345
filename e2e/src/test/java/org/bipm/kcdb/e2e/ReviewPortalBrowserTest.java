package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The review workbench in a real Chromium on the shared platform, each user signing in through Keycloak's own login
 * page: a pilot evaluates a comparison and sees its graph; a CMC citing it, submitted by a PTB writer (through the
 * API, to save time), is assigned by the EURAMET chair to a reviewer chosen from the directory, commented on by the
 * reviewer, answered by the writer in the thread, approved by the chair; the other RMOs' chairs declare and approve
 * (in bulk where the inbox allows); the CMC is then found in the public search and on its own page. Then the JCRB's
 * dashboard with its chart of ages, and the KCDB office greying the CMC out and opening its reference data. axe-core
 * checks every page visited. What {@link PortalBrowserTest} covers (the writer's form, the public search's switches)
 * is not repeated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.class)
class ReviewPortalBrowserTest {

    private PortalBrowser ui;
    private Platform platform;
    private Http gateway;
    private String comparison;
    private String kcdbCode;

    @BeforeAll
    void openBrowser(Platform platform) {
        this.platform = platform;
        this.gateway = new Http(platform.gatewayUrl());
        this.ui = PortalBrowser.open(platform);
    }

    @AfterAll
    void closeBrowser() {
        if (ui != null) {
            ui.close();
        }
    }

    private String token(String user) {
        return Http.passwordToken(platform.tokenUrl(), user);
    }

    @Test
    @Order(1)
    void thePilotEvaluatesAComparisonAndSeesItsDegreesOfEquivalenceAndGraph() {
        String coordinator = token("coordinator.ptb");
        comparison = "CCEM-K" + (1000 + Math.abs(UUID.randomUUID().hashCode() % 8000));
        String base = "/api/comparisons/" + comparison;
        assertThat(gateway.post("/api/comparisons", coordinator, Map.of("identifier", comparison, "type", "KEY",
                "organiser", "CCEM", "metrologyAreaLabel", "EM", "measurand", "DC voltage of a 10 V Zener standard",
                "unit", "V", "pilot", "PTB", "participants", List.of("PTB", "NPL", "NIST"))).status()).isEqualTo(201);
        assertThat(gateway.post(base + "/status", coordinator, Map.of("status", "MEASUREMENTS")).status())
                .isEqualTo(200);
        Map<String, double[]> results = Map.of("PTB", new double[] {10.0000002, 2e-7},
                "NPL", new double[] {10.0000009, 3e-7}, "NIST", new double[] {9.9999996, 4e-7});
        results.forEach((institute, r) -> assertThat(gateway.put(base + "/results/" + institute, coordinator,
                Map.of("value", r[0], "standardUncertainty", r[1], "unit", "V")).status()).isEqualTo(200));
        assertThat(gateway.post(base + "/status", coordinator, Map.of("status", "DRAFT_A")).status()).isEqualTo(200);

        ui.signIn("/coordination/" + comparison, "coordinator.ptb");
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), comparison));
        ui.assertAccessible("the pilot's comparison before evaluation");
        ui.driver.findElement(By.cssSelector("form.evaluation-form button[type=submit]")).click();
        ui.waitForUrl("done=");
        ui.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.doe")));
        assertThat(ui.driver.findElements(By.cssSelector("table.doe tbody tr"))).hasSize(3);
        // The graph is drawn by the comparison service and served through the portal with the pilot's token.
        Object graph = ((org.openqa.selenium.JavascriptExecutor) ui.driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var img = document.querySelector('figure.graph img');
                fetch(img.src).then(function (r) { return r.text().then(function (t) {
                  done(r.status + ' ' + r.headers.get('content-type') + ' ' + (t.indexOf('<svg') >= 0)); }); })
                  .catch(function (e) { done('failed ' + e); });
                """);
        assertThat(String.valueOf(graph)).startsWith("200 image/svg+xml").endsWith("true");
        assertThat(ui.driver.findElement(By.cssSelector("figure.graph img")).getAttribute("alt")).contains(comparison);
        // The pairwise degrees of equivalence as a matrix, its summary and legend, and the comparison's history.
        assertThat(ui.driver.findElements(By.cssSelector("table.matrix tbody tr"))).hasSize(3);
        assertThat(ui.driver.findElements(By.cssSelector("table.matrix td.self"))).hasSize(3);
        assertThat(ui.byId("pairwise-summary").getText()).startsWith("Of 3 pairs,");
        assertThat(ui.byId("pairwise-legend").getText()).contains("✱");
        String history = ui.driver.findElement(By.cssSelector("table.history tbody")).getText();
        assertThat(history).contains("Registered", "Status PLANNED → MEASUREMENTS", "Result of NPL reported",
                "Status MEASUREMENTS → DRAFT_A", "Evaluation 1 (WEIGHTED_MEAN)", "coordinator.ptb");
        ui.assertAccessible("the pilot's evaluated comparison");
        ui.screenshot("coordinator-evaluation");
        ui.signOut();

        // Someone outside the comparison sees neither its results nor its degrees of equivalence before
        // publication: the comparison service refuses them to NMIJ's writer, and the page has nothing to show.
        ui.signIn("/coordination/" + comparison, "writer.nmij");
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), comparison));
        assertThat(ui.driver.findElements(By.cssSelector("table.matrix, table.doe, figure.graph"))).isEmpty();
        assertThat(ui.source()).doesNotContain("Result of NPL reported", "10.0000009");
        // Nor any form the comparison service would refuse NMIJ's writer: status, result, evaluation.
        assertThat(ui.driver.findElements(By.cssSelector("main form"))).as("forms shown to an outsider").isEmpty();
        ui.assertAccessible("a comparison's page for someone outside it");
        ui.signOut();
    }

    @Test
    @Order(2)
    void aCmcGoesThroughBothTiersOfReviewInThePortalAndIsPublished() {
        String writer = token("writer.ptb");
        String chair = token("chair.euramet");
        String instrument = "Workbench Zener standard " + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        Http.Response created = gateway.post("/api/cmcs", writer, cmc(instrument));
        assertThat(created.status()).isEqualTo(201);
        String cmcId = created.body().get("id").asText();
        assertThat(gateway.post("/api/cmcs/" + cmcId + "/submit", writer, "").status()).isEqualTo(200);
        String caseId = await("a review case for the CMC", () -> {
            Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chair);
            return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0).get("id").asText() : null;
        });
        if (comparison != null) {
            await("the comparison's evaluation to reach the review", () -> {
                JsonNode evidence = gateway.get("/api/reviews/" + caseId, chair).body().get("supportingEvidence");
                return evidence != null && evidence.size() == 1 ? evidence : null;
            });
        }

        // The EURAMET chair finds the case in the inbox and assigns a reviewer chosen from the directory.
        ui.signIn("/reviews", "chair.euramet");
        ui.byId("view-mine");
        inboxPageWith(caseId);
        ui.assertAccessible("the chair's inbox");
        ui.screenshot("chair-inbox");
        ui.driver.findElement(By.linkText(caseId)).click();
        ui.byId("review-stage");
        if (comparison != null) {
            assertThat(ui.byId("comparison-" + comparison).getText()).contains("PTB: d = ");
        }
        ui.select("reviewer", "reviewer.lne");
        ui.click("assign-reviewer");
        ui.waitForUrl("done=assigned");
        assertThat(ui.byId("assignments").getText()).contains("reviewer.lne");
        ui.assertAccessible("the case after the assignment");
        ui.screenshot("chair-case");
        ui.signOut();

        // The reviewer comments.
        ui.signIn("/reviews", "reviewer.lne");
        inboxPageWith(caseId);
        ui.driver.findElement(By.linkText(caseId)).click();
        ui.type("comment-text", "Which Zener standard is calibrated, and at which voltages?");
        ui.click("add-comment");
        ui.waitForUrl("done=commented");
        WebElement question = ui.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#comments > li.comment")));
        String commentId = question.getAttribute("id").substring("comment-".length());
        assertThat(question.getText()).contains("reviewer.lne", "Which Zener standard");
        ui.assertAccessible("the reviewer's case");
        ui.screenshot("reviewer-case");
        ui.signOut();

        // The writer answers in the thread.
        ui.signIn("/reviews/" + caseId, "writer.ptb");
        ui.click("reply-to-" + commentId);
        ui.type("reply-" + commentId, "A Fluke 732B, at 1 V, 1.018 V and 10 V.");
        ui.assertAccessible("the reply form");
        ui.click("send-reply-" + commentId);
        ui.waitForUrl("done=commented");
        WebElement reply = ui.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#comment-" + commentId + " ol.thread > li.comment")));
        assertThat(reply.getText()).contains("writer.ptb", "Fluke 732B");
        ui.screenshot("writer-reply", ui.byId("comments-heading"));
        ui.signOut();

        // The chair approves: the case goes to the other RMOs.
        ui.signIn("/reviews/" + caseId, "chair.euramet");
        ui.click("decision-APPROVE");
        ui.type("decision-comment", "Covered by the QMS; supported by the comparison.");
        ui.type("qmsStatementRef", "EURAMET TC-Q 2026/01");
        ui.click("decide");
        ui.waitForUrl("done=decided");
        assertThat(ui.byId("review-stage").getAttribute("data-stage")).isEqualTo("INTER_RMO_REVIEW");
        ui.assertAccessible("the case in inter-RMO review");
        ui.signOut();

        // SIM declares in bulk from its inbox that it will not review; three more RMOs do so through the API.
        ui.signIn("/reviews", "chair.sim");
        inboxPageWith(caseId);
        ui.click("select-" + caseId);
        ui.click("bulk-no-review");
        assertThat(ui.byId("bulk-" + caseId).getText()).contains("done, now Inter-RMO review");
        ui.assertAccessible("the chair's bulk results");
        ui.screenshot("chair-bulk-results");
        ui.signOut();
        for (String other : List.of("chair.coomet", "chair.afrimets", "chair.gulfmet")) {
            Http.Response declared = gateway.post("/api/reviews/bulk-rmo-intents", token(other),
                    Map.of("cases", List.of(caseId), "willReview", false));
            assertThat(declared.status()).as(other).isEqualTo(200);
            assertThat(declared.body().get("results").get(0).has("status")).as(other).isTrue();
        }

        // APMP will review: it says so on the case page, then approves from its inbox in bulk.
        ui.signIn("/reviews/" + caseId, "chair.apmp");
        ui.click("intent-yes");
        ui.waitForUrl("done=declared");
        assertThat(ui.byId("decisions").getText()).contains("APMP", "will review");
        ui.byId("rmo-decide");
        ui.assertAccessible("a reviewing RMO's case");
        inboxPageWith(caseId);
        ui.click("select-" + caseId);
        ui.click("bulk-rmo-approve");
        assertThat(ui.byId("bulk-" + caseId).getText()).contains("done, now Approved");
        ui.signOut();

        // Published: the public search finds it, and its page shows it.
        JsonNode published = await("the CMC to be published", () -> {
            JsonNode cmc = gateway.get("/api/cmcs/" + cmcId, writer).body();
            return "PUBLISHED".equals(cmc.get("status").asText()) ? cmc : null;
        });
        kcdbCode = published.get("kcdbCode").asText();
        boolean found = false;
        Instant deadline = Instant.now().plusSeconds(30);
        while (!found && Instant.now().isBefore(deadline)) {
            ui.go("/");
            ui.type("keywords", "\"" + instrument + "\"");
            ui.driver.findElement(By.cssSelector("form.search button[type=submit]")).click();
            ui.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results-heading")));
            found = !ui.driver.findElements(By.linkText(kcdbCode)).isEmpty();
        }
        assertThat(found).as("the public search finds " + kcdbCode).isTrue();
        ui.driver.findElement(By.linkText(kcdbCode)).click();
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), kcdbCode));
        assertThat(ui.source()).contains(instrument, "Published");
        ui.assertAccessible("the newly published CMC's page");
    }

    @Test
    @Order(3)
    void theJcrbSeesItsDashboardAndTheOfficeGreysOutTheNewCmc() {
        // Two more CMCs under review, so that the dashboard has open cases to draw.
        String writer = token("writer.ptb");
        String secretary = token("jcrb.secretary");
        for (int i = 0; i < 2; i++) {
            Http.Response created = gateway.post("/api/cmcs", writer, cmc("Dashboard Zener standard " + i + " "
                    + UUID.randomUUID()));
            assertThat(created.status()).isEqualTo(201);
            String cmcId = created.body().get("id").asText();
            assertThat(gateway.post("/api/cmcs/" + cmcId + "/submit", writer, "").status()).isEqualTo(200);
            await("a review case for the CMC", () -> {
                Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, secretary);
                return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body() : null;
            });
        }
        ui.signIn("/dashboard", "jcrb.secretary");
        assertThat(ui.byId("age-table").getAttribute("textContent")).contains("0–7");
        assertThat(ui.driver.findElements(By.cssSelector("#age-chart rect.bar-rect")).stream()
                .anyMatch(bar -> !"0".equals(bar.getAttribute("height")))).as("a bar for the open cases").isTrue();
        assertThat(ui.byId("age-chart").findElement(By.tagName("svg")).getAttribute("role")).isEqualTo("img");
        assertThat(ui.byId("ages-svg-desc").getAttribute("textContent")).startsWith("Open cases per age in days: 0–7 days");
        ui.assertAccessible("the JCRB dashboard");
        ui.screenshot("jcrb-dashboard", ui.byId("age-chart"));
        ui.go("/reviews");
        ui.byId("view-mine");
        ui.assertAccessible("the JCRB secretary's cases");
        ui.signOut();

        ui.signIn("/office/reference-data", "kcdb.office");
        ui.wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText("branches"))).click();
        ui.byId("entries");
        assertThat(ui.source()).contains("EM/DC");
        ui.assertAccessible("a reference-data table");
        ui.screenshot("office-reference-data");
        ui.go("/office");
        ui.byId("comparison-import-form");
        ui.assertAccessible("the office's migration page");
        assumeTrue(kcdbCode != null, "the review's CMC was not published");
        ui.go("/kcdb/" + kcdbCode);
        ui.type("grey-out-reason", "The institute's QMS statement lapsed.");
        ui.click("grey-out");
        ui.waitForUrl("done=greyedOut");
        assertThat(ui.source()).contains("Greyed out");
        ui.assertAccessible("a greyed-out CMC");
        ui.screenshot("office-grey-out");
        ui.signOut();
    }

    @Test
    @Order(4)
    void onceApprovedAndPublishedAnyoneSeesTheComparisonsMatrixAndHistory() {
        assumeTrue(comparison != null, "the pilot's comparison was not registered");
        String coordinator = token("coordinator.ptb");
        String base = "/api/comparisons/" + comparison;
        for (String status : List.of("DRAFT_B", "APPROVED")) {
            assertThat(gateway.post(base + "/status", coordinator, Map.of("status", status)).status()).isEqualTo(200);
        }
        assertThat(gateway.post(base + "/status", token("kcdb.office"), Map.of("status", "PUBLISHED")).status())
                .isEqualTo(200);
        await("the published comparison in the public KCDB", () -> {
            Http.Response page = gateway.get("/api/kcdb/comparisons/" + comparison, null);
            return page.status() == 200 && page.body().hasNonNull("evaluation") ? page.body() : null;
        });

        // Without login: the list filtered by area and status finds it, its page shows the matrix and history.
        ui.go("/comparisons?area=EM&status=PUBLISHED");
        assertThat(ui.byId("area").getAttribute("value")).isEqualTo("EM");
        assertThat(ui.driver.findElements(By.cssSelector("main tbody tr td:nth-child(5)")))
                .isNotEmpty().allSatisfy(status -> assertThat(status.getText()).isEqualTo("PUBLISHED"));
        ui.assertAccessible("the public comparisons filtered");
        // Twenty a page in identifier order: other tests' comparisons may come first, so open it by its address.
        ui.go("/comparisons/" + comparison);
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), comparison));
        assertThat(ui.driver.findElements(By.cssSelector("table.matrix tbody tr"))).hasSize(3);
        assertThat(ui.driver.findElement(By.cssSelector("table.matrix")).getAttribute("aria-describedby"))
                .isEqualTo("pairwise-summary pairwise-legend");
        assertThat(ui.driver.findElement(By.cssSelector("section.results")).getText()).contains("NPL", "NIST");
        assertThat(ui.driver.findElement(By.cssSelector("table.history tbody")).getText())
                .contains("Registered", "Published in the KCDB");
        ui.assertAccessible("a published comparison with its matrix");
        ui.screenshot("comparison-matrix", ui.driver.findElement(By.cssSelector("section.pairwise")));
    }

    /** A physics CMC of PTB citing the comparison the pilot evaluated (if that test ran). */
    private Map<String, Object> cmc(String instrument) {
        return Map.ofEntries(
                Map.entry("domainCode", "PHYSICS"), Map.entry("metrologyAreaLabel", "EM"),
                Map.entry("branchLabel", "EM/DC"), Map.entry("serviceLabel", "1"), Map.entry("subServiceLabel", "1"),
                Map.entry("individualServiceLabel", "1"), Map.entry("quantityValue", "DC voltage"),
                Map.entry("instrument", instrument),
                Map.entry("instrumentMethod", "Comparison with a Josephson array voltage standard"),
                Map.entry("parameters", List.of(Map.of("parameterName", "Temperature",
                        "parameterValue", "23 °C ± 1 °C"))),
                Map.entry("cmc", Map.of("lowerLimit", 1.0, "upperLimit", 10.0, "unit", "V")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 0.05, "upperLimit", 0.5, "unit", "µV/V")),
                Map.entry("uncertaintyMode", "Relative"), Map.entry("coverageFactor", 2.0),
                Map.entry("confidenceLevel", 95.0), Map.entry("traceabilitySource", "PTB"),
                Map.entry("nmiServiceCode", "PTB-2.11-WORKBENCH"), Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/01"),
                Map.entry("supportingComparisons", comparison == null ? List.of() : List.of(comparison)));
    }

    private static <T> T await(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    /**
     * The inbox's page that lists the case, as a user pages to it: the inbox shows 25 cases a page, the longest waiting
     * first, so on a platform other tests have filled a new case may be on a later page (and it may not have arrived
     * yet: the pages are read again until the wait's timeout).
     */
    private void inboxPageWith(String caseId) {
        ui.wait.until(driver -> {
            for (int page = 0; page < 40; page++) {
                ui.go("/reviews?page=" + page);
                if (!driver.findElements(By.linkText(caseId)).isEmpty()) {
                    return true;
                }
                if (driver.findElements(By.id("inbox-next")).isEmpty()) {
                    return false;
                }
            }
            return false;
        });
    }
}
