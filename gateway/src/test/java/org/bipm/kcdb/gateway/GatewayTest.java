package org.bipm.kcdb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/** The gateway in front of a stand-in service that echoes what reached it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class GatewayTest {

    static final List<String> IDENTITY_HEADERS = List.of("X-Kcdb-User", "X-Kcdb-Institute", "X-Kcdb-Roles",
            "X-Forwarded-User");

    static final DisposableServer BACKEND = StandInService.start(
            (request, response) -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"path\":\"" + request.uri() + "\",\"authorization\":\""
                            + request.requestHeaders().get("Authorization", "") + "\",\"spoofed\":\""
                            + IDENTITY_HEADERS.stream().map(name -> request.requestHeaders().get(name, ""))
                                    .collect(Collectors.joining()) + "\",\"traceparent\":\""
                            + request.requestHeaders().get("traceparent", "") + "\",\"forwardedHost\":\""
                            + request.requestHeaders().get("X-Forwarded-Host", "") + "\",\"forwardedProto\":\""
                            + request.requestHeaders().get("X-Forwarded-Proto", "") + "\"}")));

    static final String WRITER = KcdbServiceTest.ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");

    @LocalServerPort
    int port;
    WebTestClient http;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInService.routeEverythingTo(BACKEND, registry);
    }

    @AfterAll
    static void stop() {
        BACKEND.disposeNow();
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(20));
    }

    @Test
    void withoutATokenOnlyThePublicKcdbApiPasses() {
        for (String path : List.of("/api/cmcs", "/api/reviews/1", "/api/comparisons", "/api/subscriptions",
                "/api/directory/reviewers", "/api/notifications", "/api/notifications/stream")) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("Content-Type", "application/problem+json");
        }
        http.post().uri("/api/kcdb/cmc/searchData/quickSearch").bodyValue("{}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/kcdb/cmc/searchData/quickSearch");
    }

    @Test
    void identityHeadersAClientMadeUpNeverReachAServiceOnAPublicPathEither() {
        http.post().uri("/api/kcdb/cmc/searchData/quickSearch").header("X-Kcdb-User", "kcdb.office")
                .header("X-Kcdb-Roles", "kcdb-office").bodyValue("{}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.spoofed").isEqualTo("");
    }

    @Test
    void aValidTokenIsRelayedToTheServiceAndSpoofedIdentityHeadersAreDropped() {
        Map<?, ?> echoed = http.get().uri("/api/cmcs/42").headers(h -> h.setBearerAuth(WRITER))
                .header("X-Kcdb-User", "kcdb.office").header("X-Kcdb-Institute", "BIPM")
                .header("X-Kcdb-Roles", "kcdb-office").header("X-Forwarded-User", "kcdb.office")
                .exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(echoed.get("path")).isEqualTo("/api/cmcs/42");
        assertThat(echoed.get("authorization")).isEqualTo("Bearer " + WRITER);
        assertThat(echoed.get("spoofed")).isEqualTo("");
    }

    /**
     * A browser on this machine (the local platform's trusted proxies, kcdb.gateway.trusted-proxies) reaches the
     * portal with the address it used forwarded: the portal sends a sign-in back to that gateway (PublicOrigin). Spring
     * Cloud Gateway 5 forwards nothing unless the client's address is trusted.
     */
    @Test
    void thePortalLearnsTheAddressTheBrowserUsed() {
        Map<?, ?> echoed = http.get().uri("/cmcs").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(echoed.get("path")).isEqualTo("/cmcs");
        assertThat(echoed.get("forwardedHost")).isEqualTo("127.0.0.1:" + port);
        assertThat(echoed.get("forwardedProto")).isEqualTo("http");
    }

    /** The gateway continues the caller's trace, or starts one, and hands it to the service (docs/metrics.md). */
    @Test
    void theServiceReceivesTheTraceTheGatewayContinuesOrStarts() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Map<?, ?> continued = http.get().uri("/api/cmcs/42").headers(h -> h.setBearerAuth(WRITER))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) continued.get("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain("00f067aa0ba902b7");
        Map<?, ?> started = http.get().uri("/api/cmcs/42").headers(h -> h.setBearerAuth(WRITER)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) started.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain(traceId);
    }

    @Test
    void theDirectoryOfReviewersIsRoutedWithItsQuery() {
        http.get().uri("/api/directory/reviewers?rmo=EURAMET&area=EM").headers(h -> h.setBearerAuth(WRITER))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.path").isEqualTo("/api/directory/reviewers?rmo=EURAMET&area=EM");
    }

    @Test
    void theSignedInUsersNotificationsAreRouted() {
        http.get().uri("/api/notifications?unreadOnly=true").headers(h -> h.setBearerAuth(WRITER))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.path").isEqualTo("/api/notifications?unreadOnly=true");
    }

    /** What Spring Security's firewall refuses before any filter is a 400 problem too, not an empty body. */
    @Test
    void aPathTheFirewallRefusesIsAProblem() {
        for (String path : List.of("/api/comparisons//evaluations", "/api/cmcs/a%2Fb", "/api/kcdb/cmc/..%2F..")) {
            http.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .headers(h -> h.setBearerAuth(WRITER)).exchange().expectStatus().isBadRequest()
                    .expectHeader().valueEquals("Content-Type", "application/problem+json")
                    .expectBody().jsonPath("$.status").isEqualTo(400)
                    .jsonPath("$.type").isEqualTo("https://kcdb.bipm.org/problems/rejected-request");
        }
    }

    @Test
    void tokensOfAnotherIssuerOrAudienceAreRefused() {
        String foreign = new org.bipm.kcdb.test.LocalIssuer().writer("writer.ptb", "PTB", "DE", "EURAMET");
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(foreign)).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth("garbage")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void thePortalsPagesPassWithoutATokenAndTheApiStillNeedsOne() {
        for (String path : List.of("/", "/search?keywords=voltage", "/cmcs/new", "/oauth2/authorization/keycloak",
                "/webjars/htmx.org/2.0.10/dist/htmx.min.js")) {
            http.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo(path);
        }
        http.post().uri("/logout").bodyValue("_csrf=x").exchange().expectStatus().isOk();
        for (String path : List.of("/api/cmcs", "/api/unknown", "/api")) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        // The gateway's own actuator stays closed but for health and the Prometheus scrape (open on purpose).
        http.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthIsOpenForTheLauncher() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void prometheusIsScrapedWithoutATokenOnTheGatewaysOwnAddress() {
        // The scrape grows with what the tests before it did on the shared context: more than a client buffers by
        // default once the test classes run in another order.
        http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
    }
}
