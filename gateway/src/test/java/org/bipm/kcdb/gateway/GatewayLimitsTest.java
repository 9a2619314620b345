package org.bipm.kcdb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/** The gateway's limits with a low configured rate, its security headers, and CORS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kcdb.gateway.rate-limit.anonymous.limit=3", "kcdb.gateway.rate-limit.anonymous.period=1m",
        "kcdb.gateway.rate-limit.authenticated.limit=2", "kcdb.gateway.rate-limit.authenticated.period=1m",
        "kcdb.gateway.cors.allowed-origins=https://rmo-sync.example.org",
        "server.forward-headers-strategy=framework"})
@Import(KcdbServiceTest.LocalTokens.class)
class GatewayLimitsTest {

    static final DisposableServer BACKEND = StandInService.start(
            (request, response) -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"path\":\"" + request.uri() + "\"}")));

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
    void aClientOverItsLimitIsAnswered429WithRetryAfterAndEveryLimitedResponseSaysWhatIsLeft() {
        // Anonymous calls count per address; this test's are the only anonymous API calls of the class.
        for (int remaining = 2; remaining >= 0; remaining--) {
            http.get().uri("/api/kcdb/referenceData/domain").exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Limit", "3")
                    .expectHeader().valueEquals("RateLimit-Remaining", Integer.toString(remaining))
                    .expectHeader().valueEquals("RateLimit-Policy", "3;w=60")
                    .expectHeader().exists("RateLimit-Reset");
        }
        http.get().uri("/api/kcdb/referenceData/domain").exchange().expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("RateLimit-Remaining", "0")
                .expectHeader().value("Retry-After", after -> assertThat(Long.parseLong(after)).isBetween(1L, 60L))
                .expectBody().jsonPath("$.status").isEqualTo(429);

        // A signed-in user has a budget of their own, per token subject, not per address.
        String writer = KcdbServiceTest.ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
        String other = KcdbServiceTest.ISSUER.writer("writer.npl", "NPL", "GB", "EURAMET");
        for (int i = 0; i < 2; i++) {
            http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(writer)).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Limit", "2");
        }
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(writer)).exchange().expectStatus()
                .isEqualTo(429).expectHeader().exists("Retry-After");
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isOk();
        // A made-up token is refused by its signature and spends nobody's budget.
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(writer.substring(0, writer.length() - 4) + "AAAA"))
                .exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/cmcs").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isOk();
    }

    @Test
    void responsesCarryAContentSecurityPolicyAndHstsOnlyOverTls() {
        http.get().uri("/search").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                        .doesNotContain("'unsafe-eval'").doesNotContainPattern("script-src[^;]*unsafe-inline"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().doesNotExist("Strict-Transport-Security");
        http.get().uri("/actuator/health").exchange().expectHeader().exists("Content-Security-Policy");
        // Behind a TLS-terminating balancer that forwards the scheme:
        http.get().uri("/search").header("X-Forwarded-Proto", "https").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void crossOriginCallsOnlyFromConfiguredOrigins() {
        http.method(HttpMethod.OPTIONS).uri("/api/subscriptions").header("Origin", "https://attacker.example")
                .header("Access-Control-Request-Method", "POST").exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        http.get().uri("/api/cmcs").header("Origin", "https://attacker.example").exchange()
                .expectStatus().isForbidden();
        http.method(HttpMethod.OPTIONS).uri("/api/subscriptions").header("Origin", "https://rmo-sync.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://rmo-sync.example.org");
    }
}
