package org.bipm.kcdb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bipm.kcdb.platform.Ports;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Two instances of a service behind one route, as {@code ./kcdb up --instances 2} configures the gateway: the
 * route's URI is {@code lb://submission} and the instances are a static list of URLs; requests are spread over both.
 * Three instances of the review service, one of them stopped and started again: health-checked, the stopped one
 * leaves the round robin and comes back, and no request is lost meanwhile. Two of the comparison service, one never
 * listening and its health not checked: every request whose connection it refuses goes to the other one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class GatewayInstancesTest {

    static final DisposableServer FIRST = instance("first");
    static final DisposableServer SECOND = instance("second");

    /** Requests the stand-ins answered with a 500, to show such an answer is not retried. */
    static final AtomicInteger FAILED = new AtomicInteger();
    static final DisposableServer REVIEW_A = echoing("review-a", 0);
    static final DisposableServer REVIEW_B = echoing("review-b", 0);
    static final int REVIEW_C_PORT = Ports.freePort();
    static volatile DisposableServer reviewC = echoing("review-c", REVIEW_C_PORT);
    static final DisposableServer COMPARISON = echoing("comparison", 0);
    /** A comparison instance that is never started: every connection to it is refused. */
    static final int COMPARISON_DOWN_PORT = Ports.freePort();

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory balancers;

    /** An instance that names itself and echoes the method and body; {@code .../fail} answers 500. */
    static DisposableServer echoing(String name, int port) {
        return HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> {
            if (request.uri().endsWith("/fail")) {
                FAILED.incrementAndGet();
                return response.status(500).send();
            }
            return response.header("Content-Type", "application/json").sendString(request.receive().aggregate()
                    .asString().defaultIfEmpty("").map(body -> "{\"instance\":\"" + name + "\",\"method\":\""
                            + request.method().name() + "\",\"body\":\"" + body + "\"}"));
        }).bindNow();
    }

    static DisposableServer instance(String name) {
        return StandInService.start((request, response) -> response.header("Content-Type", "application/json")
                .sendString(Mono.just("{\"instance\":\"" + name + "\",\"authorization\":\""
                        + request.requestHeaders().get("Authorization", "") + "\"}")));
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("kcdb.gateway.submission-uri", () -> "lb://submission");
        registry.add("spring.cloud.discovery.client.simple.instances.submission[0].uri",
                () -> StandInService.url(FIRST));
        registry.add("spring.cloud.discovery.client.simple.instances.submission[1].uri",
                () -> StandInService.url(SECOND));
        for (String service : List.of("publication", "notification", "portal")) {
            registry.add("kcdb.gateway." + service + "-uri", () -> StandInService.url(FIRST));
        }
        registry.add("kcdb.gateway.review-uri", () -> "lb://review");
        registry.add("spring.cloud.discovery.client.simple.instances.review[0].uri", () -> StandInService.url(REVIEW_A));
        registry.add("spring.cloud.discovery.client.simple.instances.review[1].uri", () -> StandInService.url(REVIEW_B));
        registry.add("spring.cloud.discovery.client.simple.instances.review[2].uri",
                () -> "http://127.0.0.1:" + REVIEW_C_PORT);
        registry.add("kcdb.gateway.comparison-uri", () -> "lb://comparison");
        registry.add("spring.cloud.discovery.client.simple.instances.comparison[0].uri",
                () -> StandInService.url(COMPARISON));
        registry.add("spring.cloud.discovery.client.simple.instances.comparison[1].uri",
                () -> "http://127.0.0.1:" + COMPARISON_DOWN_PORT);
        // The comparison instances' health is not checked (an empty path), so the one down stays in the round robin.
        registry.add("spring.cloud.loadbalancer.health-check.path.comparison", () -> "");
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "1s");
    }

    @AfterAll
    static void stop() {
        FIRST.disposeNow();
        SECOND.disposeNow();
        REVIEW_A.disposeNow();
        REVIEW_B.disposeNow();
        reviewC.disposeNow();
        COMPARISON.disposeNow();
    }

    @Test
    void requestsToOneServiceAreSpreadOverItsInstancesWithTheTokenRelayedToEach() {
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(20));
        String writer = KcdbServiceTest.ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
        Map<String, Integer> answered = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            Map<?, ?> echoed = http.get().uri("/api/cmcs/" + i).headers(h -> h.setBearerAuth(writer)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(echoed.get("authorization")).isEqualTo("Bearer " + writer);
            answered.merge((String) echoed.get("instance"), 1, Integer::sum);
        }
        // Round robin: each instance answers every other request.
        assertThat(answered).containsExactlyInAnyOrderEntriesOf(Map.of("first", 5, "second", 5));
    }

    @Test
    void aStoppedInstanceLeavesTheRoundRobinWithoutALostRequestAndComesBackWhenItAnswersAgain() {
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(20));
        String chair = KcdbServiceTest.ISSUER.writer("chair.euramet", "METAS", "CH", "EURAMET");
        String a = StandInService.url(REVIEW_A);
        String b = StandInService.url(REVIEW_B);
        String c = "http://127.0.0.1:" + REVIEW_C_PORT;
        AtomicInteger sent = new AtomicInteger();
        Runnable request = () -> {
            int n = sent.incrementAndGet();
            Map<?, ?> echoed = http.post().uri("/api/reviews/bulk-decision").headers(h -> h.setBearerAuth(chair))
                    .header("Content-Type", "text/plain").bodyValue("decision-" + n).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(echoed.get("body")).isEqualTo("decision-" + n);
        };

        awaitWithin(Duration.ofSeconds(20), () -> aliveReviewInstances().equals(Set.of(a, b, c)), "all three ready");
        Set<Object> answering = new TreeSet<>();
        awaitWithin(Duration.ofSeconds(20), () -> {
            answering.add(get(http, chair, "/api/reviews/1").get("instance"));
            return answering.size() == 3;
        }, "each of the three answering");

        reviewC.disposeNow();
        Instant stopped = Instant.now();
        // Sent while the stopped one is still listed: a refused connection goes on to the next instance.
        for (int i = 0; i < 6; i++) {
            request.run();
        }
        awaitWithin(Duration.ofSeconds(15), () -> {
            request.run();
            return aliveReviewInstances().equals(Set.of(a, b));
        }, "the stopped instance left out");
        Duration leftOutAfter = Duration.between(stopped, Instant.now());

        reviewC = echoing("review-c", REVIEW_C_PORT);
        Instant restarted = Instant.now();
        awaitWithin(Duration.ofSeconds(15), () -> {
            request.run();
            return aliveReviewInstances().equals(Set.of(a, b, c));
        }, "the restarted instance back in");
        Set<Object> answeringAgain = new TreeSet<>();
        awaitWithin(Duration.ofSeconds(20), () -> {
            answeringAgain.add(get(http, chair, "/api/reviews/1").get("instance"));
            return answeringAgain.contains("review-c");
        }, "the restarted instance answering");
        System.out.printf("review-c stopped: left out after %d ms, back in after %d ms%n", leftOutAfter.toMillis(),
                Duration.between(restarted, Instant.now()).toMillis());
        assertThat(leftOutAfter).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aRefusedConnectionIsSentToTheNextInstanceWhateverTheMethodButAFailedRequestIsNotSentAgain() {
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(20));
        String coordinator = KcdbServiceTest.ISSUER.writer("coordinator.ptb", "PTB", "DE", "EURAMET");
        for (int i = 0; i < 6; i++) {
            String body = "result-" + i;
            Map<?, ?> echoed = http.post().uri("/api/comparisons").headers(h -> h.setBearerAuth(coordinator))
                    .header("Content-Type", "text/plain").bodyValue(body).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(List.of(echoed.get("instance"), echoed.get("method"), echoed.get("body")))
                    .containsExactly("comparison", "POST", body);
            assertThat(get(http, coordinator, "/api/comparisons/" + i).get("instance")).isEqualTo("comparison");
        }
        int before = FAILED.get();
        for (int i = 0; i < 4; i++) {
            http.get().uri("/api/comparisons/fail").headers(h -> h.setBearerAuth(coordinator)).exchange()
                    .expectStatus().is5xxServerError();
        }
        // Each answered 500 once: an instance that received the request is never sent it again.
        assertThat(FAILED.get() - before).isEqualTo(4);
    }

    private static Map<?, ?> get(WebTestClient http, String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The review instances the balancer takes in turn now: those whose last health check found them ready. */
    private Set<String> aliveReviewInstances() {
        List<ServiceInstance> alive = balancers.getInstance("review", ServiceInstanceListSupplier.class).get()
                .blockFirst(Duration.ofSeconds(10));
        Set<String> uris = new TreeSet<>();
        for (ServiceInstance instance : List.copyOf(alive == null ? List.of() : alive)) {
            uris.add(instance.getUri().toString());
        }
        return uris;
    }

    private static void awaitWithin(Duration limit, BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The launcher lists the instances as environment variables, which bind to the same list. */
    @Test
    void theInstancesCanBeListedInEnvironmentVariables() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_SUBMISSION_0_URI", "http://127.0.0.1:8081",
                "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_SUBMISSION_1_URI", "http://127.0.0.1:8091"));
        SimpleReactiveDiscoveryProperties bound = new Binder(ConfigurationPropertySources.from(environment))
                .bind("spring.cloud.discovery.client.simple", SimpleReactiveDiscoveryProperties.class).get();
        bound.afterPropertiesSet();
        assertThat(bound.getInstances("submission")).extracting(InstanceProperties::getUri)
                .extracting(Object::toString).containsExactly("http://127.0.0.1:8081", "http://127.0.0.1:8091");
    }
}
