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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * taking part (NPL does not), an EURAMET webhook; a deletion gets a fresh thing of its own for every caller. Writes
 * send {@code {}} and the draft written to is incomplete, so nothing a caller is refused or allowed changes what the
 * next caller sees, and a run leaves the shared platform's published data as it found it. Beyond the table: no call
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

    /** The things path parameters name. */
    record Things(String draft, String submitted, String reviewCase, String comparison,
                  String subscription, Supplier<String> freshDraft, Supplier<String> freshSubscription) {
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays(Platform platform) throws Exception {
        Instant begin = Instant.now();
        Map<String, String> tokens = tokens(platform);
        Things things = things(new Http(platform.gatewayUrl()), tokens);

        Map<Operation, Map<String, Integer>> observed = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (Operation operation : operations()) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (String caller : CALLERS) {
                String path = concrete(operation, things);
                Result response = call(caller, platform.gatewayUrl(), operation.method(), path,
                        tokens.get(caller));
                int status = response.status();
                row.put(caller, status);
                String where = operation + " by " + caller + ": " + status;
                if (status >= 500) {
                    violations.add(where + " " + response.body());
                }
                if (caller.equals("forged") && status != 401 && !isPublic(operation)) {
                    violations.add(where + " with a forged token, not 401");
                }
                if (status >= 400) {
                    violations.addAll(problemFaults(where, response));
                }
            }
            observed.put(operation, row);
        }
        // A run leaves the platform as it found it: the webhook goes (the drafts are PTB's own, never submitted).
        call("rmo-subscriber", platform.gatewayUrl(), "DELETE", "/api/subscriptions/" + things.subscription(),
                tokens.get("rmo-subscriber"));

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
     * The things the calls name: PTB's incomplete draft (a submit is refused 422, so it stays a draft), PTB's CMC
     * submitted into EURAMET's intra-RMO review and its case, a comparison piloted by PTB with NIST, EURAMET's webhook.
     */
    private static Things things(Http gateway, Map<String, String> tokens) {
        String writer = tokens.get("writer-owner");
        Supplier<String> freshDraft = () -> {
            Map<String, Object> incomplete = new LinkedHashMap<>(PlatformEndToEndTest.dcVoltageCmc());
            incomplete.remove("traceabilitySource"); // required to submit, not to draft
            incomplete.remove("qmsStatementRef");
            Http.Response created = gateway.post("/api/cmcs", writer, incomplete);
            assertThat(created.status()).as("PTB's draft: %s", created.body()).isEqualTo(201);
            return created.body().get("id").asText();
        };
        Http.Response submitted = gateway.post("/api/cmcs", writer, PlatformEndToEndTest.dcVoltageCmc());
        assertThat(submitted.status()).isEqualTo(201);
        String submittedId = submitted.body().get("id").asText();
        assertThat(gateway.post("/api/cmcs/" + submittedId + "/submit", writer, "").status()).isEqualTo(200);

        String identifier = "CCEM-K" + (900 + Math.floorMod(UUID.randomUUID().hashCode(), 99));
        Http.Response registered = gateway.post("/api/comparisons", tokens.get("pilot"), Map.of(
                "identifier", identifier, "type", "KEY", "organiser", "CCEM", "metrologyAreaLabel", "EM",
                "measurand", "DC voltage", "unit", "V", "pilot", "PTB", "participants", List.of("PTB", "NIST")));
        assertThat(registered.status()).as("the comparison: %s", registered.body()).isEqualTo(201);

        // A receiver nobody listens at, for GULFMET's radiation CMCs only: nothing is ever delivered during a run.
        Supplier<String> freshSubscription = () -> {
            Http.Response webhook = gateway.post("/api/subscriptions", tokens.get("rmo-subscriber"), Map.of(
                    "url", "http://127.0.0.1:9/authorization-matrix", "secret", "matrix-secret-0123456789",
                    "rmos", List.of("GULFMET"), "areas", List.of("RI")));
            assertThat(webhook.status()).as("EURAMET's webhook: %s", webhook.body()).isEqualTo(201);
            return webhook.body().get("id").asText();
        };

        JsonNode reviewCase = PlatformEndToEndTest.await("the review case of " + submittedId, () -> {
            Http.Response cases = gateway.get("/api/reviews?cmcId=" + submittedId, tokens.get("chair"));
            return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0) : null;
        });
        return new Things(freshDraft.get(), submittedId, reviewCase.get("id").asText(), identifier,
                freshSubscription.get(), freshDraft, freshSubscription);
    }

    /** Every operation of the services' OpenAPI snapshots; a CMC's reads once on the draft, once on the submitted. */
    static List<Operation> operations() throws IOException {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            Path snapshot = Path.of("..", "services", service, "src", "test", "resources", "openapi.json");
            JsonNode paths = Http.JSON.readTree(Files.readString(snapshot)).get("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    if (!path.getValue().has(method)) {
                        continue;
                    }
                    String name = path.getKey();
                    Operation operation = new Operation(method.toUpperCase(), name, on(method, name));
                    operations.add(operation);
                    if (operation.on().equals("draft") && method.equals("get")) {
                        operations.add(new Operation(operation.method(), name, "submitted"));
                    }
                }
            }
        }
        return operations.stream().sorted().toList();
    }

    /** Which thing an operation's path parameters name. */
    private static String on(String method, String path) {
        if (!path.contains("{")) {
            return "-";
        }
        if (path.startsWith("/api/cmcs/{id}")) {
            return method.equals("delete") ? "fresh-draft" : "draft";
        }
        if (path.startsWith("/api/reviews/{id}")) {
            return "review-case";
        }
        if (path.startsWith("/api/comparisons/{identifier}") || path.startsWith("/api/kcdb/comparisons/{identifier}")) {
            return "comparison";
        }
        if (path.startsWith("/api/subscriptions/{id}")) {
            return method.equals("delete") ? "fresh-subscription" : "subscription";
        }
        if (path.startsWith("/api/reference-data/{table}")) {
            return "domains-table";
        }
        return "nothing";
    }

    private static String concrete(Operation operation, Things things) {
        Matcher parameters = PARAMETER.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String value = switch (operation.on() + "/" + parameters.group(1)) {
                case "draft/id" -> things.draft();
                case "fresh-draft/id" -> things.freshDraft().get();
                case "submitted/id" -> things.submitted();
                case "review-case/id" -> things.reviewCase();
                case "comparison/identifier" -> things.comparison();
                case "comparison/institute" -> "PTB";
                case "subscription/id" -> things.subscription();
                case "fresh-subscription/id" -> things.freshSubscription().get();
                case "domains-table/table" -> "domains";
                default -> parameters.group(1).equals("number") ? "1" : PLACEHOLDER;
            };
            parameters.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameters.appendTail(path);
        return path.toString();
    }

    /** What a call answered; status 0 when no answer came within the timeout (a stream held open, nothing sent). */
    record Result(int status, String contentType, String body) {
    }

    private static Result call(String caller, String base, String method, String path, String token)
            throws IOException, InterruptedException {
        HttpClient client = CLIENTS.computeIfAbsent(caller, anyone -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        // An event stream a caller may read answers nothing until its first event: a short wait tells it apart.
        Duration wait = Duration.ofSeconds(path.endsWith("/stream") ? 3 : 10);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(wait);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
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
        try (InputStream body = response.body()) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean stream = contentType.startsWith("text/event-stream");
            return new Result(response.statusCode(), contentType,
                    stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String render(Map<Operation, Map<String, Integer>> rows) {
        StringBuilder csv = new StringBuilder("""
                # The expected status of every operation for every kind of caller, through the gateway
                # (AuthorizationMatrixTest; regenerate with -Dkcdb.matrix.write=true and review every changed row).
                # on: draft = PTB's incomplete draft, submitted = PTB's CMC in EURAMET's intra-RMO review,
                # review-case = its case, comparison = piloted by PTB with NIST (not NPL), subscription = EURAMET's
                # webhook, fresh-* = a new one for each caller, nothing = a name that names nothing. Writes send {}.
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
