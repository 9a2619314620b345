package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix, generated from the contract: every operation of every service's OpenAPI document (the
 * snapshots each service pins in {@code src/test/resources/openapi.json}), called through the gateway by every kind
 * of caller, against the expected status in one committed table ({@code src/test/resources/authorization-matrix.csv}).
 * An operation without a row fails the build, so a new endpoint is placed in the matrix by whoever adds it.
 *
 * <p>Path parameters name real things where ownership matters: PTB's draft and PTB's submitted CMC (in the
 * EURAMET intra-RMO review, so its review case is confidential to EURAMET), a comparison piloted by PTB with NIST
 * taking part (NPL does not), an EURAMET webhook. Every write sends a valid body ({@link #WRITES}) and, where a
 * successful call changes what it is called on, each caller gets a thing of its own in the state the operation needs
 * (a case in the inter-RMO review, a planned comparison, a published record), so a refusal shows the caller's rights,
 * not a malformed body or a state another caller left. Beyond the table: no call
 * answers 5xx, a forged token is 401 wherever a token is needed, and every error is an RFC 9457 problem
 * ({@code application/problem+json} with {@code status} and {@code title}) that names no internal host, port, Java
 * class, stack frame or Mongo/Kafka internals.
 *
 * <p>To regenerate the table after an intended change: {@code -Dkcdb.matrix.write=true}, then review the diff row by
 * row (gateway README, "The authorization matrix").
 */
@ExtendWith(SharedPlatform.class)
@EnabledIf(value = "tableOrWriting",
        disabledReason = "no reviewed authorization-matrix.csv yet: generate it with -Dkcdb.matrix.write=true")
class AuthorizationMatrixTest {

    static final Path TABLE = Path.of("src/test/resources/authorization-matrix.csv");
    static final String PLACEHOLDER = "matrix-none";
    /**
     * One client, so one pool of connections, per caller: what one caller's call leaves on a kept-alive connection
     * (CI saw the call after the forged token's wait out its timeout twice in a thousand) cannot touch another's.
     */
    static final Map<String, HttpClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();
    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    /**
     * What an error body must not name: an internal host or port, a Java class or package, a stack frame, the
     * store's or the broker's internals. Each tells an attacker the layout behind the gateway.
     */
    static final Pattern LEAK = Pattern.compile("127\\.0\\.0\\.1|localhost|\\[::1]|:[0-9]{4,5}\\b"
            + "|\\b(java|javax|jakarta|org\\.springframework|org\\.bipm|reactor|io\\.netty|com\\.mongodb|org\\.bson"
            + "|org\\.apache|tools\\.jackson|com\\.fasterxml)\\.[a-z]|[A-Z][A-Za-z]+(Exception|Error)\\b"
            + "|\\bat [a-z]+\\.[a-z]|\\$\\$|E11000|[Mm]ongo|ObjectId\\(|Bson|[Kk]afka|\\bkcdb\\.(cmc|comparisons|publications)\\b");

    /** The callers, in the table's column order. */
    static final List<String> CALLERS = List.of("anonymous", "forged", "writer-owner", "writer-other-institute",
            "chair", "chair-other-rmo", "reviewer", "jcrb", "office", "pilot", "rmo-subscriber");

    /** The services whose OpenAPI documents the gateway routes (each pins its document in a snapshot). */
    static final List<String> SERVICES = List.of("submission", "review", "comparison", "publication", "notification");

    /** One call of the matrix: an operation, on which of the things the matrix made. */
    record Operation(String method, String path, String on) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation o) {
            int byPath = path.compareTo(o.path);
            if (byPath != 0) {
                return byPath;
            }
            int byMethod = method.compareTo(o.method);
            return byMethod != 0 ? byMethod : on.compareTo(o.on);
        }

        @Override
        public String toString() {
            return method + " " + path + " on " + on;
        }
    }

    static final String APPROVAL = "\"decision\": \"APPROVE\", \"comment\": \"Covered by the QMS.\", "
            + "\"qmsStatementRef\": \"EURAMET TC-Q 2026/01\"}";
    static final String REGISTRATION = "\"type\": \"KEY\", \"organiser\": \"CCEM\", \"metrologyAreaLabel\": \"EM\", "
            + "\"measurand\": \"DC voltage\", \"unit\": \"V\", \"pilot\": \"PTB\", \"participants\": [\"PTB\", \"NIST\"]}";
    /** A receiver nobody listens at, for GULFMET's radiation CMCs only: nothing is ever delivered during a run. */
    static final String WEBHOOK = "{\"url\": \"http://127.0.0.1:9/authorization-matrix\", \"secret\": "
            + "\"matrix-secret-0123456789\", \"rmos\": [\"GULFMET\"], \"areas\": [\"RI\"]}";

    /**
     * How every operation that is not a read is called: on which kind of thing (what its path parameters and a
     * body's {@code {id}} name, see {@link Things}) and with which body ({@code null}: none). One line per write, so
     * a new write endpoint without its line fails the build as a new endpoint without its row does. The OpenAPI
     * schemas carry no required fields, examples or formats, so a body generated from them is of the right types
     * but refused for its content (400/422) before the caller's rights are weighed: the bodies are written out.
     * Tokens in a body: {@code {id}} the thing called on, {@code {unique}} six fresh letters and digits per call,
     * {@code {later}} an instant 120 days on, {@code {cmc}} PTB's complete DC-voltage CMC, {@code {incomplete}} the
     * same without what a submission needs, {@code {record}} a published KCDB record of PTB's with a fresh KCDB
     * code, {@code {nuclides}} the public nuclide table as it is, {@code {kz}} the country KZ's entry as it is;
     * {@link #TEMPLATE_UPLOAD} uploads the import template (multipart).
     */
    static final Map<String, Write> WRITES = Map.ofEntries(
            write("POST /api/cmcs", "-", "{incomplete}"),
            write("POST /api/cmcs/bulk-submit", "complete-draft", "{\"ids\": [\"{id}\"]}"),
            write("POST /api/cmcs/imports", "-", Write.TEMPLATE_UPLOAD),
            write("POST /api/cmcs/validation", "-", "{cmc}"),
            write("DELETE /api/cmcs/{id}", "fresh-draft", null),
            write("PUT /api/cmcs/{id}", "draft", "{incomplete}"),
            write("POST /api/cmcs/{id}/submit", "complete-draft", null),
            write("POST /api/cmcs/{id}/withdraw", "under-review", "{\"reason\": \"The matrix withdraws it.\"}"),
            write("POST /api/cmcs/{kcdbCode}/deletion-requests", "published-cmc",
                    "{\"reason\": \"The service is retired.\"}"),
            write("POST /api/cmcs/{kcdbCode}/modifications", "published-cmc", "{cmc}"),
            write("POST /api/reference-data/{table}", "analytes-table", "{\"value\": \"Matrix analyte {unique}\"}"),
            write("PUT /api/reference-data/{table}", "countries-table", "{kz}"),
            write("POST /api/reference-data/{table}/retirements", "fresh-analyte", "{\"key\": \"{id}\"}"),
            write("POST /api/reviews/bulk-decision", "intra-case", "{\"cases\": [\"{id}\"], " + APPROVAL),
            write("POST /api/reviews/bulk-rmo-decisions", "reviewed-by-sim",
                    "{\"cases\": [\"{id}\"], \"decision\": \"APPROVE\", \"comment\": \"Agreed.\"}"),
            write("POST /api/reviews/bulk-rmo-intents", "inter-case", "{\"cases\": [\"{id}\"], \"willReview\": true}"),
            write("POST /api/reviews/{id}/close", "inter-case", "{\"comment\": \"The JCRB closes it.\"}"),
            write("POST /api/reviews/{id}/comments", "review-case", "{\"text\": \"Which array was used?\"}"),
            write("POST /api/reviews/{id}/deadline", "inter-case", "{\"deadline\": \"{later}\"}"),
            write("POST /api/reviews/{id}/decision", "intra-case", "{" + APPROVAL),
            write("POST /api/reviews/{id}/reviewers", "intra-case", "{\"reviewer\": \"reviewer.lne\"}"),
            write("POST /api/reviews/{id}/rmo-decisions", "reviewed-by-sim",
                    "{\"decision\": \"APPROVE\", \"comment\": \"Agreed.\"}"),
            write("POST /api/reviews/{id}/rmo-intents", "inter-case", "{\"willReview\": true}"),
            write("POST /api/comparisons", "-", "{\"identifier\": \"CCEM-K9.{unique}\", " + REGISTRATION),
            write("POST /api/comparisons/{identifier}/evaluations", "comparison",
                    "{\"method\": \"WEIGHTED_MEAN\", \"coverageFactor\": 2}"),
            write("PUT /api/comparisons/{identifier}/results/{institute}", "comparison", "{\"value\": 1.0000013, "
                    + "\"standardUncertainty\": 0.0000004, \"unit\": \"V\", \"correctionReason\": \"Typo.\"}"),
            write("POST /api/comparisons/{identifier}/status", "planned-comparison", "{\"status\": \"MEASUREMENTS\"}"),
            write("POST /api/kcdb/cmc/export/chemistryAndBiology", "-", "{\"metrologyAreaLabel\": \"QM\"}"),
            write("POST /api/kcdb/cmc/export/physics", "-", "{\"metrologyAreaLabel\": \"EM\"}"),
            write("POST /api/kcdb/cmc/export/quickSearch", "-", "{\"keywords\": \"voltage\"}"),
            write("POST /api/kcdb/cmc/export/radiation", "-", "{\"metrologyAreaLabel\": \"RI\"}"),
            write("POST /api/kcdb/cmc/searchData/chemistryAndBiology", "-", "{\"metrologyAreaLabel\": \"QM\"}"),
            write("POST /api/kcdb/cmc/searchData/physics", "-", "{\"metrologyAreaLabel\": \"EM\"}"),
            write("POST /api/kcdb/cmc/searchData/quickSearch", "-", "{\"keywords\": \"voltage\"}"),
            write("POST /api/kcdb/cmc/searchData/radiation", "-", "{\"metrologyAreaLabel\": \"RI\"}"),
            write("POST /api/kcdb/imports", "-", "[{record}]"),
            write("POST /api/kcdb/imports/comparisons", "-", "[{\"identifier\": \"CCT-K9.{unique}\", "
                    + "\"type\": \"KEY\", \"metrologyAreaLabel\": \"T\", \"status\": \"PLANNED\"}]"),
            write("POST /api/kcdb/imports/reference-data/{table}", "nuclide-table", "{nuclides}"),
            write("POST /api/kcdb/office/cmc/{kcdbCode}/delete", "public-record", "{\"reason\": \"Withdrawn.\"}"),
            write("POST /api/kcdb/office/cmc/{kcdbCode}/grey-out", "public-record", "{\"reason\": \"Expired.\"}"),
            write("POST /api/kcdb/office/cmc/{kcdbCode}/restore", "greyed-out-record", "{\"reason\": \"Renewed.\"}"),
            write("POST /api/subscriptions", "-", WEBHOOK),
            write("DELETE /api/subscriptions/{id}", "fresh-subscription", null),
            write("POST /api/subscriptions/{id}/redeliveries", "subscription", null),
            write("POST /api/notifications/deliveries/{id}/resend", "nothing", null),
            write("PUT /api/notifications/preferences", "-", "{}"),
            write("POST /api/notifications/read-all", "-", null),
            write("POST /api/notifications/{id}/read", "chairs-notification", null));

    /** The kinds of thing a successful call changes: made in the set-up, one for each caller of each operation. */
    static final Set<String> ONE_PER_CALL = Set.of("complete-draft", "under-review", "intra-case", "inter-case",
            "reviewed-by-sim", "published-cmc", "public-record", "greyed-out-record", "planned-comparison",
            "fresh-analyte");

    /** A write: the kind of thing it is called on, and its body ({@code null}: none). */
    record Write(String on, String body) {
        static final String TEMPLATE_UPLOAD = "(the import template, uploaded)";
    }

    private static Map.Entry<String, Write> write(String operation, String on, String body) {
        return Map.entry(operation, new Write(on, body));
    }

    /**
     * The things calls name: of each kind a successful call changes ({@link #ONE_PER_CALL}), one made for each
     * call, so that every caller meets the thing in the state the operation needs; of the other kinds one for all.
     */
    static final class Things {
        final Map<String, String> shared = new HashMap<>();
        final Map<String, Deque<String>> pools = new HashMap<>();
        final Map<String, Supplier<String>> lazy = new HashMap<>();

        String take(String kind) {
            if (pools.containsKey(kind)) {
                return java.util.Objects.requireNonNull(pools.get(kind).poll(), "one " + kind + " for each call");
            }
            if (lazy.containsKey(kind)) {
                return lazy.get(kind).get();
            }
            return shared.get(kind);
        }

        void pool(String kind, List<String> made) {
            pools.put(kind, new ArrayDeque<>(made));
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays(Platform platform) throws Exception {
        Instant begin = Instant.now();
        Map<String, String> tokens = tokens(platform);
        List<Operation> operations = operations();
        Things things = things(new Http(platform.gatewayUrl()), tokens, operations);
        System.out.printf("[e2e] authorization matrix: the things called on made in %d ms%n",
                Duration.between(begin, Instant.now()).toMillis());

        Map<Operation, Map<String, Integer>> observed = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (Operation operation : operations) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (String caller : CALLERS) {
                String thing = things.take(operation.on());
                Result response = call(caller, platform.gatewayUrl(), operation.method(),
                        concrete(operation, thing), body(operation, thing, things), tokens.get(caller));
                int status = statusOf(operation, response);
                row.put(caller, status);
                String where = operation + " by " + caller + ": " + status;
                if (status >= 500) {
                    violations.add(where + " " + response.body());
                }
                if (caller.equals("forged") && status != 401 && !isPublic(operation)) {
                    violations.add(where + " with a forged token, not 401");
                }
                if (response.status() >= 400) {
                    violations.addAll(problemFaults(where, response));
                }
            }
            observed.put(operation, row);
        }
        leaveAsFound(new Http(platform.gatewayUrl()), tokens, things);

        if (writing()) {
            Files.createDirectories(TABLE.getParent());
            Files.writeString(TABLE, render(observed), StandardCharsets.UTF_8);
            System.out.printf("[e2e] authorization matrix written to %s: review every changed row%n",
                    TABLE.toAbsolutePath());
        }
        Map<Operation, Map<String, Integer>> expected = read();
        for (Map.Entry<Operation, Map<String, Integer>> entry : observed.entrySet()) {
            Map<String, Integer> wanted = expected.get(entry.getKey());
            if (wanted == null) {
                violations.add(entry.getKey() + " has no row in " + TABLE + " (observed: " + entry.getValue() + ")");
            } else if (!wanted.equals(entry.getValue())) {
                violations.add(entry.getKey() + ": expected " + wanted + ", observed " + entry.getValue());
            }
        }
        for (Operation gone : expected.keySet()) {
            if (!observed.containsKey(gone)) {
                violations.add(gone + " is in the table but in no service's OpenAPI document");
            }
        }
        System.out.printf("[e2e] authorization matrix: %d operations x %d callers in %d ms%n", observed.size(),
                CALLERS.size(), Duration.between(begin, Instant.now()).toMillis());
        assertThat(violations).as("the authorization matrix").isEmpty();
    }

    /**
     * What the table records of an answer: its status, except for a bulk command, which answers 200 with one result
     * per case (README of the review service) and is called on one case: there the case's own result (200 when
     * done, else the status of its problem), so that a bulk command shows who may act as its single command does.
     */
    static int statusOf(Operation operation, Result response) {
        if (!operation.path().contains("/bulk-") || response.status() != 200) {
            return response.status();
        }
        JsonNode results = Http.JSON.readTree(response.body()).path("results");
        if (results.size() != 1) {
            return response.status(); // not one result for one case: the table shows the whole answer's status
        }
        return results.get(0).has("problem") ? results.get(0).path("problem").path("status").asInt() : 200;
    }

    /** The matrix runs once its table is committed, or when it is asked to write one. */
    static boolean tableOrWriting() {
        return Files.exists(TABLE) || writing();
    }

    static boolean writing() {
        return Boolean.getBoolean("kcdb.matrix.write");
    }

    /** What is wrong with an error answer: not an RFC 9457 problem, or naming internals. */
    static List<String> problemFaults(String where, Result response) {
        List<String> faults = new ArrayList<>();
        if (!response.contentType().startsWith("application/problem+json")) {
            faults.add(where + " as " + response.contentType() + ", not application/problem+json: " + response.body());
            return faults;
        }
        try {
            JsonNode problem = Http.JSON.readTree(response.body());
            if (problem.path("status").asInt() != response.status() || problem.path("title").asText("").isBlank()) {
                faults.add(where + ": a problem body without its status or title: " + response.body());
            }
        } catch (RuntimeException notJson) {
            faults.add(where + ": a problem body that is not JSON: " + response.body());
        }
        Matcher leak = LEAK.matcher(response.body());
        if (leak.find()) {
            faults.add(where + ": the error names internals (" + leak.group() + "): " + response.body());
        }
        return faults;
    }

    private static boolean isPublic(Operation operation) {
        String path = operation.path();
        return (path.startsWith("/api/kcdb/") && !path.startsWith("/api/kcdb/office/")
                && !path.startsWith("/api/kcdb/imports"))
                || path.endsWith("/degrees-of-equivalence.svg");
    }

    private static Map<String, String> tokens(Platform platform) {
        String url = platform.tokenUrl();
        String writer = Http.passwordToken(url, "writer.ptb");
        Map<String, String> tokens = new HashMap<>();
        // A token of the right shape and claims, its signature changed: the gateway's and services' check refuses it.
        String[] parts = writer.split("\\.");
        tokens.put("forged", parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse());
        tokens.put("writer-owner", writer);
        tokens.put("writer-other-institute", Http.passwordToken(url, "writer.npl"));
        tokens.put("chair", Http.passwordToken(url, "chair.euramet"));
        tokens.put("chair-other-rmo", Http.passwordToken(url, "chair.sim"));
        tokens.put("reviewer", Http.passwordToken(url, "reviewer.lne"));
        tokens.put("jcrb", Http.passwordToken(url, "jcrb.secretary"));
        tokens.put("office", Http.passwordToken(url, "kcdb.office"));
        tokens.put("pilot", Http.passwordToken(url, "coordinator.ptb"));
        tokens.put("rmo-subscriber", Http.clientCredentialsToken(url, "rmo-euramet", "rmo-euramet"));
        return tokens;
    }

    /**
     * The things the calls name, made through the API as their users make them. Shared: PTB's incomplete draft (a
     * submit is refused 422, so it stays a draft), PTB's CMC in EURAMET's intra-RMO review and its case, a comparison
     * piloted by PTB with NIST in Draft A with both results and an evaluation, EURAMET's webhook. One per call (see
     * {@link #ONE_PER_CALL}): PTB's complete drafts, CMCs under review, review cases in the intra-RMO review, in the
     * inter-RMO review, and in the inter-RMO review with SIM reviewing; PTB's published CMCs migrated from the KCDB,
     * public records (published, or greyed out), planned comparisons, analytes the office added.
     */
    private static Things things(Http gateway, Map<String, String> tokens, List<Operation> operations) {
        String writer = tokens.get("writer-owner");
        String chair = tokens.get("chair");
        String office = tokens.get("office");
        Map<String, Integer> needed = new HashMap<>();
        operations.stream().filter(operation -> ONE_PER_CALL.contains(operation.on()))
                .forEach(operation -> needed.merge(operation.on(), CALLERS.size(), Integer::sum));
        Things things = new Things();

        things.lazy.put("fresh-draft", () -> created(gateway.post("/api/cmcs", writer, incompleteCmc()), "a draft"));
        things.shared.put("draft", things.take("fresh-draft"));
        things.pool("complete-draft", drafts(gateway, writer, needed.getOrDefault("complete-draft", 0)));

        // Every CMC to be reviewed is submitted in one bulk call; the cases open as the events arrive.
        int intra = needed.getOrDefault("intra-case", 0);
        int inter = needed.getOrDefault("inter-case", 0);
        int bySim = needed.getOrDefault("reviewed-by-sim", 0);
        int underReview = needed.getOrDefault("under-review", 0);
        List<String> submitted = drafts(gateway, writer, 1 + intra + inter + bySim + underReview);
        Http.Response bulk = gateway.post("/api/cmcs/bulk-submit", writer, Map.of("ids", submitted));
        assertThat(bulk.status()).as("PTB's submissions: %s", bulk.body()).isEqualTo(200);
        bulk.body().get("results").forEach(result -> assertThat(result.path("status").asText())
                .as("a submission: %s", result).isEqualTo("SUBMITTED"));
        things.shared.put("submitted", submitted.get(0));
        things.pool("under-review", submitted.subList(submitted.size() - underReview, submitted.size()));
        List<String> cases = casesOf(gateway, chair, submitted.subList(0, 1 + intra + inter + bySim));
        things.shared.put("review-case", cases.get(0));
        things.pool("intra-case", cases.subList(1, 1 + intra));
        List<String> approved = cases.subList(1 + intra, cases.size());
        acted(gateway.post("/api/reviews/bulk-decision", chair, "{\"cases\": " + Http.JSON.writeValueAsString(approved)
                + ", " + APPROVAL), "INTER_RMO_REVIEW");
        things.pool("inter-case", approved.subList(0, inter));
        List<String> reviewedBySim = approved.subList(inter, approved.size());
        if (!reviewedBySim.isEmpty()) {
            acted(gateway.post("/api/reviews/bulk-rmo-intents", tokens.get("chair-other-rmo"),
                    Map.of("cases", reviewedBySim, "willReview", true)), "INTER_RMO_REVIEW");
        }
        things.pool("reviewed-by-sim", reviewedBySim);

        // Published records, imported by the office as the KCDB gave them: PTB's become its published CMCs.
        int migrated = needed.getOrDefault("published-cmc", 0);
        int published = needed.getOrDefault("public-record", 0);
        int greyed = needed.getOrDefault("greyed-out-record", 0);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < migrated + published + greyed; i++) {
            records.add(kcdbRecord());
        }
        Http.Response imported = gateway.post("/api/kcdb/imports", office, records);
        assertThat(imported.status()).as("the office's import: %s", imported.body()).isEqualTo(200);
        List<String> codes = records.stream().map(record -> (String) record.get("kcdbCode")).toList();
        things.pool("published-cmc", codes.subList(0, migrated));
        things.pool("public-record", codes.subList(migrated, migrated + published));
        things.pool("greyed-out-record", codes.subList(migrated + published, codes.size()));
        List<String> greyedOut = codes.subList(migrated + published, codes.size());
        concurrently(greyedOut.size(), i -> {
            int status = gateway.post("/api/kcdb/office/cmc/" + greyedOut.get(i) + "/grey-out", office,
                    Map.of("reason", "Expired.")).status();
            assertThat(status).as("greying out %s", greyedOut.get(i)).isBetween(200, 204);
            return greyedOut.get(i);
        });

        // The comparison: registered, measured by both participants, in Draft A and evaluated once.
        String pilot = tokens.get("pilot");
        String identifier = "CCEM-K9." + unique();
        created(gateway.post("/api/comparisons", pilot, "{\"identifier\": \"" + identifier + "\", " + REGISTRATION),
                "the comparison");
        assertThat(gateway.post("/api/comparisons/" + identifier + "/status", pilot, Map.of("status", "MEASUREMENTS"))
                .status()).isBetween(200, 204);
        for (String institute : List.of("PTB", "NIST")) {
            Http.Response result = gateway.put("/api/comparisons/" + identifier + "/results/" + institute, pilot,
                    Map.of("value", institute.equals("PTB") ? 1.0000012 : 0.9999994, "standardUncertainty", 4e-7,
                            "unit", "V"));
            assertThat(result.status()).as("%s's result: %s", institute, result.body()).isBetween(200, 201);
        }
        assertThat(gateway.post("/api/comparisons/" + identifier + "/status", pilot, Map.of("status", "DRAFT_A"))
                .status()).isBetween(200, 204);
        Http.Response evaluated = gateway.post("/api/comparisons/" + identifier + "/evaluations", pilot,
                Map.of("method", "WEIGHTED_MEAN", "coverageFactor", 2));
        assertThat(evaluated.status()).as("the evaluation: %s", evaluated.body()).isBetween(200, 201);
        things.shared.put("comparison", identifier);
        things.pool("planned-comparison", concurrently(needed.getOrDefault("planned-comparison", 0),
                i -> created(gateway.post("/api/comparisons", pilot, "{\"identifier\": \"CCEM-K9." + unique() + "\", "
                        + REGISTRATION), "a planned comparison")));

        // Reference data: analytes the office adds (to retire), a country and the nuclides as they are.
        things.pool("fresh-analyte", concurrently(needed.getOrDefault("fresh-analyte", 0), i -> {
            String analyte = "Matrix analyte " + unique();
            Http.Response added = gateway.post("/api/reference-data/analytes", office, Map.of("value", analyte));
            assertThat(added.status()).as("an analyte: %s", added.body()).isEqualTo(201);
            return analyte;
        }));
        JsonNode kazakhstan = gateway.get("/api/reference-data/countries?label=KZ", office).body().get("content").get(0);
        things.shared.put("kz", Http.JSON.writeValueAsString(Map.of("label", "KZ",
                "value", kazakhstan.get("value").asText(), "status", kazakhstan.get("status").asText(),
                "rmo", kazakhstan.get("rmo").asText())));
        things.shared.put("nuclides", gateway.get("/api/kcdb/referenceData/nuclide", null).body().toString());
        things.shared.put("template", gateway.text("/api/cmcs/imports/template?format=csv", writer).body());

        // The migrated records reach the submission service as events while the rest was made: wait for them last.
        for (Map<String, Object> record : records.subList(0, migrated)) {
            PlatformEndToEndTest.await("PTB's migrated CMC " + record.get("kcdbCode"), () -> {
                Http.Response found = gateway.get("/api/cmcs/kcdb-" + record.get("id"), writer);
                return found.status() == 200 && "PUBLISHED".equals(found.body().path("status").asText())
                        ? found.body() : null;
            });
        }

        things.lazy.put("fresh-subscription", () -> created(gateway.post("/api/subscriptions",
                tokens.get("rmo-subscriber"), WEBHOOK), "EURAMET's webhook"));
        things.shared.put("subscription", things.take("fresh-subscription"));
        // SIM's chair is told of every inter-RMO review opened above (SIM is asked); EURAMET's chair is told nothing
        // of its own new cases (the review's inbox shows them), so its inbox would depend on other tests' data.
        things.shared.put("chairs-notification", PlatformEndToEndTest.await("a notice for SIM's chair", () -> {
            Http.Response inbox = gateway.get("/api/notifications", tokens.get("chair-other-rmo"));
            JsonNode items = inbox.body() == null ? null : inbox.body().path("content");
            return inbox.status() == 200 && items != null && items.size() > 0 ? items.get(0).path("id") : null;
        }).asText(PLACEHOLDER));
        return things;
    }

    /** A run leaves the shared platform as it found it where others look: no webhook, no added analyte listed. */
    private static void leaveAsFound(Http gateway, Map<String, String> tokens, Things things) {
        for (String caller : List.of("rmo-subscriber", "office")) {
            Http.Response listed = gateway.get("/api/subscriptions", tokens.get(caller));
            if (listed.status() == 200 && listed.body() != null) {
                for (JsonNode subscription : listed.body().has("content") ? listed.body().get("content")
                        : listed.body()) {
                    if (subscription.path("url").asText().endsWith("/authorization-matrix")) {
                        gateway.delete("/api/subscriptions/" + subscription.path("id").asText(), tokens.get(caller));
                    }
                }
            }
        }
        JsonNode analytes = gateway.get("/api/reference-data/analytes", tokens.get("office")).body();
        for (JsonNode analyte : analytes != null && analytes.has("content") ? analytes.get("content") : List.<JsonNode>of()) {
            String key = analyte.path("key").asText();
            if (key.startsWith("Matrix analyte ") && !analyte.path("retired").asBoolean()) {
                gateway.post("/api/reference-data/analytes/retirements", tokens.get("office"), Map.of("key", key));
            }
        }
    }

    /** PTB's complete DC-voltage drafts, {@code count} of them. */
    private static List<String> drafts(Http gateway, String writer, int count) {
        return concurrently(count, i -> created(gateway.post("/api/cmcs", writer, PlatformEndToEndTest.dcVoltageCmc()),
                "a draft"));
    }

    /**
     * {@code count} things made by {@code make}, a few requests at a time (as a client with a connection pool would):
     * the set-up's hundred-odd creations one after the other took most of its minute. In the order of their index.
     */
    private static List<String> concurrently(int count, java.util.function.IntFunction<String> make) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                made.add(pool.submit(() -> make.apply(index)));
            }
            List<String> names = new ArrayList<>();
            for (java.util.concurrent.Future<String> one : made) {
                names.add(one.get());
            }
            return names;
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof Error error) {
                throw error; // an assertion of the set-up, as it would fail unthreaded
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The review cases of the CMCs, in their order, once every one is open. */
    private static List<String> casesOf(Http gateway, String chair, List<String> cmcIds) {
        Map<String, String> byCmc = new HashMap<>();
        PlatformEndToEndTest.await("the review cases of " + cmcIds.size() + " CMCs", () -> {
            Http.Response cases = gateway.get("/api/reviews?stage=INTRA_RMO_REVIEW&size=1000", chair);
            if (cases.status() == 200) {
                cases.body().get("content").forEach(c -> byCmc.put(c.path("cmcId").asText(), c.path("id").asText()));
            }
            return byCmc.keySet().containsAll(cmcIds) ? cases.body() : null;
        });
        return cmcIds.stream().map(byCmc::get).toList();
    }

    /** A bulk command of the set-up: every case done and in {@code stage}. */
    private static void acted(Http.Response bulk, String stage) {
        assertThat(bulk.status()).as("a bulk command of the set-up: %s", bulk.body()).isEqualTo(200);
        bulk.body().get("results").forEach(result -> assertThat(result.path("status").asText())
                .as("a case of the set-up: %s", result).isEqualTo(stage));
    }

    /** The name of what a 201 answer created: its id, identifier (a comparison) or key (a reference entry). */
    private static String created(Http.Response response, String what) {
        assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(201);
        for (String name : List.of("id", "identifier", "key")) {
            if (response.body().hasNonNull(name)) {
                return response.body().get(name).asText();
            }
        }
        throw new AssertionError(what + ": no id in " + response.body());
    }

    private static Map<String, Object> incompleteCmc() {
        Map<String, Object> incomplete = new LinkedHashMap<>(PlatformEndToEndTest.dcVoltageCmc());
        incomplete.remove("traceabilitySource"); // required to submit, not to draft
        incomplete.remove("qmsStatementRef");
        return incomplete;
    }

    /** A record of PTB's as the KCDB API gives it, published, with a KCDB id and code of its own. */
    private static Map<String, Object> kcdbRecord() {
        return PlatformEndToEndTest.kcdbRecord(8_000_000L + RECORDS.getAndIncrement());
    }

    /** KCDB ids of the records a run imports: from a random start, so that runs on one platform never meet. */
    private static final java.util.concurrent.atomic.AtomicLong RECORDS =
            new java.util.concurrent.atomic.AtomicLong(new java.util.Random().nextInt(900_000) * 1_000L);

    /**
     * Six letters and digits, new each time: comparison identifiers and analytes of this run. Exactly six: a
     * comparison identifier's suffix takes at most six, so a seventh (1 draw in 36 before) made a registration 400.
     */
    static String unique() {
        long sixDigits = 36L * 36 * 36 * 36 * 36 * 36;
        long fiveDigits = 36L * 36 * 36 * 36 * 36;
        return Long.toString(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), sixDigits - fiveDigits)
                + fiveDigits, 36);
    }

    /** Every operation of the services' OpenAPI snapshots; a CMC's reads once on the draft, once on the submitted. */
    static List<Operation> operations() throws IOException {
        List<Operation> operations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            Path snapshot = Path.of("..", "services", service, "src", "test", "resources", "openapi.json");
            JsonNode paths = Http.JSON.readTree(Files.readString(snapshot)).get("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    if (!path.getValue().has(method)) {
                        continue;
                    }
                    String name = path.getKey();
                    String on;
                    if (method.equals("get")) {
                        on = readOn(name);
                    } else if (WRITES.containsKey(method.toUpperCase() + " " + name)) {
                        on = WRITES.get(method.toUpperCase() + " " + name).on();
                    } else {
                        missing.add(method.toUpperCase() + " " + name);
                        continue;
                    }
                    Operation operation = new Operation(method.toUpperCase(), name, on);
                    operations.add(operation);
                    if (operation.on().equals("draft") && method.equals("get")) {
                        operations.add(new Operation(operation.method(), name, "submitted"));
                    }
                }
            }
        }
        assertThat(missing).as("writes without their line in AuthorizationMatrixTest.WRITES").isEmpty();
        return operations.stream().sorted().toList();
    }

    /** Which thing a read's path parameters name. */
    private static String readOn(String path) {
        if (!path.contains("{")) {
            return "-";
        }
        if (path.startsWith("/api/cmcs/{id}")) {
            return "draft";
        }
        if (path.startsWith("/api/reviews/{id}")) {
            return "review-case";
        }
        if (path.startsWith("/api/comparisons/{identifier}") || path.startsWith("/api/kcdb/comparisons/{identifier}")) {
            return "comparison";
        }
        if (path.startsWith("/api/subscriptions/{id}")) {
            return "subscription";
        }
        if (path.startsWith("/api/reference-data/{table}")) {
            return "domains-table";
        }
        return "nothing";
    }

    /** The operation's path, its parameters naming {@code thing} (or what its kind names). */
    private static String concrete(Operation operation, String thing) {
        Matcher parameters = PARAMETER.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String name = parameters.group(1);
            String value = switch (name) {
                case "institute" -> "PTB";
                case "number" -> "1";
                case "table" -> switch (operation.on()) {
                    case "domains-table" -> "domains";
                    case "analytes-table", "fresh-analyte" -> "analytes";
                    case "countries-table" -> "countries";
                    case "nuclide-table" -> "nuclide";
                    default -> PLACEHOLDER;
                };
                default -> thing != null ? thing : PLACEHOLDER;
            };
            parameters.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameters.appendTail(path);
        return path.toString();
    }

    /** The body a write sends ({@link #WRITES}), its tokens filled; null for a read or a write without one. */
    private static Body body(Operation operation, String thing, Things things) {
        Write write = WRITES.get(operation.method() + " " + operation.path());
        if (write == null || write.body() == null) {
            return null;
        }
        if (write.body().equals(Write.TEMPLATE_UPLOAD)) {
            String boundary = "authorization-matrix-" + unique();
            return new Body("multipart/form-data; boundary=" + boundary, "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"template.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + things.shared.get("template") + "\r\n--" + boundary + "--\r\n");
        }
        String json = write.body()
                .replace("{id}", thing == null ? "" : thing)
                .replace("{cmc}", Http.JSON.writeValueAsString(PlatformEndToEndTest.dcVoltageCmc()))
                .replace("{incomplete}", Http.JSON.writeValueAsString(incompleteCmc()))
                .replace("{later}", Instant.now().plus(Duration.ofDays(120)).toString())
                .replace("{nuclides}", things.shared.getOrDefault("nuclides", ""))
                .replace("{kz}", things.shared.getOrDefault("kz", ""));
        if (json.contains("{record}")) {
            json = json.replace("{record}", Http.JSON.writeValueAsString(kcdbRecord()));
        }
        while (json.contains("{unique}")) {
            json = json.replaceFirst("\\{unique}", unique());
        }
        return new Body("application/json", json);
    }

    /** What a write sends. */
    record Body(String contentType, String text) {
    }

    /** What a call answered; status 0 when no answer came within the timeout (a stream held open, nothing sent). */
    record Result(int status, String contentType, String body) {
    }

    private static Result call(String caller, String base, String method, String path, Body body, String token)
            throws IOException, InterruptedException {
        HttpClient client = CLIENTS.computeIfAbsent(caller, anyone -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        // An event stream a caller may read answers nothing until its first event: a short wait tells it apart.
        Duration wait = Duration.ofSeconds(path.endsWith("/stream") ? 3 : 10);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(wait);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("PUT") && path.startsWith("/api/cmcs/")) {
            request.header("If-Match", "*"); // RFC 9110: any current version (the draft's is not what is tested)
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", body.contentType())
                    .method(method, HttpRequest.BodyPublishers.ofString(body.text(), StandardCharsets.UTF_8));
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException open) {
            if (method.equals("GET") && !path.endsWith("/stream")) {
                // Only a stream may rightly answer nothing; a read that did (CI once saw two of a thousand) is asked
                // once more before its silence is recorded. A write is not repeated: it may have been done.
                try {
                    response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                } catch (HttpTimeoutException again) {
                    return new Result(0, "", "");
                }
            } else {
                return new Result(0, "", "");
            }
        }
        // An event stream that is granted stays open: its status is what is compared, its events are not read.
        try (InputStream answer = response.body()) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean stream = contentType.startsWith("text/event-stream");
            return new Result(response.statusCode(), contentType,
                    stream ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String render(Map<Operation, Map<String, Integer>> rows) {
        StringBuilder csv = new StringBuilder("""
                # The expected status of every operation for every kind of caller, through the gateway
                # (AuthorizationMatrixTest; regenerate with -Dkcdb.matrix.write=true and review every changed row).
                # on: draft = PTB's incomplete draft, submitted = PTB's CMC in EURAMET's intra-RMO review,
                # review-case = its case, comparison = piloted by PTB with NIST (not NPL), in Draft A with both
                # results and evaluation 1, subscription = EURAMET's webhook, chairs-notification = a notice in SIM's
                # chair's inbox, nothing = a name that names nothing;
                # a new one for each caller: fresh-draft, complete-draft (PTB's, complete), under-review (PTB's CMC
                # submitted), intra-case / inter-case (a case in the intra- / inter-RMO review), reviewed-by-sim
                # (inter-RMO, SIM declared it reviews), published-cmc (PTB's, migrated from the KCDB), public-record /
                # greyed-out-record (published / greyed out in the public KCDB), planned-comparison (PTB pilots),
                # fresh-analyte (added by the office), fresh-subscription. Writes send a valid body
                # (AuthorizationMatrixTest.WRITES); a bulk command's cell is its one case's result (200 or the
                # status of its problem).
                # Callers: writer-owner writer.ptb, writer-other-institute writer.npl (EURAMET too), chair
                # chair.euramet, chair-other-rmo chair.sim, reviewer reviewer.lne (EURAMET, not assigned), jcrb
                # jcrb.secretary, office kcdb.office, pilot coordinator.ptb, rmo-subscriber the rmo-euramet client;
                # forged is writer.ptb's token with its signature changed. 0 = an event stream held open.
                """);
        csv.append("method,path,on,").append(String.join(",", CALLERS)).append('\n');
        rows.forEach((operation, row) -> {
            csv.append(operation.method()).append(',').append(operation.path()).append(',').append(operation.on());
            CALLERS.forEach(caller -> csv.append(',').append(row.get(caller)));
            csv.append('\n');
        });
        return csv.toString();
    }

    private static Map<Operation, Map<String, Integer>> read() throws IOException {
        Map<Operation, Map<String, Integer>> rows = new TreeMap<>();
        if (!Files.exists(TABLE)) {
            return rows;
        }
        List<String> header = null;
        try (Stream<String> lines = Files.lines(TABLE, StandardCharsets.UTF_8)) {
            for (String line : lines.toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                if (header == null) {
                    header = List.of(cells);
                    assertThat(header.subList(3, header.size())).as("the table's callers").isEqualTo(CALLERS);
                    continue;
                }
                Map<String, Integer> row = new LinkedHashMap<>();
                for (int i = 3; i < cells.length; i++) {
                    row.put(header.get(i), Integer.parseInt(cells[i].strip()));
                }
                rows.put(new Operation(cells[0].strip(), cells[1].strip(), cells[2].strip()), row);
            }
        }
        return rows;
    }
}
