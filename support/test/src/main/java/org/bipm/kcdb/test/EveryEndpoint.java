package org.bipm.kcdb.test;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.bson.Document;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based checks of every endpoint of a service over HTTP, generated from its OpenAPI snapshot
 * ({@code src/test/resources/openapi.json}, pinned by {@link ContractSnapshot}): for each operation in turn, path
 * parameters, query parameters and a JSON body are generated from the document's schemas (jqwik arbitraries: the
 * declared types, their edges, the wrong types, junk strings, missing and unknown fields, bodies that are not the
 * declared shape, multipart without a boundary) and sent by one of the given callers. Event streams are opened with
 * their generated parameters, their status read within a short wait, and closed. Every answer must be 2xx or
 * 4xx, never 5xx; every 4xx an RFC 9457 problem ({@code application/problem+json} with its status); and a refused
 * request must leave the service's database as it found it.
 *
 * <p>Seeded: the same cases on every run ({@code kcdb.endpoints.seed} to try others); four cases per operation in
 * every build, or {@code kcdb.endpoints.tries} in all when more (the profile {@code properties-long} sets 5000). A
 * failure names the seed, the case and the answer.
 */
public final class EveryEndpoint {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    /** What the relay and the consumers change on their own: not a request's doing. */
    private static final Set<String> BACKGROUND_COLLECTIONS = Set.of("processed_events");
    /** The outbox and its pending marker (OutboxEvent.PENDING), both emptied by the relay on its own. */
    private static final List<String> BACKGROUND_FIELDS = List.of("outbox", "_outboxPending");
    /** How long an event stream is given to answer before it counts as held open. */
    private static final Duration STREAM_WAIT = Duration.ofSeconds(2);
    private static final HttpClient STREAMS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, List<String>> known = new LinkedHashMap<>();
    private final Map<String, java.util.Iterator<Object>> streams = new java.util.HashMap<>();
    private final Set<String> background = new java.util.HashSet<>(BACKGROUND_COLLECTIONS);

    /**
     * One operation of the document, with its parameters and the schema of its JSON body (or null); {@code stream}
     * when it answers an event stream.
     */
    record Operation(String method, String path, List<JsonNode> parameters, JsonNode body, String bodyType,
                     boolean stream) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** One generated request and what it answered. */
    public record Case(String operation, String caller, String uri, String body, int status, String contentType,
                       String answer) {
    }

