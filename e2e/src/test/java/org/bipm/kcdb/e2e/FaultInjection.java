package org.bipm.kcdb.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bipm.kcdb.platform.ChildProcess;
import org.bipm.kcdb.platform.Platform;
import tools.jackson.databind.JsonNode;

/**
 * CMC workflows from draft to published while the platform's processes are killed and restarted (issue 16, item 7),
 * driven through the gateway as {@link PlatformBenchmarks#pipeline} drives them (its helpers: tokens, CSV import,
 * the writers' lists, the public search).
 *
 * <p>Every CMC of the run is imported as a draft before the first fault. The run is cut into waves; each wave is
 * bulk-submitted, waits for its review cases, is approved by the submitting RMOs' TC chairs, declared and approved by
 * the five other RMOs, and waits until its writers see it published. A wave's faults start while it runs (right after
 * its submission, or right after its intra-RMO approval), and the next wave starts only when they are over (the
 * process back and ready). Every step tolerates the faults as a client would: a failed request is sent again, a
 * stage is repeated until the CMCs have reached the state it leads to (reading the state again each round), so
 * nothing is done twice by the client and whatever the platform did twice shows in the checks.
 *
 * <p>The checks, on the platform's own records: every CMC published once for its writer and once in the public
 * search, each with its own KCDB code; the events of each type on the topics (distinct event ids per CMC, read from
 * the broker) exactly what the workflows make; no record on any dead-letter topic; a webhook receiver in this JVM
 * (registered by an RMO's system for {@code cmc.published}) got every publication, none missing, none applied
 * twice. {@link Result#table()} prints the counts; {@link Result#failures()} lists what did not hold.
 */
final class FaultInjection {

    /** Where in a wave a fault starts. */
    enum Point { AFTER_SUBMIT, AFTER_INTRA_RMO_APPROVAL }

    /** What is done to a process. */
    enum Kind {
        /** {@code kill -9}, then started again on the same port and data. */
        KILL,
        /** Stopped as an operator would (SIGTERM), then started again: the Mongo-wire store. */
        RESTART,
        /** Keycloak stopped for {@link #KEYCLOAK_OUTAGE}: issued tokens must keep working, new ones are refused. */
        OUTAGE
    }

    record Fault(String process, Kind kind, Point at) {
        String describe() {
            return switch (kind) {
                case KILL -> process + " killed -9";
                case RESTART -> process + " restarted";
                case OUTAGE -> process + " stopped " + KEYCLOAK_OUTAGE.toSeconds() + " s";
            } + (at == Point.AFTER_SUBMIT ? " after submit" : " after intra-RMO approval");
        }
    }

    record Wave(int cmcs, List<Fault> faults) {
    }

    /** One fault as it happened: seconds until the process was back and ready, and what was seen meanwhile. */
    record Injected(Fault fault, int wave, double downSeconds, String seen) {
    }

    static final Duration KEYCLOAK_OUTAGE = Duration.ofSeconds(30);

    /** What one workflow (submit, intra-RMO approval, five other RMOs' intent and approval) puts on the topics. */
    static final Map<String, Integer> EVENTS_PER_WORKFLOW = new LinkedHashMap<>();

    static {
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.cmc.submitted", 1);
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.review.opened", 1);
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.review.intra-rmo-approved", 1);
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.review.rmo-intent-declared", 5);
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.review.rmo-decided", 5);
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.cmc.approved", 1);
        EVENTS_PER_WORKFLOW.put("org.bipm.kcdb.cmc.published", 1);
    }

    static final List<String> TOPICS = List.of("kcdb.cmc.submissions", "kcdb.cmc.reviews", "kcdb.comparisons",
            "kcdb.publications");
    private static final List<String> SUBMITTING_RMOS = List.of("EURAMET", "SIM", "APMP");
    private static final String PUBLISHED_TYPE = "org.bipm.kcdb.cmc.published";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Platform platform;
    private final PlatformBenchmarks api;
    private final String tag;
    private final Duration stageTimeout;
    private final Map<String, String> writerOf = new LinkedHashMap<>();
    private final Map<String, String> caseOf = new ConcurrentHashMap<>();
    private final Map<String, String> rmoOf = new ConcurrentHashMap<>();
    private final List<Injected> injected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    /** What a fault showed that must not happen (a token issued by a stopped Keycloak, an issued token refused). */
    private final List<String> anomalies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger retried = new AtomicInteger();

