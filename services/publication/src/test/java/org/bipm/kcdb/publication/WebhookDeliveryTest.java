package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bipm.kcdb.test.Eventually.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.platform.Ports;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.bipm.kcdb.publication.domain.Webhook;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.publication.messaging.WebhookDelivery;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a receiver on this machine: signed deliveries, retries, parking with each CMC's order kept,
 * redelivery, disabling, and who may manage them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kcdb.webhooks.tick=100ms", "kcdb.webhooks.initial-backoff=50ms", "kcdb.webhooks.max-backoff=200ms",
        "kcdb.webhooks.max-attempts=3", "kcdb.webhooks.disable-after-failures=7", "kcdb.feed.poll-interval=50ms",
        "kcdb.webhooks.timeout=10s", "kcdb.webhooks.allow-http=true", "kcdb.webhooks.allowed-targets=127.0.0.1"})
@Import(KcdbServiceTest.LocalTokens.class)
class WebhookDeliveryTest extends KcdbServiceTest {

    static final String SIM = ISSUER.token("service-account-rmo-sim", List.of("rmo-subscriber"),
            Map.of("rmo", "SIM"));
    static final String APMP = ISSUER.token("service-account-rmo-apmp", List.of("rmo-subscriber"),
            Map.of("rmo", "APMP"));
    static final String WRITER = ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
    static final String SECRET = "whsec-" + UUID.randomUUID();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestEvents events;

