package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix, generated from the contract: every operation of every service's OpenAPI document, called
 * through the gateway by every kind of caller, against the expected status in one committed table
 * ({@code src/test/resources/authorization-matrix.csv}). An operation without a row fails the build, so a new
 * endpoint is placed in the matrix by whoever adds it.
 *
 * <p>Path parameters name nothing that exists (a placeholder), except a CMC draft of PTB's for the CMC paths read
 * with GET, so that "the owner" and "another institute" differ where it matters; writes go to the placeholder (a
 * matrix run leaves the shared platform as it found it) with an empty JSON object. Beyond the table: no call ever
 * answers 5xx, a forged token is 401 everywhere a token is needed, and every error is
 * {@code application/problem+json}.
 *
 * <p>To regenerate the table after an intended change: {@code -Dkcdb.matrix.write=true}, then review the diff.
 */
@ExtendWith(SharedPlatform.class)
class AuthorizationMatrixTest {

    static final Path TABLE = Path.of("src/test/resources/authorization-matrix.csv");
    static final String PLACEHOLDER = "matrix-none";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** An internal host or port, a Java class or a stack frame in an error body tells an attacker the layout. */
    static final Pattern LEAK = Pattern.compile("127\\.0\\.0\\.1|localhost|:80[0-9]{2}\\b|\\b(java|javax|org\\.springframework"
            + "|org\\.bipm|reactor|io\\.netty|com\\.mongodb|tools\\.jackson)\\.[a-z]|Exception\\b|\\bat [a-z]+\\.");

    /** The callers, in the table's column order. */
    static final List<String> CALLERS = List.of("anonymous", "forged", "writer-owner", "writer-other-institute",
            "reviewer", "chair", "chair-other-rmo", "jcrb", "office", "coordinator", "rmo-subscriber");

    record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation o) {
            int byPath = path.compareTo(o.path);
            return byPath != 0 ? byPath : method.compareTo(o.method);
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays(Platform platform) throws Exception {
        Map<String, String> tokens = tokens(platform);
        Http gateway = new Http(platform.gatewayUrl());
        String draft = gateway.post("/api/cmcs", tokens.get("writer-owner"), PlatformEndToEndTest.dcVoltageCmc())
                .body().get("id").asText();

        Map<Operation, Map<String, Integer>> observed = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (Operation operation : operations(platform)) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (String caller : CALLERS) {
                String path = concrete(operation, draft);
                Result response = call(platform.gatewayUrl(), operation.method(), path, tokens.get(caller));
                int status = response.status();
                row.put(caller, status);
                String contentType = response.contentType();
                if (status >= 500) {
                    violations.add(operation + " by " + caller + ": " + status + " " + response.body());
                }
                if (caller.equals("forged") && status != 401 && !isPublic(operation)) {
                    violations.add(operation + " with a forged token: " + status + ", not 401");
                }
                if (status >= 400 && !contentType.startsWith("application/problem+json")) {
                    violations.add(operation + " by " + caller + ": " + status + " as " + contentType);
                }
                if (status >= 400 && LEAK.matcher(response.body()).find()) {
                    violations.add(operation + " by " + caller + ": the error names internals: " + response.body());
                }
            }
            observed.put(operation, row);
        }

        if (Boolean.getBoolean("kcdb.matrix.write")) {
            Files.writeString(TABLE, render(observed), StandardCharsets.UTF_8);
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
        assertThat(violations).as("the authorization matrix").isEmpty();
    }

    private static boolean isPublic(Operation operation) {
        return (operation.path().startsWith("/api/kcdb/") && !operation.path().startsWith("/api/kcdb/office/")
                && !operation.path().startsWith("/api/kcdb/imports"))
                || operation.path().endsWith("/degrees-of-equivalence.svg");
    }

    private static Map<String, String> tokens(Platform platform) {
        String url = platform.tokenUrl();
        String writer = Http.passwordToken(url, "writer.ptb");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        // A token of the right shape and claims, its signature changed: the gateway's and services' check refuses it.
        String[] parts = writer.split("\\.");
        tokens.put("forged", parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse());
        tokens.put("writer-owner", writer);
        tokens.put("writer-other-institute", Http.passwordToken(url, "writer.npl"));
        tokens.put("reviewer", Http.passwordToken(url, "reviewer.lne"));
        tokens.put("chair", Http.passwordToken(url, "chair.euramet"));
        tokens.put("chair-other-rmo", Http.passwordToken(url, "chair.sim"));
        tokens.put("jcrb", Http.passwordToken(url, "jcrb.secretary"));
        tokens.put("office", Http.passwordToken(url, "kcdb.office"));
        tokens.put("coordinator", Http.passwordToken(url, "coordinator.ptb"));
        tokens.put("rmo-subscriber", Http.clientCredentialsToken(url, "rmo-euramet", "rmo-euramet"));
        return tokens;
    }

    /** Every operation of the four services' OpenAPI documents (read from each service, as springdoc serves it). */
    private static List<Operation> operations(Platform platform) throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (Platform.Service service : platform.services()) {
            HttpResponse<String> docs = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(docs.statusCode()).as(service.name() + "'s OpenAPI document").isEqualTo(200);
            JsonNode paths = Http.JSON.readTree(docs.body()).get("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    if (path.getValue().has(method)) {
                        operations.add(new Operation(method.toUpperCase(), path.getKey()));
                    }
                }
            }
        }
        return operations.stream().sorted().toList();
    }

    private static String concrete(Operation operation, String draft) {
        boolean cmcRead = operation.method().equals("GET") && operation.path().startsWith("/api/cmcs/{");
        Matcher parameters = PARAMETER.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        boolean first = true;
        while (parameters.find()) {
            parameters.appendReplacement(path, cmcRead && first ? draft : PLACEHOLDER);
            first = false;
        }
        parameters.appendTail(path);
        return path.toString();
    }

    /** What a call answered; status 0 when no answer came within the timeout (a stream held open, nothing sent). */
    record Result(int status, String contentType, String body) {
    }

    private static Result call(String base, String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        HttpResponse<java.io.InputStream> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException open) {
            return new Result(0, "", "");
        }
        // An event stream that is granted stays open: its status is what is compared, its events are not read.
        try (java.io.InputStream body = response.body()) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean stream = contentType.startsWith("text/event-stream");
            return new Result(response.statusCode(), contentType,
                    stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String render(Map<Operation, Map<String, Integer>> rows) {
        StringBuilder csv = new StringBuilder("# The expected status of every operation for every kind of caller "
                + "(AuthorizationMatrixTest).\n# Path parameters name nothing that exists, except a CMC draft of "
                + "PTB's for GET /api/cmcs/{id}...; writes send {}.\nmethod,path," + String.join(",", CALLERS)
                + "\n");
        rows.forEach((operation, row) -> {
            csv.append(operation.method()).append(',').append(operation.path());
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
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            if (header == null) {
                header = List.of(cells);
                assertThat(header.subList(2, header.size())).as("the table's callers").isEqualTo(CALLERS);
                continue;
            }
            Map<String, Integer> row = new LinkedHashMap<>();
            for (int i = 2; i < cells.length; i++) {
                row.put(header.get(i), Integer.parseInt(cells[i].strip()));
            }
            rows.put(new Operation(cells[0].strip(), cells[1].strip()), row);
        }
        return rows;
    }
}
