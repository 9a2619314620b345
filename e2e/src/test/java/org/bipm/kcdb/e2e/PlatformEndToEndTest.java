package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform as {@code ./kcdb up} starts it ({@link SharedPlatform}, one per test JVM), driven through the
 * gateway with tokens Keycloak issued.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class PlatformEndToEndTest {

    private Platform platform;
    private Http gateway;
    private String writerPtb;
    private String writerNpl;
    private String chairEuramet;
    private Map<String, String> chairsOfOtherRmos;
    private String coordinatorPtb;
    private String kcdbOffice;

    @BeforeAll
    void tokens(Platform platform) {
        this.platform = platform;
        gateway = new Http(platform.gatewayUrl());
        writerPtb = Http.passwordToken(platform.tokenUrl(), "writer.ptb");
        writerNpl = Http.passwordToken(platform.tokenUrl(), "writer.npl");
        chairEuramet = Http.passwordToken(platform.tokenUrl(), "chair.euramet");
        chairsOfOtherRmos = new java.util.LinkedHashMap<>();
        for (String chair : List.of("chair.sim", "chair.apmp", "chair.coomet", "chair.afrimets", "chair.gulfmet")) {
            chairsOfOtherRmos.put(chair, Http.passwordToken(platform.tokenUrl(), chair));
        }
        coordinatorPtb = Http.passwordToken(platform.tokenUrl(), "coordinator.ptb");
        kcdbOffice = Http.passwordToken(platform.tokenUrl(), "kcdb.office");
    }

    /** A DC-voltage record of PTB's as the KCDB API gives it, published, with the KCDB code its id makes. */
    static Map<String, Object> kcdbRecord(long id) {
        return Map.ofEntries(Map.entry("id", id), Map.entry("kcdbCode", "EURAMET-EM-DE-" + String.format("%08X", id)
                        + "-1"), Map.entry("status", "Published"), Map.entry("domainCode", "PHYSICS"),
                Map.entry("metrologyAreaLabel", "EM"), Map.entry("rmo", "EURAMET"), Map.entry("nmiCode", "PTB"),
                Map.entry("quantityValue", "DC voltage"), Map.entry("branchLabel", "EM/DC"),
                Map.entry("physicsCode", "1.1.1"), Map.entry("instrument", "Zener voltage standard"),
                Map.entry("cmc", Map.of("lowerLimit", 1, "upperLimit", 10, "unit", "V")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 0.1, "upperLimit", 0.5, "unit", "µV/V")),
                Map.entry("uncertaintyMode", "Relative"), Map.entry("coverageFactor", 2),
                Map.entry("confidenceLevel", 95), Map.entry("publicationDate", "2009-03-12"));
    }

    static Map<String, Object> dcVoltageCmc() {
        return Map.ofEntries(
                Map.entry("domainCode", "PHYSICS"), Map.entry("metrologyAreaLabel", "EM"),
                Map.entry("branchLabel", "EM/DC"), Map.entry("serviceLabel", "1"), Map.entry("subServiceLabel", "1"),
                Map.entry("individualServiceLabel", "1"), Map.entry("quantityValue", "DC voltage"),
                Map.entry("instrument", "Zener voltage standard"),
                Map.entry("instrumentMethod", "Comparison with a Josephson array voltage standard"),
                Map.entry("parameters", List.of(Map.of("parameterName", "Temperature",
                        "parameterValue", "23 °C ± 1 °C"))),
                Map.entry("cmc", Map.of("lowerLimit", 1.0, "upperLimit", 10.0, "unit", "V")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 0.05, "upperLimit", 0.5, "unit", "µV/V")),
                Map.entry("uncertaintyMode", "Relative"), Map.entry("coverageFactor", 2.0),
                Map.entry("confidenceLevel", 95.0), Map.entry("traceabilitySource", "PTB"),
                Map.entry("nmiServiceCode", "PTB-2.11-E2E"), Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/01"));
    }

    @Test
    void keycloakIssuesTokensWithTheRealmsRolesScopeClaimsAndAudience() {
        JsonNode writer = Http.claims(writerPtb);
        assertThat(writer.get("iss").asText()).isEqualTo(platform.issuer());
        assertThat(writer.get("aud").toString()).contains("kcdb-api");
        assertThat(writer.get("realm_access").get("roles").toString()).contains("cmc-writer");
        assertThat(writer.get("institute").asText()).isEqualTo("PTB");
        assertThat(writer.get("country").asText()).isEqualTo("DE");
        assertThat(writer.get("rmo").asText()).isEqualTo("EURAMET");
        JsonNode chair = Http.claims(chairEuramet);
        assertThat(chair.get("areas").toString()).contains("\"EM\"", "\"QM\"", "\"RI\"");
        JsonNode subscriber = Http.claims(Http.clientCredentialsToken(platform.tokenUrl(), "rmo-euramet",
                "rmo-euramet"));
        assertThat(subscriber.get("realm_access").get("roles").toString()).contains("rmo-subscriber");
        assertThat(subscriber.get("rmo").asText()).isEqualTo("EURAMET");
        assertThat(subscriber.get("aud").toString()).contains("kcdb-api");
    }

    @Test
    void aCmcTravelsFromDraftToThePublicKcdbAndAComparisonIsListed() {
        Instant begin = Instant.now();
        List<String> statuses = new ArrayList<>();

        // 1. A PTB writer drafts and submits a CMC.
        Http.Response created = gateway.post("/api/cmcs", writerPtb, dcVoltageCmc());
        assertThat(created.status()).isEqualTo(201);
        String cmcId = created.body().get("id").asText();
        statuses.add(created.body().get("status").asText());
        assertThat(created.body().get("institute").asText()).isEqualTo("PTB");

        Http.Response othersRead = gateway.get("/api/cmcs/" + cmcId, writerNpl);
        assertThat(othersRead.status()).isIn(403, 404);

        Http.Response submitted = gateway.post("/api/cmcs/" + cmcId + "/submit", writerPtb, "");
        assertThat(submitted.status()).isEqualTo(200);
        statuses.add(submitted.body().get("status").asText());

        // 2. The review service opened a case; the EURAMET TC chair approves it, which opens the inter-RMO review.
        // A writer may do neither.
        JsonNode reviewCase = await("a review case for the CMC", () -> {
            Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chairEuramet);
            return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0) : null;
        });
        String reviewId = reviewCase.get("id").asText();
        assertThat(gateway.post("/api/reviews/" + reviewId + "/decision", writerPtb,
                Map.of("decision", "APPROVE")).status()).isEqualTo(403);
        Http.Response approved = gateway.post("/api/reviews/" + reviewId + "/decision", chairEuramet,
                Map.of("decision", "APPROVE", "comment", "Covered by the QMS; supported by CCEM-K8.",
                        "qmsStatementRef", "EURAMET TC-Q 2026/01"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("stage").asText()).isEqualTo("INTER_RMO_REVIEW");
        JsonNode underInterRmoReview = await("the writer to see the inter-RMO review", () -> {
            JsonNode cmc = gateway.get("/api/cmcs/" + cmcId, writerPtb).body();
            return "INTER_RMO_REVIEW".equals(cmc.get("status").asText()) ? cmc : null;
        });
        statuses.add(underInterRmoReview.get("status").asText());

        // 3. The other five RMOs say they will not review it: every asked RMO has answered, so it is approved.
        assertThat(gateway.post("/api/reviews/" + reviewId + "/rmo-intents", writerPtb,
                Map.of("willReview", false)).status()).isEqualTo(403);
        Http.Response lastIntent = null;
        for (Map.Entry<String, String> chair : chairsOfOtherRmos.entrySet()) {
            lastIntent = gateway.post("/api/reviews/" + reviewId + "/rmo-intents", chair.getValue(),
                    Map.of("willReview", false));
            assertThat(lastIntent.status()).as(chair.getKey() + " declares").isEqualTo(200);
        }
        assertThat(lastIntent.body().get("stage").asText()).isEqualTo("APPROVED");
        assertThat(lastIntent.body().get("intents").size()).isEqualTo(5);

        // 4. The publication service allocated a KCDB code; the public search finds it without a token.
        JsonNode published = await("the CMC to be PUBLISHED for its writer", () -> {
            JsonNode cmc = gateway.get("/api/cmcs/" + cmcId, writerPtb).body();
            String status = cmc.get("status").asText();
            if (!statuses.get(statuses.size() - 1).equals(status)) {
                statuses.add(status);
            }
            return "PUBLISHED".equals(status) ? cmc : null;
        });
        String kcdbCode = published.get("kcdbCode").asText();
        assertThat(kcdbCode).matches("EURAMET-EM-DE-[0-9A-Z]{8}-1");

        // The public KCDB is a read model: the publishing instance indexes its write within moments (the first
        // record of a cold JVM takes about a second), well before its 30 s look for other instances' writes.
        JsonNode hit = await("the published CMC " + kcdbCode + " in the public search", 10, () -> {
            Http.Response search = gateway.post("/api/kcdb/cmc/searchData/quickSearch", null,
                    Map.of("page", 0, "pageSize", 100, "keywords", "Josephson"));
            assertThat(search.status()).isEqualTo(200);
            assertThat(search.body().get("versionApiKcdb").asText()).isEqualTo("1.0.13");
            return findFirst(search.body().get("data"), r -> kcdbCode.equals(r.get("kcdbCode").asText()));
        });
        assertThat(hit.get("status").asText()).isEqualTo("Published");
        assertThat(hit.get("nmiCode").asText()).isEqualTo("PTB");
        assertThat(hit.get("countryValue").asText()).isEqualTo("Germany");

        // 5. PTB's comparison coordinator registers a key comparison; the public KCDB lists it.
        String identifier = "CCEM-K" + (100 + Math.abs(UUID.randomUUID().hashCode() % 800));
        Http.Response registered = gateway.post("/api/comparisons", coordinatorPtb, Map.of(
                "identifier", identifier, "type", "KEY", "organiser", "CCEM", "metrologyAreaLabel", "EM",
                "measurand", "DC voltage", "unit", "V", "pilot", "PTB", "participants", List.of("PTB", "NPL", "NIST")));
        assertThat(registered.status()).isEqualTo(201);
        JsonNode listed = await("the comparison in the public KCDB", () -> {
            Http.Response page = gateway.get("/api/kcdb/comparisons?identifier=" + identifier, null);
            return page.status() == 200 && page.body().size() == 1 ? page.body().get(0) : null;
        });
        assertThat(listed.get("pilot").asText()).isEqualTo("PTB");

        // 6. The writer saw the status move forward, and the history records every step.
        assertThat(statuses).startsWith("DRAFT", "SUBMITTED").contains("INTER_RMO_REVIEW").endsWith("PUBLISHED");
        JsonNode history = gateway.get("/api/cmcs/" + cmcId + "/history", writerPtb).body();
        List<String> toStatus = new ArrayList<>();
        history.forEach(entry -> toStatus.add(entry.get("toStatus").asText()));
        assertThat(toStatus).containsSubsequence("DRAFT", "SUBMITTED", "INTER_RMO_REVIEW", "APPROVED", "PUBLISHED");
        System.out.printf("[e2e] draft to public KCDB and comparison listed in %d ms%n",
                Duration.between(begin, Instant.now()).toMillis());
    }

    @Test
    void aChairChoosesAReviewerFromTheKeycloakDirectoryAndAssignsThemByUsername() {
        Http.Response created = gateway.post("/api/cmcs", writerPtb, dcVoltageCmc());
        assertThat(created.status()).isEqualTo(201);
        String cmcId = created.body().get("id").asText();
        assertThat(gateway.post("/api/cmcs/" + cmcId + "/submit", writerPtb, "").status()).isEqualTo(200);
        JsonNode reviewCase = await("a review case for CMC " + cmcId, () -> {
            Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chairEuramet);
            return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0) : null;
        });
        String reviewers = "/api/reviews/" + reviewCase.get("id").asText() + "/reviewers";

        // The directory lists EURAMET's EM reviewers from Keycloak, for chairs (not writers).
        Http.Response directory = gateway.get("/api/directory/reviewers?rmo=EURAMET&area=EM", chairEuramet);
        assertThat(directory.status()).isEqualTo(200);
        List<String> usernames = new ArrayList<>();
        directory.body().forEach(reviewer -> usernames.add(reviewer.get("username").asText()));
        assertThat(usernames).contains("reviewer.lne").doesNotContain("reviewer.nrc", "chair.euramet");
        JsonNode lne = directory.body().get(usernames.indexOf("reviewer.lne"));
        assertThat(lne.get("institute").asText()).isEqualTo("LNE");
        assertThat(lne.get("country").asText()).isEqualTo("FR");
        assertThat(lne.has("email")).isFalse();
        assertThat(gateway.get("/api/directory/reviewers?rmo=EURAMET&area=EM", writerPtb).status()).isEqualTo(403);

        // The chair names the reviewer; Keycloak says who they are.
        Http.Response assigned = gateway.post(reviewers, chairEuramet, Map.of("reviewer", "reviewer.lne"));
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.body().get("assignments").get(0).get("institute").asText()).isEqualTo("LNE");
        assertThat(assigned.body().get("assignments").get(0).get("rmo").asText()).isEqualTo("EURAMET");
        String reviewerLne = Http.passwordToken(platform.tokenUrl(), "reviewer.lne");
        assertThat(gateway.post("/api/reviews/" + reviewCase.get("id").asText() + "/comments", reviewerLne,
                Map.of("text", "Which Josephson array?")).status()).isEqualTo(200);

        Http.Response unknown = gateway.post(reviewers, chairEuramet, Map.of("reviewer", "nobody.at.all"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("errors").get(0).get("field").asText()).isEqualTo("reviewer");
        assertThat(gateway.post(reviewers, chairEuramet, Map.of("reviewer", "writer.npl")).status())
                .as("not a TC reviewer").isEqualTo(422);
        assertThat(gateway.post(reviewers, chairEuramet, Map.of("reviewer", "reviewer.nrc")).status())
                .as("SIM's reviewer").isEqualTo(422);
        assertThat(gateway.post(reviewers, chairEuramet, Map.of("reviewer", "reviewer.lne", "institute", "LNE"))
                .status()).as("only the username").isEqualTo(400);
    }

    @Test
    void anInstituteHasItsPublishedCmcDeletedThroughReview() {
        String cmcId = gateway.post("/api/cmcs", writerPtb, dcVoltageCmc()).body().get("id").asText();
        assertThat(gateway.post("/api/cmcs/" + cmcId + "/submit", writerPtb, "").status()).isEqualTo(200);
        String kcdbCode = throughReview(cmcId).get("kcdbCode").asText();

        // The writer asks for the deletion; the request is reviewed like a submission.
        Http.Response asked = gateway.post("/api/cmcs/" + kcdbCode + "/deletion-requests", writerPtb,
                Map.of("reason", "The Josephson system behind this service is retired."));
        assertThat(asked.status()).isEqualTo(201);
        assertThat(asked.body().get("deletionRequest").asBoolean()).isTrue();
        String requestId = asked.body().get("id").asText();
        JsonNode reviewed = throughReview(requestId);
        assertThat(reviewed.get("status").asText()).isEqualTo("APPROVED");

        // Publication deletes it: the writer's CMC is DELETED, and the public KCDB shows it as deleted.
        await("the CMC to be DELETED for its writer", () -> {
            JsonNode cmc = gateway.get("/api/cmcs/" + cmcId, writerPtb).body();
            return "DELETED".equals(cmc.get("status").asText()) ? cmc : null;
        });
        JsonNode record = await("the record deleted in the public KCDB", () -> {
            Http.Response found = gateway.get("/api/kcdb/cmc/" + kcdbCode, null);
            return found.status() == 200 && "Deleted".equals(found.body().get("status").asText()) ? found.body()
                    : null;
        });
        assertThat(record.get("kcdbCode").asText()).isEqualTo(kcdbCode);
    }

    @Test
    void aCmcMigratedFromTheKcdbIsModifiedByItsInstitute() {
        long id = 7_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        Map<String, Object> record = kcdbRecord(id);
        String code = (String) record.get("kcdbCode");
        Http.Response imported = gateway.post("/api/kcdb/imports", kcdbOffice, List.of(record));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body().get("imported").asInt()).isEqualTo(1);

        // The submission service takes the migrated CMC over for PTB, which modifies it through review.
        JsonNode adopted = await("the migrated CMC to be PTB's", () -> {
            Http.Response found = gateway.get("/api/cmcs/kcdb-" + id, writerPtb);
            return found.status() == 200 ? found.body() : null;
        });
        assertThat(adopted.get("status").asText()).isEqualTo("PUBLISHED");
        Http.Response modification = gateway.post("/api/cmcs/" + code + "/modifications", writerPtb, dcVoltageCmc());
        assertThat(modification.status()).isEqualTo(201);
        String modificationId = modification.body().get("id").asText();
        assertThat(gateway.post("/api/cmcs/" + modificationId + "/submit", writerPtb, "").status()).isEqualTo(200);
        String next = throughReview(modificationId).get("kcdbCode").asText();
        assertThat(next).isEqualTo(code.substring(0, code.length() - 1) + "2");
        JsonNode archived = await("the migrated version archived in the public KCDB", () -> {
            Http.Response found = gateway.get("/api/kcdb/cmc/" + code, null);
            return found.status() == 200 && "Archived".equals(found.body().get("status").asText()) ? found.body()
                    : null;
        });
        assertThat(archived.get("publicationDate").asText()).isEqualTo("2009-03-12");
        await("the migrated CMC to be ARCHIVED for its writer", () -> {
            JsonNode cmc = gateway.get("/api/cmcs/kcdb-" + id, writerPtb).body();
            return "ARCHIVED".equals(cmc.get("status").asText()) ? cmc : null;
        });
    }

    @Test
    void aWritersDraftsGoThroughReviewInBulkThroughTheGateway() {
        List<String> cmcIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            cmcIds.add(gateway.post("/api/cmcs", writerPtb, dcVoltageCmc()).body().get("id").asText());
        }
        String ofNpl = gateway.post("/api/cmcs", writerNpl, dcVoltageCmc()).body().get("id").asText();
        Http.Response submitted = gateway.post("/api/cmcs/bulk-submit", writerPtb,
                Map.of("ids", List.of(cmcIds.get(0), ofNpl, cmcIds.get(1))));
        assertThat(submitted.status()).isEqualTo(200);
        JsonNode results = submitted.body().get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(results.get(1).get("problem").get("status").asInt()).isEqualTo(404);
        assertThat(results.get(2).get("status").asText()).isEqualTo("SUBMITTED");

        List<String> reviewIds = new ArrayList<>();
        for (String cmcId : cmcIds) {
            reviewIds.add(await("a review case for CMC " + cmcId, () -> {
                Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chairEuramet);
                return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0) : null;
            }).get("id").asText());
        }
        Http.Response decided = gateway.post("/api/reviews/bulk-decision", chairEuramet, Map.of("cases", reviewIds,
                "decision", "APPROVE", "comment", "Fine.", "qmsStatementRef", "EURAMET TC-Q 2026/01"));
        assertThat(decided.status()).isEqualTo(200);
        decided.body().get("results").forEach(r -> assertThat(r.get("status").asText()).isEqualTo("INTER_RMO_REVIEW"));
        Http.Response declared = null;
        for (String chair : chairsOfOtherRmos.values()) {
            declared = gateway.post("/api/reviews/bulk-rmo-intents", chair, Map.of("cases", reviewIds,
                    "willReview", false));
            assertThat(declared.status()).isEqualTo(200);
        }
        declared.body().get("results").forEach(r -> assertThat(r.get("status").asText()).isEqualTo("APPROVED"));
        for (String cmcId : cmcIds) {
            await("CMC " + cmcId + " published", () -> {
                JsonNode cmc = gateway.get("/api/cmcs/" + cmcId, writerPtb).body();
                return "PUBLISHED".equals(cmc.get("status").asText()) ? cmc : null;
            });
        }
    }

    /**
     * The EURAMET chair approves, the five other RMOs decline to review: approved. Returns the CMC as its writer
     * sees it once the review and publication are done with it (PUBLISHED, or APPROVED for a deletion request).
     */
    private JsonNode throughReview(String cmcId) {
        JsonNode reviewCase = await("a review case for CMC " + cmcId, () -> {
            Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chairEuramet);
            return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0) : null;
        });
        String reviewId = reviewCase.get("id").asText();
        assertThat(gateway.post("/api/reviews/" + reviewId + "/decision", chairEuramet, Map.of("decision", "APPROVE",
                "comment", "Fine.", "qmsStatementRef", "EURAMET TC-Q 2026/01")).status()).isEqualTo(200);
        for (String chair : chairsOfOtherRmos.values()) {
            assertThat(gateway.post("/api/reviews/" + reviewId + "/rmo-intents", chair, Map.of("willReview", false))
                    .status()).isEqualTo(200);
        }
        return await("CMC " + cmcId + " approved", () -> {
            JsonNode cmc = gateway.get("/api/cmcs/" + cmcId, writerPtb).body();
            String status = cmc.get("status").asText();
            boolean deletion = cmc.get("deletionRequest").asBoolean();
            return (deletion ? "APPROVED" : "PUBLISHED").equals(status) ? cmc : null;
        });
    }

    @Test
    void aComparisonIsEvaluatedAndPublishedWithItsDegreesOfEquivalence() {
        Instant begin = Instant.now();
        String id = "CCM.M-K" + (100 + Math.abs(UUID.randomUUID().hashCode() % 800));
        String base = "/api/comparisons/" + id;
        assertThat(gateway.post("/api/comparisons", coordinatorPtb, Map.of("identifier", id, "type", "KEY",
                "organiser", "CCM", "metrologyAreaLabel", "M", "measurand", "Mass of a 1 kg stainless steel standard",
                "unit", "mg", "pilot", "PTB", "participants", List.of("PTB", "NPL", "NIST"))).status()).isEqualTo(201);
        assertThat(gateway.post(base + "/status", coordinatorPtb, Map.of("status", "MEASUREMENTS")).status())
                .isEqualTo(200);
        // The pilot enters the results the participants sent; NPL reported in µg.
        assertThat(gateway.put(base + "/results/PTB", coordinatorPtb,
                Map.of("value", 0.010, "standardUncertainty", 0.020, "unit", "mg")).status()).isEqualTo(200);
        assertThat(gateway.put(base + "/results/NPL", writerNpl,
                Map.of("value", 35.0, "standardUncertainty", 25.0, "unit", "µg")).status()).isEqualTo(200);
        assertThat(gateway.put(base + "/results/NIST", coordinatorPtb,
                Map.of("value", -0.015, "standardUncertainty", 0.030, "unit", "mg")).status()).isEqualTo(200);
        assertThat(gateway.get(base + "/results", writerNpl).body().size()).as("blind before Draft A").isEqualTo(1);
        assertThat(gateway.post(base + "/status", coordinatorPtb, Map.of("status", "DRAFT_A")).status())
                .isEqualTo(200);
        Http.Response evaluation = gateway.post(base + "/evaluations", coordinatorPtb,
                Map.of("method", "WEIGHTED_MEAN"));
        assertThat(evaluation.status()).isEqualTo(201);
        assertThat(evaluation.body().get("degreesOfEquivalence").size()).isEqualTo(3);
        for (String status : List.of("DRAFT_B", "APPROVED")) {
            assertThat(gateway.post(base + "/status", coordinatorPtb, Map.of("status", status)).status())
                    .isEqualTo(200);
        }
        assertThat(gateway.text(base + "/degrees-of-equivalence.svg", null).status())
                .as("no public graph before publication").isEqualTo(404);
        assertThat(gateway.post(base + "/status", kcdbOffice, Map.of("status", "PUBLISHED")).status())
                .isEqualTo(200);

        JsonNode published = await("the published comparison in the public KCDB", () -> {
            Http.Response page = gateway.get("/api/kcdb/comparisons/" + id, null);
            return page.status() == 200 && page.body().hasNonNull("evaluation") ? page.body() : null;
        });
        assertThat(published.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.get("evaluation").get("kcrv").asDouble())
                .isEqualTo(evaluation.body().get("kcrv").asDouble());
        assertThat(published.get("evaluation").get("degreesOfEquivalence").get(1).get("institute").asText())
                .isEqualTo("NPL");
        Http.Text svg = gateway.text(published.get("graphOfEquivalence").asText(), null);
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("data-institute=\"PTB\"", "data-institute=\"NPL\"",
                "data-institute=\"NIST\"");
        System.out.printf("[e2e] comparison registered to published with degrees of equivalence in %d ms%n",
                Duration.between(begin, Instant.now()).toMillis());
    }

    /**
     * Issue 11, item 6, through the gateway with Keycloak's tokens: the KCDB office's reference-data changes in the
     * submission service reach the public KCDB's tables (an analyte added then retired, a country renamed, a
     * chemistry sub-category added), and a table the office imports from today's KCDB is answered as it came, ids
     * unchanged. Only the office may change either.
     */
    @Test
    void theOfficesReferenceDataReachesThePublicKcdbAndAKcdbTableImportsAsItIs() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String analyte = "E2E analyte " + tag;
        assertThat(gateway.post("/api/reference-data/analytes", writerPtb, Map.of("value", analyte)).status())
                .isEqualTo(403);
        assertThat(gateway.post("/api/reference-data/analytes", null, Map.of("value", analyte)).status())
                .isEqualTo(401);
        assertThat(gateway.post("/api/reference-data/analytes", kcdbOffice, Map.of("value", analyte)).status())
                .isEqualTo(201);
        JsonNode kazakhstan = gateway.get("/api/reference-data/countries?label=KZ", kcdbOffice).body()
                .get("content").get(0);
        Map<String, Object> renamed = new java.util.LinkedHashMap<>(Map.of("label", "KZ",
                "value", "Republic of Kazakhstan", "status", kazakhstan.get("status").asText(),
                "rmo", kazakhstan.get("rmo").asText()));
        assertThat(gateway.put("/api/reference-data/countries", kcdbOffice, renamed).status()).isEqualTo(200);
        String subCategory = "E2E sub-category " + tag;
        assertThat(gateway.post("/api/reference-data/chemistry-sub-categories", kcdbOffice,
                Map.of("categoryLabel", "5", "label", "7", "value", subCategory)).status()).isEqualTo(201);

        // the public KCDB follows, no token needed
        await("the added analyte in the public KCDB", () -> publicList("/api/kcdb/referenceData/analyte")
                .toString().contains(analyte) ? gateway.get("/api/kcdb/referenceData/analyte", null).body() : null);
        await("the renamed country in the public KCDB", () -> {
            for (JsonNode country : gateway.get("/api/kcdb/referenceData/country", null).body().get("referenceData")) {
                if ("KZ".equals(country.get("label").asText())
                        && "Republic of Kazakhstan".equals(country.get("value").asText())) {
                    return country;
                }
            }
            return null;
        });
        await("the added sub-category in the public KCDB", () -> publicList(
                "/api/kcdb/referenceData/subCategory?categoryLabel=5").toString().contains(subCategory)
                ? gateway.get("/api/kcdb/referenceData/subCategory?categoryLabel=5", null).body() : null);
        assertThat(gateway.post("/api/reference-data/analytes/retirements", kcdbOffice, Map.of("key", analyte))
                .status()).isEqualTo(200);
        await("the retired analyte no longer listed", () -> publicList("/api/kcdb/referenceData/analyte")
                .toString().contains(analyte) ? null : gateway.get("/api/kcdb/referenceData/analyte", null).body());
        renamed.put("value", kazakhstan.get("value").asText());
        assertThat(gateway.put("/api/reference-data/countries", kcdbOffice, renamed).status()).isEqualTo(200);

        // today's KCDB answer, imported as it is: the KCDB's own ids kept, gaps included
        List<Map<String, Object>> nuclides = new ArrayList<>();
        for (Object[] nuclide : new Object[][] {{1, "C-14"}, {3, "Ce-144"}, {7, "Co-60"}, {8, "Cr-51"}}) {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("id", nuclide[0]);
            entry.put("label", nuclide[1]);
            entry.put("value", nuclide[1]);
            nuclides.add(entry);
        }
        assertThat(gateway.post("/api/kcdb/imports/reference-data/nuclide", writerPtb,
                Map.of("referenceData", nuclides)).status()).isEqualTo(403);
        assertThat(gateway.post("/api/kcdb/imports/reference-data/nuclide", kcdbOffice,
                Map.of("referenceData", nuclides)).status()).isBetween(200, 201);
        JsonNode served = gateway.get("/api/kcdb/referenceData/nuclide", null).body();
        assertThat(Http.JSON.convertValue(served, Map.class)).isEqualTo(Map.of("referenceData", nuclides));
    }

    private JsonNode publicList(String path) {
        Http.Response response = gateway.get(path, null);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.body().get("referenceData");
    }

    @Test
    void withoutATokenOnlyThePublicKcdbAnswers() {
        Http.Response anonymous = gateway.get("/api/cmcs", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(gateway.get("/api/reviews", null).status()).isEqualTo(401);
        assertThat(gateway.post("/api/comparisons", null, Map.of()).status()).isEqualTo(401);
        assertThat(gateway.post("/api/kcdb/cmc/searchData/quickSearch", null, Map.of("page", 0, "pageSize", 5))
                .status()).isEqualTo(200);
        Http.Response forged = gateway.get("/api/cmcs", writerPtb.substring(0, writerPtb.length() - 4) + "AAAA");
        assertThat(forged.status()).isEqualTo(401);
    }

    private static JsonNode findFirst(JsonNode array, Predicate<JsonNode> matching) {
        for (JsonNode node : array) {
            if (matching.test(node)) {
                return node;
            }
        }
        return null;
    }

    /** A poll that answers null until what it waits for is there. */
    interface Probe {
        JsonNode poll();
    }

    static JsonNode await(String what, Probe probe) {
        return await(what, 60, probe);
    }

    private static JsonNode await(String what, int seconds, Probe probe) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = probe.poll();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