    @LocalServerPort
    int port;
    WebTestClient http;
    Receiver receiver;
    @Autowired
    EventFeed feed;
    @Autowired
    AggregateStore<Webhook> webhookStore;
    @Autowired
    WebhookTargets targets;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "webhook-test");
        registry.add("spring.cloud.stream.bindings.feedEvents-in-0.group", () -> "feed-" + UUID.randomUUID());
    }

    @BeforeAll
    static void broker() {
        events = new TestEvents(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void closeBroker() {
        events.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        http = TestHttp.client(port, Duration.ofSeconds(20));
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        receiver.stop();
    }

    @Test
    void eachEventArrivesOnceSignedAsACloudEvent() throws Exception {
        String webhook = register(SIM, receiver.url(), List.of("org.bipm.kcdb.cmc.submitted"), List.of("SIM"));
        String cmc = "cmc-" + UUID.randomUUID();
        CmcSubmitted submitted = submitted(cmc, 1, "SIM");
        long before = feed.latestPosition();
        events.send(submitted(cmc, 2, "EURAMET"), "/kcdb/submission"); // another RMO: filtered out
        events.send(submitted, "/kcdb/submission");
        events.send(submitted, "/kcdb/submission"); // redelivered by the broker: in the feed once
        CmcSubmitted after = submitted(cmc, 3, "EURAMET"); // same key: behind the redelivered one in the feed
        events.send(after, "/kcdb/submission");

        Delivery delivery = await("the delivery", () -> receiver.accepted(cmc).stream().findFirst().orElse(null));
        assertThat(delivery.contentType()).startsWith("application/cloudevents+json");
        assertThat(delivery.webhookId()).isEqualTo(webhook);
        assertThat(delivery.eventId()).isEqualTo(submitted.eventId().toString());
        assertThat(delivery.signature()).isEqualTo("v1=" + hmac(SECRET, delivery.timestamp() + "." + delivery.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp()))).isLessThan(60);
        JsonNode event = JSON.readTree(delivery.body());
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("type").asString()).isEqualTo("org.bipm.kcdb.cmc.submitted");
        assertThat(event.get("subject").asString()).isEqualTo(cmc);
        assertThat(event.get("data").get("rmo").asString()).isEqualTo("SIM");

        // A wrong second delivery would come before the webhook has moved past the event sent after the redelivered
        // one: awaited by position, not by a pause that a loaded machine can make too short.
        long afterPosition = await("the event after the redelivered one in the feed", () -> feed.after(before,
                new FeedFilter(null, null, null, null), 1000).filter(e -> id(after).equals(e.id()))
                .map(FeedEntry::seq).next().block());
        await("the webhook past it", () -> webhookStore.find(webhook).block().aggregate().position() >= afterPosition
                ? true : null);
        assertThat(receiver.accepted(cmc)).hasSize(1);
        view(SIM, webhook).jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.secret").doesNotExist();
    }

    @Test
    void aFailingCmcIsParkedWithItsLaterEventsWhileOtherCmcsGoOnAndRedeliveryKeepsTheOrder() {
        String webhook = register(SIM, receiver.url(), List.of(), List.of());
        String stuck = "cmc-stuck-" + UUID.randomUUID();
        String other = "cmc-other-" + UUID.randomUUID();
        receiver.refuse(stuck);
        List<CmcSubmitted> sent = List.of(submitted(stuck, 1, "SIM"), submitted(other, 1, "SIM"),
                submitted(stuck, 2, "SIM"), submitted(other, 2, "SIM"));
        sent.forEach(e -> events.send(e, "/kcdb/submission"));

        await("the other CMC's events", () -> receiver.accepted(other).size() == 2 ? true : null);
        List<Map<String, Object>> parked = await("both events of the stuck CMC parked", () -> {
            List<Map<String, Object>> found = parked(webhook);
            return found.size() == 2 ? found : null;
        });
        assertThat(parked).extracting(p -> p.get("eventId"))
                .containsExactly(id(sent.get(0)), id(sent.get(2)));
        assertThat(parked.get(0)).containsEntry("attempts", 3).containsEntry("lastError", "HTTP 503");
        assertThat(parked.get(1)).containsEntry("attempts", 0);
        assertThat(receiver.attempts(id(sent.get(0)))).as("retried up to the limit").isEqualTo(3);
        assertThat(receiver.attempts(id(sent.get(2)))).as("never tried before the one ahead of it").isZero();

        receiver.accept(stuck);
        http.post().uri("/api/subscriptions/" + webhook + "/redeliveries").headers(h -> h.setBearerAuth(SIM))
                .exchange().expectStatus().isAccepted().expectBody().jsonPath("$.queuedForRedelivery").isEqualTo(2);
        List<Delivery> redelivered = await("the redelivery", () -> receiver.accepted(stuck).size() == 2
                ? receiver.accepted(stuck) : null);
        assertThat(redelivered).extracting(Delivery::eventId).containsExactly(id(sent.get(0)), id(sent.get(2)));
        assertThat(parked(webhook)).isEmpty();

        String later = "cmc-later-" + UUID.randomUUID();
        events.send(submitted(later, 1, "SIM"), "/kcdb/submission");
        await("new events after the redelivery", () -> receiver.accepted(later).isEmpty() ? null : true);
        assertThat(receiver.accepted(stuck)).hasSize(2);
    }

    @Test
    void aWebhookThatKeepsFailingIsDisabledAndRedeliveryBringsItBackWithNothingLost() {
        String webhook = register(APMP, receiver.url(), List.of(), List.of("APMP"));
        receiver.refuseAll();
        List<CmcSubmitted> sent = List.of(submitted("cmc-d1-" + UUID.randomUUID(), 1, "APMP"),
                submitted("cmc-d2-" + UUID.randomUUID(), 1, "APMP"),
                submitted("cmc-d3-" + UUID.randomUUID(), 1, "APMP"));
        sent.forEach(e -> events.send(e, "/kcdb/submission"));

        await("the webhook disabled", () -> {
            Map<String, Object> found = viewMap(APMP, webhook);
            return "DISABLED".equals(found.get("status")) ? found : null;
        });
        view(APMP, webhook).jsonPath("$.disabledReason").value(reason ->
                assertThat((String) reason).startsWith("7 failed deliveries in a row"));
        int attemptsWhenDisabled = receiver.totalAttempts();
        sleep(600);
        assertThat(receiver.totalAttempts()).as("a disabled webhook is left alone").isEqualTo(attemptsWhenDisabled);

        receiver.acceptAll();
        http.post().uri("/api/subscriptions/" + webhook + "/redeliveries").headers(h -> h.setBearerAuth(APMP))
                .exchange().expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        List<String> ours = sent.stream().map(WebhookDeliveryTest::id).toList();
        List<String> delivered = await("every event", () -> {
            // Other test classes' events on the shared broker may reach this feed too: only ours count.
            List<String> ids = receiver.acceptedEventIds().stream().filter(ours::contains).toList();
            return ids.size() >= 3 ? ids : null;
        });
        assertThat(delivered).containsExactly(id(sent.get(0)), id(sent.get(1)), id(sent.get(2)));
    }

    /**
     * The other receiver's events go out while the sleeper's attempt is still under way: each of them finds the
     * sleeper's first attempt not yet given up. They are parked at the other receiver before the sleeper is held, and
     * redelivered from there, so only the redelivery (no broker) lies between the two, far less than the timeout.
     */
    @Test
    void aReceiverThatSleepsDoesNotHoldUpAnother() throws Exception {
        Receiver slow = new Receiver();
        String first = "cmc-first-" + UUID.randomUUID();
        String cmc = "cmc-fast-" + UUID.randomUUID();
        slow.hold(first);
        receiver.refuse(cmc);
        try {
            String slowHook = register(SIM, slow.url(), List.of(), List.of("SIM"));
            String fastHook = register(SIM, receiver.url(), List.of(), List.of("SIM"));
            List<CmcSubmitted> sent = List.of(submitted(cmc, 1, "SIM"), submitted(cmc, 2, "SIM"),
                    submitted(cmc, 3, "SIM"));
            sent.forEach(e -> events.send(e, "/kcdb/submission"));
            await("the other receiver's events parked", () -> parked(fastHook).stream()
                    .filter(p -> cmc.equals(p.get("subject"))).count() == 3 ? true : null);
            events.send(submitted(first, 1, "SIM"), "/kcdb/submission");
            await("the sleeping receiver holding its first delivery", () -> slow.held() > 0 ? true : null);

            List<Integer> sleeperFailuresSaved = new CopyOnWriteArrayList<>();
            receiver.whenAccepting(delivery -> {
                if (cmc.equals(delivery.subject())) {
                    sleeperFailuresSaved.add(webhookStore.find(slowHook).block().aggregate().attempts());
                }
            });
            receiver.accept(cmc);
            http.post().uri("/api/subscriptions/" + fastHook + "/redeliveries").headers(h -> h.setBearerAuth(SIM))
                    .exchange().expectStatus().isAccepted();
            List<Delivery> delivered = await("the other receiver's events",
                    () -> receiver.accepted(cmc).size() == 3 ? receiver.accepted(cmc) : null);
            assertThat(delivered).extracting(Delivery::eventId).containsExactly(id(sent.get(0)), id(sent.get(1)),
                    id(sent.get(2)));
            assertThat(sleeperFailuresSaved).as("delivered while the sleeper's first attempt was under way")
                    .containsExactly(0, 0, 0);
            Map<String, Object> parked = await("the sleeper's first event parked", Duration.ofSeconds(90),
                    () -> parked(slowHook).stream().filter(p -> first.equals(p.get("subject"))).findFirst()
                            .orElse(null));
            assertThat(parked).as("no more than the kind of failure").containsEntry("lastError", "timeout");
            assertThat(slow.accepted(first)).isEmpty();
            http.delete().uri("/api/subscriptions/" + slowHook).headers(h -> h.setBearerAuth(SIM)).exchange()
                    .expectStatus().isNoContent();
        } finally {
            slow.stop();
        }
    }

    @Test
    void aParkedDeliverySaysOnlyThatTheReceiverWasUnreachable() throws Exception {
        // Nothing listens there: the connection is refused. A port below the range of the kernel's own choices, which
        // a receiver started and stopped here would have freed for any server or connection of this machine to take.
        String gone = "http://127.0.0.1:" + Ports.freePort() + "/hook";
        String webhook = register(SIM, gone, List.of(), List.of("SIM"));
        String cmc = "cmc-unreachable-" + UUID.randomUUID();
        events.send(submitted(cmc, 1, "SIM"), "/kcdb/submission");
        Map<String, Object> parked = await("the event parked", () -> parked(webhook).stream()
                .filter(p -> cmc.equals(p.get("subject"))).findFirst().orElse(null));
        assertThat(parked).containsEntry("lastError", "unreachable");
        http.delete().uri("/api/subscriptions/" + webhook).headers(h -> h.setBearerAuth(SIM)).exchange()
                .expectStatus().isNoContent();
    }

    /**
     * Many events to several receivers, each refusing every event's first attempt, while a second delivery worker
     * (another instance) is started and stopped in the middle of deliveries again and again: every receiver gets
     * every event, and each CMC's events first arrive in the order they happened.
     */
    @Test
    void noEventIsMissedOrReorderedAcrossRestartsOfTheDeliveryWorker() throws Exception {
        List<Receiver> receivers = new java.util.ArrayList<>();
        List<String> hooks = new java.util.ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread restarts = new Thread(() -> {
            while (running.get()) {
                try (WebhookDelivery worker = new WebhookDelivery(webhookStore, feed, targets, JSON,
                        java.time.Clock.systemUTC(), new Webhook.Policy(3, Duration.ofMillis(50),
                        Duration.ofMillis(200), 7), Duration.ofSeconds(2))) {
                    for (int i = 0; i < 8 && running.get(); i++) {
                        worker.deliverDue();
                        sleep(20);
                    }
                }
            }
        }, "restarting-delivery-worker");
        try {
            for (int r = 0; r < 4; r++) {
                Receiver each = new Receiver();
                each.refuseFirstAttempts();
                receivers.add(each);
                hooks.add(register(SIM, each.url(), List.of(), List.of("SIM")));
            }
            restarts.start();
            Map<String, List<String>> sentBySubject = new java.util.LinkedHashMap<>();
            List<String> all = new java.util.ArrayList<>();
            for (int round = 1; round <= 8; round++) {
                for (int c = 0; c < 6; c++) {
                    String cmc = "cmc-many-" + c + "-" + hooks.get(0);
                    CmcSubmitted event = submitted(cmc, round, "SIM");
                    events.send(event, "/kcdb/submission");
                    sentBySubject.computeIfAbsent(cmc, k -> new java.util.ArrayList<>()).add(id(event));
                    all.add(id(event));
                }
            }
            for (Receiver each : receivers) {
                await("every event at every receiver", () -> each.acceptedEventIds().containsAll(all) ? true : null);
                sentBySubject.forEach((cmc, ids) -> assertThat(each.accepted(cmc).stream().map(Delivery::eventId)
                        .distinct().toList()).as("the order of " + cmc).containsExactlyElementsOf(ids));
            }
        } finally {
            running.set(false);
            restarts.join();
            for (String hook : hooks) {
                http.delete().uri("/api/subscriptions/" + hook).headers(h -> h.setBearerAuth(SIM)).exchange();
            }
            receivers.forEach(Receiver::stop);
        }
    }

    /**
     * Registrations generated from the request record (seeded): each is created (201) or refused with a 4xx problem,
     * never a 5xx, and the refused ones store nothing – the subscriber's list grows by exactly the created ones.
     */
    @Test
    void generatedRegistrationsAreCreatedOrRefusedAndRefusalsStoreNothing() {
        String token = ISSUER.token("service-account-rmo-coomet", List.of("rmo-subscriber"), Map.of("rmo", "COOMET"));
        int before = listed(token).size();
        net.jqwik.api.Arbitrary<org.bipm.kcdb.publication.web.WebhookRegistration> generated =
                net.jqwik.api.Arbitraries.oneOf(
                        org.bipm.kcdb.publication.web.RequestPropertiesTest.of(
                                org.bipm.kcdb.publication.web.WebhookRegistration.class),
                        net.jqwik.api.Arbitraries.just(new org.bipm.kcdb.publication.web.WebhookRegistration(
                                receiver.url(), SECRET, null, null, null, null)));
        net.jqwik.engine.SourceOfRandomness.create("29"); // seeded: the same cases on every run
        List<String> created = new java.util.ArrayList<>();
        for (var registration : generated.sampleStream().limit(150).toList()) {
            var result = http.post().uri("/api/subscriptions").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(registration).exchange()
                    .expectBody(Map.class).returnResult();
            int status = result.getStatus().value();
            assertThat(status).as("%s", registration).isIn(201, 400);
            if (status == 201) {
                created.add((String) result.getResponseBody().get("id"));
            } else {
                assertThat(result.getResponseHeaders().getContentType()).as("%s", registration)
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        assertThat(listed(token)).hasSize(before + created.size());
        created.forEach(id -> http.delete().uri("/api/subscriptions/" + id).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNoContent());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listed(String token) {
        return http.get().uri("/api/subscriptions").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    @Test
    void onlySubscribersManageWebhooksAndEachOnlyTheirOwn() {
        http.get().uri("/api/subscriptions").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/subscriptions").headers(h -> h.setBearerAuth(WRITER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", receiver.url(), "secret", SECRET))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/subscriptions").headers(h -> h.setBearerAuth(SIM))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "ftp://sim.example/x", "secret", "short", "types", List.of("cmc.nonsense")))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat((List<String>) fields).containsExactlyInAnyOrder("url", "secret", "types"));

        String simHook = register(SIM, receiver.url(), List.of(), List.of());
        http.get().uri("/api/subscriptions/" + simHook).headers(h -> h.setBearerAuth(APMP)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/subscriptions/" + simHook).headers(h -> h.setBearerAuth(APMP)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/subscriptions").headers(h -> h.setBearerAuth(APMP)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == '" + simHook + "')]").doesNotExist();
        http.delete().uri("/api/subscriptions/" + simHook).headers(h -> h.setBearerAuth(SIM)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/subscriptions/" + simHook).headers(h -> h.setBearerAuth(SIM)).exchange()
                .expectStatus().isNotFound();
    }

    private String register(String token, String url, List<String> types, List<String> rmos) {
        Map<?, ?> created = http.post().uri("/api/subscriptions").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", url, "secret", SECRET, "types", types, "rmos", rmos))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    private WebTestClient.BodyContentSpec view(String token, String webhook) {
        return http.get().uri("/api/subscriptions/" + webhook).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> viewMap(String token, String webhook) {
        return http.get().uri("/api/subscriptions/" + webhook).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parked(String webhook) {
        return http.get().uri("/api/subscriptions/" + webhook + "/parked").headers(h -> h.setBearerAuth(SIM))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    private static CmcSubmitted submitted(String cmcId, int round, String rmo) {
        return new CmcSubmitted(UUID.randomUUID(), Instant.now(), 1, cmcId, round, "NRC", "CA", rmo, "writer.nrc",
                null, PublicationServiceTest.content("Illuminance responsivity"));
    }

    private static String id(CmcSubmitted event) {
        return event.eventId().toString();
    }

    static String hmac(String secret, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Delivered, failed and parked attempts are counted on /actuator/prometheus (docs/metrics.md). */
    @Test
    void prometheusCountsDeliveredFailedAndParkedAttempts() {
        String before = scrape();
        String webhook = register(SIM, receiver.url(), List.of(), List.of());
        String fine = "cmc-fine-" + UUID.randomUUID();
        String stuck = "cmc-stuck-" + UUID.randomUUID();
        receiver.refuse(stuck);
        events.send(submitted(fine, 1, "SIM"), "/kcdb/submission");
        events.send(submitted(stuck, 1, "SIM"), "/kcdb/submission");
        await("the fine CMC delivered", () -> receiver.accepted(fine).isEmpty() ? null : true);
        await("the stuck CMC parked", () -> parked(webhook).size() == 1 ? true : null);

        String after = await("the parking counted", () -> {
            String text = scrape();
            return deliveries(text, "parked") >= deliveries(before, "parked") + 1 ? text : null;
        });
        // max-attempts=3: two failed attempts, the third parks the event.
        assertThat(deliveries(after, "delivered")).isGreaterThanOrEqualTo(deliveries(before, "delivered") + 1);
        assertThat(deliveries(after, "failed")).isGreaterThanOrEqualTo(deliveries(before, "failed") + 2);
        assertThat(deliveries(after, "parked")).isGreaterThanOrEqualTo(deliveries(before, "parked") + 1);
    }

    private String scrape() {
        // The scrape (histogram buckets included) is larger than a client buffers by default.
        return http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    private static double deliveries(String scrape, String outcome) {
        String sample = "kcdb_webhook_deliveries_total{outcome=\"" + outcome + "\"} ";
        return scrape.lines().filter(line -> line.startsWith(sample)).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length()).trim())).orElse(0.0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Delivery(String webhookId, String eventId, String timestamp, String signature, String contentType,
                    String body, String subject) {
    }

    /** An RMO's system: answers 204, or 503 for the subjects (or everything) it is told to refuse. */
    static final class Receiver {

        private final HttpServer server;
        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        private volatile boolean refuseAll;
        private volatile boolean refuseFirstAttempts;
        private final Set<String> holding = ConcurrentHashMap.newKeySet();
        private final AtomicInteger held = new AtomicInteger();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile Consumer<Delivery> accepting = delivery -> { };
        private final List<Delivery> accepted = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String subject = JSON.readTree(body).get("subject").asString();
                var headers = exchange.getRequestHeaders();
                Delivery delivery = new Delivery(headers.getFirst("KCDB-Webhook-Id"),
                        headers.getFirst("KCDB-Event-Id"), headers.getFirst("KCDB-Timestamp"),
                        headers.getFirst("KCDB-Signature"), headers.getFirst("Content-Type"), body, subject);
                int attempt = attempts.merge(delivery.eventId(), 1, Integer::sum);
                if (holding.contains(subject)) {
                    held.incrementAndGet();
                    try {
                        stopped.await(); // not answered while the receiver runs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                boolean refuse = refuseAll || refused.contains(subject) || holding.contains(subject)
                        || (refuseFirstAttempts && attempt == 1);
                if (!refuse) {
                    accepting.accept(delivery);
                    accepted.add(delivery);
                }
                exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
                exchange.close();
            });
            // A thread per request, as a real receiver has: a sleeping answer does not hold up the next request.
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        void refuse(String subject) {
            refused.add(subject);
        }

        void accept(String subject) {
            refused.remove(subject);
        }

        /** Deliveries of the subject are held unanswered until the receiver stops: it sleeps on them. */
        void hold(String subject) {
            holding.add(subject);
        }

        /** How many deliveries it holds, or held. */
        int held() {
            return held.get();
        }

        /** Called on the receiver's thread for each delivery it accepts, before it answers. */
        void whenAccepting(Consumer<Delivery> accepting) {
            this.accepting = accepting;
        }

        void refuseFirstAttempts() {
            refuseFirstAttempts = true;
        }

        void refuseAll() {
            refuseAll = true;
        }

        void acceptAll() {
            refuseAll = false;
        }

        List<Delivery> accepted(String subject) {
            return accepted.stream().filter(d -> subject.equals(d.subject())).toList();
        }

        List<String> acceptedEventIds() {
            return accepted.stream().map(Delivery::eventId).toList();
        }

        int attempts(String eventId) {
            return attempts.getOrDefault(eventId, 0);
        }

        int totalAttempts() {
            return attempts.values().stream().mapToInt(Integer::intValue).sum();
        }

        void stop() {
            stopped.countDown();
            server.stop(0);
        }
    }
}