    private EveryEndpoint(JsonNode document) {
        this.document = document;
        document.path("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().get(method);
            if (operation == null) {
                return;
            }
            List<JsonNode> parameters = new ArrayList<>();
            operation.path("parameters").forEach(parameters::add);
            JsonNode content = operation.path("requestBody").path("content");
            String bodyType = content.propertyNames().stream().findFirst().orElse(null);
            JsonNode body = bodyType == null ? null : content.path(bodyType).path("schema");
            operations.add(new Operation(method, path.getKey(), parameters, body, bodyType,
                    isEventStream(operation)));
        }));
    }

    /** The operations of this service's OpenAPI snapshot (the test's working directory is the module's). */
    public static EveryEndpoint ofSnapshot() {
        try {
            return new EveryEndpoint(JSON.readTree(Files.readString(Path.of("src", "test", "resources",
                    "openapi.json"))));
        } catch (IOException e) {
            throw new IllegalStateException("No OpenAPI snapshot of this service", e);
        }
    }

    public int operations() {
        return operations.size();
    }

    /**
     * Values that name something stored (a draft's id, a comparison's identifier), used for path parameters of
     * that name half the time, so that generated bodies reach the rules behind the "not found".
     */
    public EveryEndpoint knowing(String pathParameter, String... values) {
        known.put(pathParameter, List.of(values));
        return this;
    }

    /** Collections the service's own background work writes (a mail sender's deliveries): not compared. */
    public EveryEndpoint ignoring(String... collections) {
        background.addAll(List.of(collections));
        return this;
    }

    /**
     * The callers of CONTRACT.md §1 as the realm has them, one of each kind, and no token at all: each generated
     * request is sent by one of them, so the entitled reach the checks behind the role check.
     */
    public static Map<String, String> demoCallers() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        for (String user : List.of("writer.ptb", "writer.npl", "chair.euramet", "chair.sim", "reviewer.lne",
                "jcrb.secretary", "kcdb.office", "coordinator.ptb")) {
            callers.put(user, DemoUsers.token(user));
        }
        callers.put("rmo-euramet", DemoUsers.token("service-account-rmo-euramet", List.of("rmo-subscriber"),
                Map.of("rmo", "EURAMET")));
        return callers;
    }

    /**
     * Sends the generated cases to the service on {@code port}, each by one of {@code callers} (name → token, a null token is anonymous), and
     * returns every case that broke a rule, with what it answered.
     *
     * @param databaseUri the service's database, compared before and after every refused request
     */
    public List<String> check(int port, Map<String, String> callers, String databaseUri) {
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(30));
        String base = "http://127.0.0.1:" + port;
        long seed = Long.getLong("kcdb.endpoints.seed", 17L);
        int tries = Math.max(Integer.getInteger("kcdb.endpoints.tries", 0), operations.size() * 4);
        // jqwik's source of randomness for this thread, seeded: the same cases, in the same order, on every run
        Random random = SourceOfRandomness.create(String.valueOf(seed));
        List<String> names = new ArrayList<>(callers.keySet());
        List<String> faults = new ArrayList<>();
        long begin = System.nanoTime();
        long sendingNanos = 0;
        try (MongoClient mongo = MongoClients.create(databaseUri)) {
            MongoDatabase database = mongo.getDatabase(databaseUri.substring(databaseUri.lastIndexOf('/') + 1));
            String stored = settled(database);
            for (int i = 0; i < tries; i++) {
                Operation operation = operations.get(i % operations.size());
                String caller = names.get(random.nextInt(names.size()));
                long sending = System.nanoTime();
                Case sent = send(http, base, operation, caller, callers.get(caller), random);
                sendingNanos += System.nanoTime() - sending;
                String fault = fault(sent);
                if (fault != null) {
                    faults.add("seed " + seed + ", case " + i + ": " + fault + "\n  " + sent);
                }
                if (sent.status() >= 400) {
                    String after = digest(database);
                    if (!after.equals(stored)) {
                        faults.add("seed " + seed + ", case " + i + ": refused " + sent.status()
                                + " but the stored data changed\n  " + sent);
                        stored = settled(database);
                    }
                } else if (!operation.method().equals("get")) {
                    stored = settled(database);
                }
            }
        }
        System.out.printf("[every endpoint] %d generated requests over %d operations in %d ms, %d ms of them "
                + "generating and sending (seed %d)%n", tries, operations.size(),
                (System.nanoTime() - begin) / 1_000_000, sendingNanos / 1_000_000, seed);
        return faults;
    }

    private static String fault(Case sent) {
        if (sent.status() >= 500) {
            return "answered " + sent.status();
        }
        if (sent.status() >= 400) {
            if (!sent.contentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                return "refused " + sent.status() + " as " + sent.contentType() + ", not a problem";
            }
            try {
                if (JSON.readTree(sent.answer()).path("status").asInt() != sent.status()) {
                    return "a problem without its status";
                }
            } catch (RuntimeException notJson) {
                return "a problem body that is not JSON";
            }
        }
        return null;
    }

    private Case send(WebTestClient http, String base, Operation operation, String caller, String token, Random random) {
        // The query apart from the path template: a generated value may hold braces that are no template's.
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        Map<String, Object> pathValues = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asString();
            JsonNode schema = resolve(parameter.path("schema"));
            if (schema.has("properties")) {
                continue; // an argument springdoc shows as a parameter (the caller), not one a client sends
            }
            switch (parameter.path("in").asString()) {
                case "path" -> pathValues.put(name, known.containsKey(name) && random.nextBoolean()
                        ? known.get(name).get(random.nextInt(known.get(name).size()))
                        : text(sample("scalar " + schema, () -> scalar(schema))));
                case "query" -> {
                    if (parameter.path("required").asBoolean() || random.nextInt(3) > 0) {
                        query.queryParam(name, text(sample("scalar " + schema, () -> scalar(schema))));
                    }
                }
                default -> {
                }
            }
        }
        for (String name : operation.path().replaceAll("[^{]*\\{([^}]+)}[^{]*", "$1,").split(",")) {
            if (!name.isBlank() && !pathValues.containsKey(name)) {
                pathValues.put(name, text(sample("any string", EveryEndpoint::anyString)));
            }
        }
        String target = UriComponentsBuilder.fromPath(operation.path()).encode().buildAndExpand(pathValues)
                .toUriString() + query.build().encode().toUriString();
        String body = null;
        MediaType type = MediaType.APPLICATION_JSON;
        if (operation.bodyType() != null) {
            if (operation.bodyType().startsWith("multipart/")) {
                // Uploads: a multipart type without its boundary, or with one the body does not have.
                type = random.nextBoolean() ? MediaType.MULTIPART_FORM_DATA
                        : MediaType.parseMediaType("multipart/form-data; boundary=matrix");
                body = text(sample("any string", EveryEndpoint::anyString));
            } else if (random.nextInt(8) == 0) {
                body = text(sample("any string", EveryEndpoint::anyString)); // not JSON at all
            } else {
                body = JSON.writeValueAsString(sample("body " + operation,
                        () -> value(resolve(operation.body()), 0)));
            }
        }
        if (operation.stream()) {
            return opened(base + target, operation, caller, token);
        }
        WebTestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(operation.method().toUpperCase()))
                .uri(java.net.URI.create(base + target)); // encoded once, here
        if (token != null) {
            request.headers(headers -> headers.setBearerAuth(token));
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.contentType(type).bodyValue(body.getBytes(StandardCharsets.UTF_8));
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        MediaType answered = result.getResponseHeaders().getContentType();
        byte[] answer = result.getResponseBody();
        return new Case(operation.toString(), caller, target, body, result.getStatus().value(),
                answered == null ? "" : answered.toString(),
                answer == null ? "" : new String(answer, StandardCharsets.UTF_8));
    }

    /**
     * An event stream, called in a bounded way: opened, its status and headers read (and, when refused, its problem
     * body), then closed. A stream that is granted may send nothing for a long while: no answer within
     * {@link #STREAM_WAIT} is taken as held open (status 0), which is no fault; a refusal or a failure is answered at
     * once.
     */
    private static Case opened(String uri, Operation operation, String caller, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(STREAM_WAIT)
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = STREAMS.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String type = response.headers().firstValue("Content-Type").orElse("");
                // a granted stream's events are not read: the status is what is checked
                String answer = response.statusCode() >= 300 || !type.startsWith("text/event-stream")
                        ? new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8) : "";
                return new Case(operation.toString(), caller, uri, null, response.statusCode(), type, answer);
            }
        } catch (HttpTimeoutException heldOpen) {
            return new Case(operation.toString(), caller, uri, null, 0, "", "");
        } catch (IOException e) {
            throw new IllegalStateException(operation + " by " + caller + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next value of an arbitrary: one stream per kind of value, drawn from the thread's seeded source (as
     * {@code random} is), so a kind's generator and its edge cases are set up once, not for every value.
     */
    private Object sample(String kind, Supplier<Arbitrary<?>> arbitrary) {
        return streams.computeIfAbsent(kind, k -> arbitrary.get().sampleStream().map(v -> (Object) v).iterator())
                .next();
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof String s ? s : JSON.writeValueAsString(value);
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String name = resolved.path("$ref").asString().replace("#/components/schemas/", "");
            resolved = document.path("components").path("schemas").path(name);
        }
        return resolved;
    }

    /** A value for a schema: mostly of its type (with the type's edges), sometimes null or of another type. */
    private Arbitrary<Object> value(JsonNode schema, int depth) {
        Arbitrary<Object> declared = switch (schema.path("type").asString("")) {
            case "object" -> depth > 3 ? Arbitraries.just(Map.of()) : object(schema, depth);
            case "array" -> {
                Arbitrary<Object> item = depth > 3 ? Arbitraries.just("x") : value(resolve(schema.path("items")),
                        depth + 1);
                yield item.list().ofMaxSize(4).map(list -> (Object) list);
            }
            default -> schema.has("properties") ? object(schema, depth) : scalar(schema);
        };
        return Arbitraries.frequencyOf(Tuple.of(12, declared), Tuple.of(1, anyScalar())).injectNull(0.07);
    }

    private Arbitrary<Object> object(JsonNode schema, int depth) {
        Map<String, Arbitrary<Object>> fields = new TreeMap<>();
        schema.path("properties").properties().forEach(property ->
                fields.put(property.getKey(), value(resolve(property.getValue()), depth + 1)));
        fields.put("unexpected" + depth, anyScalar());
        List<Arbitrary<Map<String, Object>>> parts = new ArrayList<>();
        fields.forEach((name, field) -> parts.add(Arbitraries.frequencyOf(
                Tuple.of(name.startsWith("unexpected") ? 6 : 1, Arbitraries.just(Map.<String, Object>of())),
                Tuple.of(name.startsWith("unexpected") ? 1 : 4,
                        field.map(value -> { Map<String, Object> one = new LinkedHashMap<>(); one.put(name, value);
                            return one; })))));
        Arbitrary<Map<String, Object>> whole = Arbitraries.just(new LinkedHashMap<>());
        for (Arbitrary<Map<String, Object>> part : parts) {
            whole = whole.flatMap(sofar -> part.map(more -> {
                Map<String, Object> merged = new LinkedHashMap<>(sofar);
                merged.putAll(more);
                return merged;
            }));
        }
        return whole.map(map -> (Object) map);
    }

    private static Arbitrary<Object> scalar(JsonNode schema) {
        List<String> enumerated = new ArrayList<>();
        schema.path("enum").forEach(value -> enumerated.add(value.asString()));
        Arbitrary<Object> declared = switch (schema.path("type").asString("")) {
            case "integer" -> Arbitraries.oneOf(Arbitraries.integers().between(-3, 300).map(n -> (Object) n),
                    Arbitraries.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000)
                            .map(n -> (Object) n));
            case "number" -> Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6).map(n -> (Object) n),
                    Arbitraries.of(0.0, -0.0, 1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, -1.0)
                            .map(n -> (Object) n));
            case "boolean" -> Arbitraries.of(true, false).map(b -> (Object) b);
            default -> {
                String format = schema.path("format").asString("");
                if (format.equals("date-time") || format.equals("date")) {
                    yield Arbitraries.of("2026-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z",
                            "-999999999-01-01T00:00:00Z", "1970-01-01", "9999-12-31T23:59:60Z", "yesterday")
                            .map(s -> (Object) s);
                }
                yield enumerated.isEmpty() ? anyString().map(s -> (Object) s)
                        : Arbitraries.oneOf(Arbitraries.of(enumerated).map(s -> (Object) s),
                                anyString().map(s -> (Object) s));
            }
        };
        return Arbitraries.frequencyOf(Tuple.of(6, declared),
                Tuple.of(1, anyScalar()));
    }

    private static Arbitrary<Object> anyScalar() {
        return Arbitraries.oneOf(anyString().map(s -> (Object) s),
                Arbitraries.integers().map(n -> (Object) n),
                Arbitraries.of(true, 1e300, -1.5).map(v -> (Object) v),
                Arbitraries.just(List.of()), Arbitraries.just(Map.of()));
    }

    /** Strings as an attacker or a careless client sends them. */
    private static Arbitrary<String> anyString() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(24),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("", " ", "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*", "..", "../..", "%", "%00",
                        "\u0000", "\t\n", "{\"$gt\":\"\"}", "$where", "'; drop", "<script>", "null", "NaN",
                        "-1", "EURAMET-EM-DE-0000001A-1", "PTB", "CCM.M-K1", "x".repeat(5_000), "\uD800"));
    }

    private static boolean isEventStream(JsonNode operation) {
        return operation.path("responses").toString().contains("text/event-stream");
    }

    /** The stored data once the service has finished what the last accepted request set off. */
    private String settled(MongoDatabase database) {
        String last = digest(database);
        for (int i = 0; i < 20; i++) {
            sleep(Duration.ofMillis(100));
            String now = digest(database);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private String digest(MongoDatabase database) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String collection : Flux.from(database.listCollectionNames()).sort().collectList().block()) {
                if (background.contains(collection)) {
                    continue;
                }
                sha.update(collection.getBytes(StandardCharsets.UTF_8));
                List<String> documents = new ArrayList<>();
                for (Document document : Flux.from(database.getCollection(collection).find()).toIterable()) {
                    BACKGROUND_FIELDS.forEach(document::remove);
                    documents.add(document.toJson());
                }
                documents.sort(null);
                documents.forEach(document -> sha.update(document.getBytes(StandardCharsets.UTF_8)));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
