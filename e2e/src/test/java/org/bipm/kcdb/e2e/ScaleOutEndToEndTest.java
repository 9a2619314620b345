package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.bipm.kcdb.platform.ChildProcess;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out, proven on the shared platform ({@link SharedPlatform}): a second instance of each of the five
 * services joins the running first ones (the same broker, store and consumer groups, its own port), with a gateway
 * that spreads requests over both, as {@code ./kcdb up --instances 2} runs them ({@link Platform#scaleOut}). Then:
 * the broker splits every group's partitions between the two instances; CMCs submitted through that gateway open
 * exactly one review case each, each event applied once in all; approvals given concurrently and published by both
 * publication instances receive unique KCDB codes; and each publication instance, asked directly, answers the same
 * search with the same hits. The second instances stop at the end, their partitions going back to the first ones.
 *
 * <p>Not in {@code ./mvnw verify} (about three minutes, most of it starting the second instances, which pushed the
 * suite past its 25 minutes); run with {@code bench/scale-out.sh}. The gateway's spreading over instances stays in
 * verify ({@code GatewayInstancesTest}), the launcher's instance plan too ({@code PlatformInstancesTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class ScaleOutEndToEndTest {

    private static final int INSTANCES = 2;
    /** Enough CMCs that, keyed over 12 partitions split in two, both instances of a service get some. */
    private static final int CMCS = 20;
    /** The consumer groups of the services and the topics each reads. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "submission", List.of("kcdb.cmc.reviews", "kcdb.publications"),
            "review", List.of("kcdb.cmc.submissions", "kcdb.comparisons"),
            "publication", List.of("kcdb.cmc.reviews", "kcdb.comparisons", "kcdb.cmc.submissions"),
            "publication-feed", List.of("kcdb.cmc.submissions", "kcdb.cmc.reviews", "kcdb.comparisons",
                    "kcdb.publications"),
            "notification", List.of("kcdb.cmc.submissions", "kcdb.cmc.reviews", "kcdb.publications",
                    "kcdb.comparisons"));

    private Platform platform;
    private Platform.ScaledOut scaled;
    private Http gateway;
    private String writerPtb;
    private String chairEuramet;
    private final Map<String, String> chairsOfOtherRmos = new LinkedHashMap<>();

    @BeforeAll
    void scaleOut(Platform platform) {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "runs with -Dkcdb.bench=true (bench/scale-out.sh)");
        this.platform = platform;
        Instant begin = Instant.now();
        scaled = platform.scaleOut(INSTANCES);
        System.out.printf("[e2e] scaled out to %d instances of each service in %d s%n", INSTANCES,
                Duration.between(begin, Instant.now()).toSeconds());
        gateway = new Http(scaled.gatewayUrl());
        writerPtb = Http.passwordToken(platform.tokenUrl(), "writer.ptb");
        chairEuramet = Http.passwordToken(platform.tokenUrl(), "chair.euramet");
        for (String chair : List.of("chair.sim", "chair.apmp", "chair.coomet", "chair.afrimets", "chair.gulfmet")) {
            chairsOfOtherRmos.put(chair, Http.passwordToken(platform.tokenUrl(), chair));
        }
    }

    @AfterAll
    void scaleIn() {
        if (scaled != null) {
            scaled.close();
        }
    }

    @Test
    void twoInstancesOfEachServiceShareTheWorkAndAgree() throws Exception {
        Instant begin = Instant.now();
        assertThat(scaled.instances()).hasSize(5 * INSTANCES)
                .allSatisfy(instance -> assertThat(ChildProcess.httpOk("http://127.0.0.1:" + instance.port()
                        + "/actuator/health")).as(instance.process()).isTrue());

        // 1. Every consumer group's partitions are split between the two instances, each partition read by one.
        Map<String, Map<String, Integer>> assignment = awaitPartitionsSplit();
        System.out.printf("[e2e] partitions per instance, by group and topic: %s%n", assignment);

        // 2. CMCs drafted and submitted through the gateway: both submission instances served some; exactly one
        //    review case per CMC, each cmc.submitted applied once by one of the two review instances.
        Map<Platform.Service, Double> drafted = meter("submission", ScaleOutEndToEndTest::postsOfCmcs);
        Map<Platform.Service, Double> opened = meter("review",
                consumed("review.submissions", "org.bipm.kcdb.cmc.submitted"));
        Map<Platform.Service, Double> approvedBefore = meter("publication",
                consumed("publication.reviews", "org.bipm.kcdb.cmc.approved"));
        // One word of letters only, so that the keyword search finds these CMCs and no others.
        String tag = "scaleout" + new java.util.Random().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        Map<String, Object> cmc = new HashMap<>(PlatformEndToEndTest.dcVoltageCmc());
        cmc.put("instrument", "Zener voltage standard " + tag);
        List<String> cmcIds = new ArrayList<>();
        for (int i = 0; i < CMCS; i++) {
            Http.Response created = gateway.post("/api/cmcs", writerPtb, cmc);
            assertThat(created.status()).isEqualTo(201);
            cmcIds.add(created.body().get("id").asText());
        }
        for (String cmcId : cmcIds) {
            assertThat(gateway.post("/api/cmcs/" + cmcId + "/submit", writerPtb, "").status()).isEqualTo(200);
        }
        List<String> reviewIds = new ArrayList<>();
        for (String cmcId : cmcIds) {
            reviewIds.add(PlatformEndToEndTest.await("a review case for CMC " + cmcId, () -> {
                Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chairEuramet);
                return cases.status() == 200 && cases.body().get("content").size() == 1
                        ? cases.body().get("content").get(0) : null;
            }).get("id").asText());
        }
        assertSharedOnce("drafts created through the gateway", drafted, "submission",
                ScaleOutEndToEndTest::postsOfCmcs);
        assertSharedOnce("cmc.submitted applied", opened, "review",
                consumed("review.submissions", "org.bipm.kcdb.cmc.submitted"));

        // 3. The EURAMET chair approves them all; the five other RMOs decline to review them at the same time, so
        //    both review instances change the same cases concurrently and approvals reach both publication
        //    instances together. Every CMC is published once, with a KCDB code of its own.
        Http.Response decided = gateway.post("/api/reviews/bulk-decision", chairEuramet, Map.of("cases", reviewIds,
                "decision", "APPROVE", "comment", "Fine.", "qmsStatementRef", "EURAMET TC-Q 2026/01"));
        assertThat(decided.status()).isEqualTo(200);
        decided.body().get("results").forEach(r -> assertThat(r.get("status").asText()).as(r.toString())
                .isEqualTo("INTER_RMO_REVIEW"));
        List<CompletableFuture<Http.Response>> declarations = chairsOfOtherRmos.values().stream()
                .map(chair -> CompletableFuture.supplyAsync(() -> gateway.post("/api/reviews/bulk-rmo-intents",
                        chair, Map.of("cases", reviewIds, "willReview", false))))
                .toList();
        for (CompletableFuture<Http.Response> declared : declarations) {
            Http.Response response = declared.join();
            assertThat(response.status()).isEqualTo(200);
            response.body().get("results").forEach(r -> assertThat(r.has("status")).as(r.toString()).isTrue());
        }
        Map<String, String> codes = new TreeMap<>();
        for (String cmcId : cmcIds) {
            JsonNode published = PlatformEndToEndTest.await("CMC " + cmcId + " published", () -> {
                JsonNode found = gateway.get("/api/cmcs/" + cmcId, writerPtb).body();
                return "PUBLISHED".equals(found.get("status").asText()) ? found : null;
            });
            codes.put(cmcId, published.get("kcdbCode").asText());
        }
        assertThat(codes.values()).doesNotHaveDuplicates().hasSize(CMCS)
                .allSatisfy(code -> assertThat(code).matches("EURAMET-EM-DE-[0-9A-Z]{8}-1"));
        assertSharedOnce("cmc.approved applied", approvedBefore, "publication",
                consumed("publication.reviews", "org.bipm.kcdb.cmc.approved"));
        for (String cmcId : cmcIds) {
            assertThat(gateway.get("/api/reviews?cmcId=" + cmcId, chairEuramet).body().get("content").size())
                    .as("review cases of CMC " + cmcId).isEqualTo(1);
        }

        // 4. Each publication instance, asked directly, answers the same search with the same hits: the one that
        //    published a record indexes it at once, the other at its next look at the store's changes.
        Set<String> expected = new TreeSet<>(codes.values());
        for (Platform.Service publication : scaled.instancesOf("publication")) {
            Http direct = new Http("http://127.0.0.1:" + publication.port());
            JsonNode hits = await(publication.process() + " to find every CMC of " + tag, Duration.ofSeconds(90),
                    () -> {
                        Http.Response search = direct.post("/api/kcdb/cmc/searchData/quickSearch", null,
                                Map.of("page", 0, "pageSize", 100, "keywords", tag));
                        return search.status() == 200 && search.body().get("totalElements").asInt() == CMCS
                                ? search.body().get("data") : null;
                    });
            Set<String> found = new TreeSet<>();
            hits.forEach(hit -> found.add(hit.get("kcdbCode").asText()));
            assertThat(found).as("the hits of " + publication.process()).isEqualTo(expected);
        }
        System.out.printf("[e2e] %d CMCs from draft to both publication instances' search over %d instances in %d s%n",
                CMCS, INSTANCES, Duration.between(begin, Instant.now()).toSeconds());
    }

    @Test
    void aPortalSignInComesBackThroughTheGatewayItBeganAt() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String gatewayUrl : List.of(platform.gatewayUrl(), scaled.gatewayUrl())) {
            HttpResponse<String> toKeycloak = browser.send(HttpRequest.newBuilder(
                            URI.create(gatewayUrl + "/oauth2/authorization/keycloak")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(toKeycloak.statusCode()).as(gatewayUrl).isEqualTo(302);
            String authorize = toKeycloak.headers().firstValue("Location").orElseThrow();
            Matcher redirectUri = Pattern.compile("[?&]redirect_uri=([^&]+)").matcher(authorize);
            assertThat(redirectUri.find()).as(authorize).isTrue();
            assertThat(URLDecoder.decode(redirectUri.group(1), StandardCharsets.UTF_8))
                    .isEqualTo(gatewayUrl + "/login/oauth2/code/keycloak");
            // Keycloak accepts it (its login page, not its "invalid redirect_uri" error).
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("kc-form-login");
        }
    }

    /**
     * Waits until, in every group, each topic's partitions are all assigned, each to one member only, and spread over
     * as many service instances as there are (the consumer threads of one instance count once). Returns the
     * partitions per instance, for the log.
     */
    private Map<String, Map<String, Integer>> awaitPartitionsSplit() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrap()))) {
            Set<String> topics = GROUPS.values().stream().flatMap(List::stream).collect(Collectors.toSet());
            Map<String, Integer> partitions = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                partitions.put(topic.name(), topic.partitions().size());
            }
            Instant deadline = Instant.now().plusSeconds(120);
            String last = "";
            while (Instant.now().isBefore(deadline)) {
                Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS.keySet()).all()
                        .get();
                Map<String, Map<String, Integer>> split = new TreeMap<>();
                List<String> wrong = new ArrayList<>();
                for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
                    for (String topic : group.getValue()) {
                        Map<String, Integer> perInstance = new TreeMap<>();
                        List<TopicPartition> assigned = new ArrayList<>();
                        for (MemberDescription member : groups.get(group.getKey()).members()) {
                            List<TopicPartition> mine = member.assignment().topicPartitions().stream()
                                    .filter(p -> p.topic().equals(topic)).toList();
                            if (!mine.isEmpty()) {
                                perInstance.merge(instanceOf(member), mine.size(), Integer::sum);
                                assigned.addAll(mine);
                            }
                        }
                        split.put(group.getKey() + " " + topic, perInstance);
                        boolean complete = assigned.size() == partitions.get(topic)
                                && new java.util.HashSet<>(assigned).size() == assigned.size();
                        if (!complete || perInstance.size() != INSTANCES) {
                            wrong.add(group.getKey() + " " + topic + " " + perInstance);
                        }
                    }
                }
                if (wrong.isEmpty()) {
                    return split;
                }
                last = wrong.toString();
                Thread.sleep(500);
            }
            throw new AssertionError("The partitions were not split between " + INSTANCES + " instances: " + last);
        }
    }

    /**
     * The service instance a group member runs in: its client id names the process after {@code @}
     * (support/service's consumers), then the consumer thread's number ({@code -0}, {@code -1}, ...) where a binding
     * runs several.
     */
    private static String instanceOf(MemberDescription member) {
        String clientId = member.clientId();
        String process = clientId.substring(clientId.indexOf('@') + 1);
        return process.replaceFirst("-\\d+$", "");
    }

    /** As the end-to-end test's poll, for longer: a look at the store's changes may be 30 s away. */
    private static JsonNode await(String what, Duration timeout, PlatformEndToEndTest.Probe probe)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = probe.poll();
            if (found != null) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    /**
     * Each instance of the service counted some of the {@link #CMCS} things since {@code before}, and all of them
     * together exactly {@link #CMCS}: shared, and none done twice. A consumer counts an event just after applying it,
     * so the count may trail what the API shows by moments.
     */
    private void assertSharedOnce(String what, Map<Platform.Service, Double> before, String service,
                                  java.util.function.ToDoubleFunction<String> read) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        Map<Platform.Service, Double> counted = delta(before, meter(service, read));
        while (sum(counted) < CMCS && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            counted = delta(before, meter(service, read));
        }
        Thread.sleep(1000); // anything counted twice would show now
        counted = delta(before, meter(service, read));
        System.out.printf("[e2e] %s per instance: %s%n", what, counted.entrySet().stream()
                .map(e -> e.getKey().process() + "=" + e.getValue()).toList());
        assertThat(counted).as(what + " by each " + service + " instance")
                .allSatisfy((instance, count) -> assertThat(count).as(instance.process()).isPositive());
        assertThat(sum(counted)).as(what + " by the " + service + " instances together").isEqualTo((double) CMCS);
    }

    /** A meter read from each instance of a service's Prometheus scrape. */
    private Map<Platform.Service, Double> meter(String service, java.util.function.ToDoubleFunction<String> read) {
        Map<Platform.Service, Double> values = new LinkedHashMap<>();
        for (Platform.Service instance : scaled.instancesOf(service)) {
            Http.Text scrape = new Http("http://127.0.0.1:" + instance.port()).text("/actuator/prometheus", null);
            assertThat(scrape.status()).as("the Prometheus scrape of " + instance.process()).isEqualTo(200);
            values.put(instance, read.applyAsDouble(scrape.body()));
        }
        return values;
    }

    private static java.util.function.ToDoubleFunction<String> consumed(String consumer, String type) {
        return scrape -> total(scrape, "kcdb_events_consumed_total", "consumer=\"" + consumer + "\"",
                "type=\"" + type + "\"");
    }

    private static double postsOfCmcs(String scrape) {
        return total(scrape, "http_server_requests_seconds_count", "method=\"POST\"", "uri=\"/api/cmcs\"");
    }

    /** The sum of a meter's samples whose labels include all those given (0 when the instance has none yet). */
    private static double total(String scrape, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)}\\s+([0-9.eE+-]+)").matcher(scrape);
        double sum = 0;
        while (sample.find()) {
            String found = sample.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }

    private static Map<Platform.Service, Double> delta(Map<Platform.Service, Double> before,
                                                       Map<Platform.Service, Double> after) {
        Map<Platform.Service, Double> delta = new LinkedHashMap<>();
        after.forEach((instance, value) -> delta.put(instance, value - before.getOrDefault(instance, 0.0)));
        return delta;
    }

    private static double sum(Map<Platform.Service, Double> byInstance) {
        return byInstance.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