    FaultInjection(Platform platform, String tagPrefix, Duration stageTimeout) {
        this.platform = platform;
        this.api = PlatformBenchmarks.driving(platform);
        this.tag = tagPrefix + "-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        this.stageTimeout = stageTimeout;
    }

    /** Runs the waves and checks the outcome; never throws for a failed check (see {@link Result#failures()}). */
    Result run(List<Wave> waves) throws Exception {
        String loadBefore = PlatformBenchmarks.load();
        Instant begin = Instant.now();
        int total = waves.stream().mapToInt(Wave::cmcs).sum();
        try (WebhookReceiver receiver = WebhookReceiver.start();
             EventStreamSubscriber subscriber = EventStreamSubscriber.follow(platform, stageTimeout)) {
            String webhook = receiver.register(platform, api);
            try {
                List<List<String>> waveIds = importDrafts(total, waves);
                double importSeconds = PlatformBenchmarks.since(begin);
                Instant workflows = Instant.now();
                for (int w = 0; w < waves.size(); w++) {
                    runWave(w, waveIds.get(w), waves.get(w).faults());
                }
                double workflowSeconds = PlatformBenchmarks.since(workflows);
                return check(total, receiver, subscriber, importSeconds, workflowSeconds, loadBefore);
            } finally {
                receiver.unregister(webhook, platform, api);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The workflows

    private List<List<String>> importDrafts(int total, List<Wave> waves) throws Exception {
        List<Map<String, String>> rows = api.rows(total, tag);
        Map<String, List<Map<String, String>>> shares = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            shares.computeIfAbsent(PlatformBenchmarks.WRITERS.get(i % PlatformBenchmarks.WRITERS.size()),
                    w -> new ArrayList<>()).add(rows.get(i));
        }
        PlatformBenchmarks.inParallel(shares.keySet(), writer -> api.importCsv(writer, shares.get(writer)));
        List<String> all = new ArrayList<>();
        Map<String, List<String>> byWriter = new LinkedHashMap<>();
        for (String writer : shares.keySet()) {
            List<String> ids = api.ids(writer, "DRAFT", tag);
            PlatformBenchmarks.check(ids.size() == shares.get(writer).size(), writer + " has " + ids.size()
                    + " drafts of the run, imported " + shares.get(writer).size());
            byWriter.put(writer, ids);
            ids.forEach(id -> writerOf.put(id, writer));
        }
        // Interleaved, so that every wave has CMCs of every writer (and so of each submitting RMO).
        for (int i = 0; all.size() < total; i++) {
            for (List<String> ids : byWriter.values()) {
                if (i < ids.size()) {
                    all.add(ids.get(i));
                }
            }
        }
        List<List<String>> perWave = new ArrayList<>();
        int from = 0;
        for (Wave wave : waves) {
            perWave.add(all.subList(from, from + wave.cmcs()));
            from += wave.cmcs();
        }
        return perWave;
    }

    private void runWave(int wave, List<String> cmcs, List<Fault> faults) throws Exception {
        Set<String> ours = new HashSet<>(cmcs);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        try {
            submit(ours);
            running.addAll(inject(wave, faults, Point.AFTER_SUBMIT));
            awaitCases(ours);
            approveIntraRmo(ours);
            running.addAll(inject(wave, faults, Point.AFTER_INTRA_RMO_APPROVAL));
            reviewInterRmo(ours);
            awaitPublished(ours);
        } finally {
            // The next wave (or the next test class on a shared platform) starts with every process back, also when
            // this wave failed.
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(15, TimeUnit.MINUTES);
        }
    }

    private void submit(Set<String> ours) throws Exception {
        Instant deadline = Instant.now().plus(stageTimeout);
        while (true) {
            Map<String, List<String>> drafts = new LinkedHashMap<>();
            for (String writer : PlatformBenchmarks.WRITERS) {
                List<String> left = retrying("drafts of " + writer, () -> api.ids(writer, "DRAFT", tag)).stream()
                        .filter(ours::contains).toList();
                if (!left.isEmpty()) {
                    drafts.put(writer, left);
                }
            }
            if (drafts.isEmpty()) {
                return;
            }
            PlatformBenchmarks.check(Instant.now().isBefore(deadline), "still drafts after " + stageTimeout + ": "
                    + drafts);
            PlatformBenchmarks.inParallel(drafts.keySet(), writer -> bulk(writer, "/api/cmcs/bulk-submit", "ids",
                    drafts.get(writer), Map.of()));
        }
    }

    /** Until the review service has opened a case for every CMC of the wave (cmc.submitted through the broker). */
    private void awaitCases(Set<String> ours) throws Exception {
        Instant deadline = Instant.now().plus(stageTimeout);
        while (!caseOf.keySet().containsAll(ours)) {
            PlatformBenchmarks.check(Instant.now().isBefore(deadline), "review cases opened after " + stageTimeout
                    + ": " + ours.stream().filter(caseOf::containsKey).count() + " of " + ours.size());
            for (String rmo : SUBMITTING_RMOS) {
                for (JsonNode c : retrying("cases of " + rmo, () -> api.everyPage(
                        "/api/reviews?stage=INTRA_RMO_REVIEW&rmo=mine", api.token(PlatformBenchmarks.CHAIRS.get(rmo))))) {
                    String cmc = c.get("cmcId").asString();
                    if (ours.contains(cmc)) {
                        caseOf.put(cmc, c.get("id").asString());
                        rmoOf.put(cmc, rmo);
                    }
                }
            }
            if (!caseOf.keySet().containsAll(ours)) {
                Thread.sleep(500);
            }
        }
    }

    private void approveIntraRmo(Set<String> ours) throws Exception {
        Instant deadline = Instant.now().plus(stageTimeout);
        while (true) {
            Map<String, List<String>> left = new LinkedHashMap<>();
            for (String rmo : SUBMITTING_RMOS) {
                for (JsonNode c : retrying("cases of " + rmo, () -> api.everyPage(
                        "/api/reviews?stage=INTRA_RMO_REVIEW&rmo=mine", api.token(PlatformBenchmarks.CHAIRS.get(rmo))))) {
                    if (ours.contains(c.get("cmcId").asString())) {
                        left.computeIfAbsent(rmo, r -> new ArrayList<>()).add(c.get("id").asString());
                    }
                }
            }
            if (left.isEmpty()) {
                return;
            }
            PlatformBenchmarks.check(Instant.now().isBefore(deadline), "still in the intra-RMO review after "
                    + stageTimeout + ": " + left);
            PlatformBenchmarks.inParallel(left.keySet(), rmo -> bulk(PlatformBenchmarks.CHAIRS.get(rmo),
                    "/api/reviews/bulk-decision", "cases", left.get(rmo), Map.of("decision", "APPROVE", "comment",
                            "Covered by the QMS; faults " + tag, "qmsStatementRef", rmo + " TC-Q 2026/01")));
        }
    }

    /**
     * Every other RMO's chair declares it reviews and approves (each starting at another place of the list, as in
     * the pipeline benchmark); repeated for the CMCs not yet published once the wave has been quiet for a while, in
     * case a chair's request was lost with a killed process (a repeated declaration is refused and changes nothing).
     */
    private void reviewInterRmo(Set<String> ours) throws Exception {
        List<String> chairsRmos = new ArrayList<>(PlatformBenchmarks.CHAIRS.keySet());
        PlatformBenchmarks.inParallel(chairsRmos, rmo -> {
            List<String> theirs = ours.stream().filter(cmc -> !rmo.equals(rmoOf.get(cmc))).map(caseOf::get).sorted()
                    .toList();
            int offset = theirs.isEmpty() ? 0 : chairsRmos.indexOf(rmo) * theirs.size() / chairsRmos.size();
            List<String> rotated = new ArrayList<>(theirs.subList(offset, theirs.size()));
            rotated.addAll(theirs.subList(0, offset));
            bulk(PlatformBenchmarks.CHAIRS.get(rmo), "/api/reviews/bulk-rmo-intents", "cases", rotated,
                    Map.of("willReview", true));
            bulk(PlatformBenchmarks.CHAIRS.get(rmo), "/api/reviews/bulk-rmo-decisions", "cases", rotated,
                    Map.of("decision", "APPROVE", "comment", "Reviewed; faults " + tag));
        });
    }

    private void awaitPublished(Set<String> ours) throws Exception {
        Instant deadline = Instant.now().plus(stageTimeout);
        Instant redrive = Instant.now().plus(stageTimeout.dividedBy(2));
        while (true) {
            Set<String> published = publishedForWriters(ours);
            if (published.containsAll(ours)) {
                return;
            }
            Set<String> left = new HashSet<>(ours);
            left.removeAll(published);
            PlatformBenchmarks.check(Instant.now().isBefore(deadline), left.size() + " CMCs not published after "
                    + stageTimeout + ", e.g. " + left.stream().limit(5).toList() + "; refusals: "
                    + refusals.stream().limit(10).toList());
            if (Instant.now().isAfter(redrive)) {
                reviewInterRmo(left);
                redrive = deadline;
            }
            Thread.sleep(1000);
        }
    }

    private Set<String> publishedForWriters(Set<String> ours) throws Exception {
        Set<String> published = new HashSet<>();
        for (String writer : PlatformBenchmarks.WRITERS) {
            retrying("published of " + writer, () -> api.ids(writer, "PUBLISHED", tag)).stream()
                    .filter(ours::contains).forEach(published::add);
        }
        return published;
    }

    /**
     * One bulk action, {@value PlatformBenchmarks#BATCH} items a request; a request that failed (a process down) is
     * sent again, an item refused because another chair was writing the same case (409 without a current state) is
     * sent again; other refusals are kept for the report (the stage's own loop decides whether the CMC moved on).
     */
    private void bulk(String user, String path, String listName, List<String> ids, Map<String, Object> rest)
            throws Exception {
        List<String> todo = ids;
        for (int round = 0; round < 6 && !todo.isEmpty(); round++) {
            List<String> again = new ArrayList<>();
            for (int from = 0; from < todo.size(); from += PlatformBenchmarks.BATCH) {
                Map<String, Object> body = new LinkedHashMap<>(rest);
                body.put(listName, todo.subList(from, Math.min(todo.size(), from + PlatformBenchmarks.BATCH)));
                JsonNode answer = retrying(user + " " + path, () -> api.post(path, api.token(user), body));
                for (JsonNode result : answer.get("results")) {
                    JsonNode problem = result.get("problem");
                    if (problem == null) {
                        continue;
                    }
                    if (problem.path("status").asInt() == 409 && !problem.has("currentState")) {
                        again.add(result.get("id").asString());
                    } else {
                        refusals.add(user + " " + path + " " + result);
                    }
                }
            }
            todo = again;
        }
    }

    /** The call, sent again every second while it fails (a process down or restarting), up to the stage timeout. */
    private <T> T retrying(String what, Callable<T> call) throws Exception {
        Instant deadline = Instant.now().plus(stageTimeout);
        while (true) {
            try {
                return call.call();
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(what + " kept failing for " + stageTimeout, e);
                }
                retried.incrementAndGet();
                Thread.sleep(1000);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The faults

    private List<CompletableFuture<Void>> inject(int wave, List<Fault> faults, Point point) {
        List<Fault> now = faults.stream().filter(f -> f.at() == point).toList();
        if (now.isEmpty()) {
            return List.of();
        }
        // One after the other, while the wave goes on.
        return List.of(CompletableFuture.runAsync(() -> {
            for (Fault fault : now) {
                Instant down = Instant.now();
                String seen = switch (fault.kind()) {
                    case KILL -> {
                        platform.kill(fault.process());
                        platform.restart(fault.process());
                        yield "";
                    }
                    case RESTART -> {
                        platform.stop(fault.process(), Duration.ofSeconds(30));
                        platform.restart(fault.process());
                        yield "";
                    }
                    case OUTAGE -> keycloakOutage();
                };
                injected.add(new Injected(fault, wave + 1, PlatformBenchmarks.since(down), seen));
            }
        }, FaultInjection::daemon));
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "fault-injection");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Keycloak stopped: every user's token is renewed just before, so the wave goes on with tokens issued before the
     * outage; meanwhile a new token request must fail and a call with an issued token must still be answered.
     */
    private String keycloakOutage() {
        api.renewTokens();
        List<String> users = new ArrayList<>(PlatformBenchmarks.WRITERS);
        users.addAll(PlatformBenchmarks.CHAIRS.values());
        users.forEach(api::token);
        platform.stop("keycloak", Duration.ofSeconds(30));
        Instant stopped = Instant.now();
        String newToken;
        try {
            Http.passwordToken(platform.tokenUrl(), "writer.ptb");
            newToken = "NEW TOKEN ISSUED";
            anomalies.add("a token was issued while Keycloak was stopped");
        } catch (RuntimeException e) {
            newToken = "new token refused (" + rootCause(e) + ")";
        }
        int issuedWork;
        try {
            issuedWork = api.get("/api/cmcs?status=DRAFT&size=1", api.token("writer.ptb")).has("content") ? 200 : 0;
        } catch (Exception e) {
            issuedWork = -1;
            anomalies.add("an issued token was refused while Keycloak was stopped: " + e.getMessage());
        }
        long left = KEYCLOAK_OUTAGE.toMillis() - Duration.between(stopped, Instant.now()).toMillis();
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // The portal's sign-in, the platform's edge: it asks the realm first and, Keycloak not answering, answers a
        // page with 503 rather than sending the browser to a host that does not answer.
        String login;
        try {
            HttpResponse<Void> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                    + "/oauth2/authorization/keycloak")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            login = "; portal sign-in at the gateway: " + answer.statusCode() + answer.headers().firstValue("Location")
                    .map(l -> " to " + URI.create(l).getAuthority()).orElse("");
            if (answer.statusCode() != 503) {
                anomalies.add("the portal's sign-in answered " + answer.statusCode() + " (not 503) while Keycloak was"
                        + " stopped");
            }
        } catch (IOException e) {
            login = "; portal sign-in at the gateway: no answer (" + e + ")";
            anomalies.add("the gateway did not answer the portal's sign-in while Keycloak was stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            login = "";
        }
        platform.restart("keycloak");
        return newToken + "; issued token " + (issuedWork == 200 ? "accepted" : "REFUSED") + login;
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checks

    private Result check(int total, WebhookReceiver receiver, EventStreamSubscriber subscriber, double importSeconds,
                         double workflowSeconds, String loadBefore) throws Exception {
        List<String> failures = new ArrayList<>(anomalies);
        // Every CMC published once for its writer, each with its own KCDB code, once in the public search.
        Map<String, Integer> listed = new HashMap<>();
        Map<String, String> codes = new HashMap<>();
        int codeRepeats = 0;
        for (String writer : PlatformBenchmarks.WRITERS) {
            for (JsonNode cmc : retrying("published of " + writer, () -> api.list(writer, "PUBLISHED", tag))) {
                String id = cmc.get("id").asString();
                listed.merge(id, 1, Integer::sum);
                String code = cmc.path("kcdbCode").asString(null);
                if (code == null || codes.put(code, id) != null) {
                    codeRepeats++;
                }
            }
        }
        long publishedOnce = writerOf.keySet().stream().filter(id -> listed.getOrDefault(id, 0) == 1).count();
        if (publishedOnce != total || listed.size() != total) {
            failures.add("published once for their writers: " + publishedOnce + " of " + total + " (listed: "
                    + listed.size() + ")");
        }
        if (codeRepeats > 0 || codes.size() != total) {
            failures.add("KCDB codes: " + codes.size() + " distinct for " + total + " CMCs, " + codeRepeats
                    + " missing or repeated");
        }
        Map<String, Integer> publicly = retrying("public search", api::publicCodes);
        long publicOnce = codes.keySet().stream().filter(c -> publicly.getOrDefault(c, 0) == 1).count();
        if (publicOnce != codes.size()) {
            failures.add("in the public search exactly once: " + publicOnce + " of " + codes.size());
        }

        // The events on the topics: distinct event ids per type and CMC, and the records (a record sent twice by an
        // outbox relay after a kill is the same event id twice: at least once, consumers skip it).
        Topics topics = Topics.read(platform.kafkaBootstrap(), writerOf.keySet());
        for (Map.Entry<String, Integer> expected : EVENTS_PER_WORKFLOW.entrySet()) {
            Map<String, Set<String>> perCmc = topics.ids.getOrDefault(expected.getKey(), Map.of());
            long wrong = writerOf.keySet().stream().filter(cmc -> perCmc.getOrDefault(cmc, Set.of()).size()
                    != expected.getValue()).count();
            if (wrong > 0) {
                failures.add(expected.getKey() + ": " + wrong + " CMCs without exactly " + expected.getValue()
                        + " event(s)");
            }
        }
        topics.ids.keySet().stream().filter(type -> !EVENTS_PER_WORKFLOW.containsKey(type))
                .forEach(type -> failures.add("unexpected events of the run: " + type + " " + topics.distinct(type)));

        // The subscriber: every cmc.published of the run delivered to the webhook, none unknown, none applied twice.
        Set<String> publishedIds = new HashSet<>();
        topics.ids.getOrDefault(PUBLISHED_TYPE, Map.of()).values().forEach(publishedIds::addAll);
        Instant deadline = Instant.now().plus(stageTimeout);
        Received webhook = received(receiver.deliveries(), publishedIds, writerOf.keySet(), deadline);
        if (!webhook.missed().isEmpty() || !webhook.unknown().isEmpty() || webhook.distinct().size() != total) {
            failures.add("webhook: " + webhook.distinct().size() + " distinct cmc.published of " + total + ", "
                    + webhook.missed().size() + " missed, " + webhook.unknown().size() + " not on the topic");
        }

        // The SSE subscriber: every public event of the run on the topics received, each once, none that is not on
        // the topics; over the whole stream no event id twice and no SSE id that does not follow the one before.
        Set<String> publicIds = new HashSet<>();
        EventStreamSubscriber.PUBLIC_TYPES.forEach(type -> topics.ids.getOrDefault(type, Map.of()).values()
                .forEach(publicIds::addAll));
        long publicExpected = (long) total * EVENTS_PER_WORKFLOW.entrySet().stream()
                .filter(e -> EventStreamSubscriber.PUBLIC_TYPES.contains(e.getKey())).mapToInt(Map.Entry::getValue)
                .sum();
        Received stream = received(subscriber.deliveries(), publicIds, writerOf.keySet(), deadline);
        long repeated = subscriber.deliveries().repeated();
        if (!stream.missed().isEmpty() || !stream.unknown().isEmpty() || stream.distinct().size() != publicExpected
                || stream.deliveries() != stream.distinct().size() || repeated > 0 || subscriber.outOfOrder() > 0) {
            failures.add("SSE: " + stream.distinct().size() + " distinct public events of " + publicExpected + " ("
                    + stream.deliveries() + " received), " + stream.missed().size() + " missed, "
                    + stream.unknown().size() + " not on the topics, " + repeated + " ids repeated, "
                    + subscriber.outOfOrder() + " out of order");
        }
        List<String> reconnects = subscriber.reconnects();
        boolean streamCut = injected.stream().anyMatch(i -> i.fault().kind() == Kind.KILL
                && List.of("gateway", "publication").contains(i.fault().process()));
        if (streamCut && reconnects.isEmpty()) {
            failures.add("SSE: the stream never broke though the process serving it was killed");
        }

        // Nothing left on a dead-letter topic (counted on the broker), and what the services' gauges say.
        long deadLetters = topics.deadLetters;
        if (deadLetters > 0) {
            failures.add(deadLetters + " records on dead-letter topics " + topics.deadLetterTopics);
        }
        long deadLetterGauge = deadLetterGauge();

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n-- fault injection (issue 16, item 7): %d CMC workflows, draft to published, through the gateway"
                        + " --%nload average before: %s%nimport as drafts: %.1f s; workflows under faults: %.1f s;"
                        + " requests sent again while a process was down: %d%n%n%-58s %5s %9s%n", total, loadBefore,
                importSeconds, workflowSeconds, retried.get(), "fault (wave)", "wave", "back in s"));
        synchronized (injected) {
            for (Injected i : injected) {
                table.append(String.format(Locale.ROOT, "%-58s %5d %9.1f%s%n", i.fault().describe(), i.wave(),
                        i.downSeconds(), i.seen().isEmpty() ? "" : "  " + i.seen()));
            }
        }
        table.append(String.format(Locale.ROOT, "%n%-44s %9s %9s %9s%n", "check", "expected", "counted",
                "records"));
        row(table, "CMCs published once for their writers", total, publishedOnce, listed.values().stream()
                .mapToInt(Integer::intValue).sum());
        row(table, "distinct KCDB codes", total, codes.size(), codes.size() + codeRepeats);
        row(table, "found once by the public search", total, publicOnce, publicOnce);
        for (Map.Entry<String, Integer> expected : EVENTS_PER_WORKFLOW.entrySet()) {
            row(table, "events " + expected.getKey().substring("org.bipm.kcdb.".length()),
                    (long) total * expected.getValue(), topics.distinct(expected.getKey()),
                    topics.records.getOrDefault(expected.getKey(), 0L));
        }
        row(table, "records on dead-letter topics (broker)", 0, deadLetters, deadLetters);
        row(table, "kcdb_events_dead_letters (services' gauges)", 0, deadLetterGauge, deadLetterGauge);
        row(table, "webhook: cmc.published ids delivered", total, webhook.distinct().size(), webhook.deliveries());
        row(table, "webhook: missed / not on the topic", 0, webhook.missed().size(), webhook.unknown().size());
        row(table, "SSE: public events of the run received", publicExpected, stream.distinct().size(),
                stream.deliveries());
        row(table, "SSE: missed / not on the topic", 0, stream.missed().size(), stream.unknown().size());
        row(table, "SSE: repeated / out of order (whole stream)", 0, repeated, subscriber.outOfOrder());
        Map<String, Integer> endings = new LinkedHashMap<>();
        reconnects.forEach(reason -> endings.merge(reason, 1, Integer::sum));
        table.append(String.format(Locale.ROOT, "SSE: %d connection(s), each after the first with Last-Event-ID;"
                        + " what ended one: %s%n", reconnects.size() + 1, endings.isEmpty() ? "-"
                        : String.join("; ", endings.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue()
                        + ")").toList())));
        table.append(String.format(Locale.ROOT, "(records: as counted on the topics or delivered, repeats"
                        + " included; a repeat has the event id of the first and is skipped by its consumers)%n"
                        + "refusals of single items: %d%s%nload average after: %s%nresult: %s%n", refusals.size(),
                refusals.isEmpty() ? "" : ", e.g. " + refusals.get(0), PlatformBenchmarks.load(),
                failures.isEmpty() ? "every check held" : "FAILED: " + failures));
        return new Result(table.toString(), failures);
    }

    private static void row(StringBuilder table, String name, long expected, long counted, long records) {
        table.append(String.format(Locale.ROOT, "%-44s %9d %9d %9d%s%n", name, expected, counted, records,
                expected == counted ? "" : "  <--"));
    }

    private long deadLetterGauge() {
        long total = 0;
        for (Platform.Service service : platform.services()) {
            String metrics = ChildProcess.httpBody("http://127.0.0.1:" + service.port() + "/actuator/prometheus");
            if (metrics == null) {
                continue;
            }
            for (String line : metrics.split("\n")) {
                if (line.startsWith("kcdb_events_dead_letters{")) {
                    total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return total;
    }

    record Result(String table, List<String> failures) {
    }

    /** What a subscriber received of the expected event ids, once it has them all or the deadline has passed. */
    private static Received received(Deliveries deliveries, Set<String> expected, Collection<String> cmcs,
                                     Instant deadline) throws InterruptedException {
        while (!deliveries.about(cmcs).containsAll(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
        }
        Set<String> distinct = deliveries.about(cmcs);
        Set<String> missed = new HashSet<>(expected);
        missed.removeAll(distinct);
        Set<String> unknown = new HashSet<>(distinct);
        unknown.removeAll(expected);
        return new Received(distinct, missed, unknown, deliveries.count(cmcs));
    }

    /** The distinct event ids received, those expected but missed, those not expected, and every delivery. */
    private record Received(Set<String> distinct, Set<String> missed, Set<String> unknown, int deliveries) {
    }

    /** The run's events on the platform's four topics, read from the beginning; and the dead-letter topics. */
    static final class Topics {
        /** type → CMC → distinct event ids. */
        final Map<String, Map<String, Set<String>>> ids = new HashMap<>();
        final Map<String, Long> records = new HashMap<>();
        long deadLetters;
        final List<String> deadLetterTopics = new ArrayList<>();

        long distinct(String type) {
            return ids.getOrDefault(type, Map.of()).values().stream().mapToLong(Set::size).sum();
        }

        static Topics read(String bootstrap, Set<String> cmcs) {
            Properties config = new Properties();
            config.put("bootstrap.servers", bootstrap);
            config.put("key.deserializer", StringDeserializer.class.getName());
            config.put("value.deserializer", StringDeserializer.class.getName());
            config.put("enable.auto.commit", "false");
            Topics topics = new Topics();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
                List<TopicPartition> partitions = new ArrayList<>();
                List<TopicPartition> deadLetter = new ArrayList<>();
                consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> infos.forEach(info -> {
                    TopicPartition partition = new TopicPartition(topic, info.partition());
                    if (TOPICS.contains(topic)) {
                        partitions.add(partition);
                    } else if (topic.endsWith(".dlq")) {
                        deadLetter.add(partition);
                        if (!topics.deadLetterTopics.contains(topic)) {
                            topics.deadLetterTopics.add(topic);
                        }
                    }
                }));
                Map<TopicPartition, Long> dlqEnd = consumer.endOffsets(deadLetter, Duration.ofSeconds(30));
                Map<TopicPartition, Long> dlqBegin = consumer.beginningOffsets(deadLetter, Duration.ofSeconds(30));
                topics.deadLetters = deadLetter.stream().mapToLong(p -> dlqEnd.get(p) - dlqBegin.get(p)).sum();

                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    PlatformBenchmarks.check(Instant.now().isBefore(deadline), "topics not read within 5 minutes");
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                        if (record.value() == null || !record.value().startsWith("{")) {
                            continue;
                        }
                        JsonNode value = Http.JSON.readTree(record.value());
                        String cmc = value.path("cmcId").asString("");
                        if (!cmcs.contains(cmc)) {
                            continue;
                        }
                        String type = header(record, "ce_type");
                        String id = header(record, "ce_id");
                        topics.ids.computeIfAbsent(type, t -> new HashMap<>()).computeIfAbsent(cmc,
                                c -> new HashSet<>()).add(id != null ? id : value.path("eventId").asString());
                        topics.records.merge(type, 1L, Long::sum);
                    }
                }
            }
            return topics;
        }

        private static String header(ConsumerRecord<String, String> record, String name) {
            Header header = record.headers().lastHeader(name);
            if (header == null) {
                return null;
            }
            // Written raw or as a JSON string, depending on the producer's header mapper.
            String value = new String(header.value(), StandardCharsets.UTF_8);
            return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }
    }

    /**
     * An RMO system's webhook receiver in this JVM: counts each delivery by its {@code KCDB-Event-Id} and keeps the
     * CMC each is about.
     */
    static final class WebhookReceiver implements AutoCloseable {
        private final HttpServer server;
        private final Deliveries deliveries = new Deliveries();

        private WebhookReceiver(HttpServer server) {
            this.server = server;
        }

        static WebhookReceiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hooks/kcdb", exchange -> {
                try (exchange) {
                    String id = exchange.getRequestHeaders().getFirst("KCDB-Event-Id");
                    JsonNode event = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
                    if (id != null) {
                        receiver.deliveries.add(id, event.path("data").path("cmcId").asString(""));
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "webhook-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        }

        /** Registered by EURAMET's system (client credentials) for publications: public facts, every RMO's. */
        String register(Platform platform, PlatformBenchmarks api) throws Exception {
            String token = Http.clientCredentialsToken(platform.tokenUrl(), "rmo-euramet", "rmo-euramet");
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                            + "/api/subscriptions")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(Map.of(
                            "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/kcdb",
                            "secret", "fault-injection-webhook-secret", "types", List.of(PUBLISHED_TYPE)))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            PlatformBenchmarks.check(answer.statusCode() == 201, "webhook registration answered "
                    + answer.statusCode() + " " + answer.body());
            return Http.JSON.readTree(answer.body()).get("id").asString();
        }

        /** Removed at the end, so that the platform does not go on delivering to a receiver that is gone. */
        void unregister(String webhook, Platform platform, PlatformBenchmarks api) {
            try {
                String token = Http.clientCredentialsToken(platform.tokenUrl(), "rmo-euramet", "rmo-euramet");
                CLIENT.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/subscriptions/"
                                + webhook)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                        .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.out.println("[faults] the webhook " + webhook + " could not be removed: " + e);
            }
        }

        /** What the webhook was given, by event id (redeliveries counted). */
        Deliveries deliveries() {
            return deliveries;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
