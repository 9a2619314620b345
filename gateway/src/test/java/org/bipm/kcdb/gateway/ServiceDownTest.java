package org.bipm.kcdb.gateway;

import java.time.Duration;
import java.util.List;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that refuses the connection (stopped, restarting: nothing listens on its port) is answered 503 with
 * Retry-After, as a problem, not the stock 500: the fault suite saw 500s while a service restarted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class ServiceDownTest {

    /** Nothing listens there: every connection is refused. */
    static final int DOWN_PORT = GatewayInstancesTest.freePort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("kcdb.gateway.review-uri", () -> "http://127.0.0.1:" + DOWN_PORT);
        registry.add("kcdb.gateway.publication-uri", () -> "http://127.0.0.1:" + DOWN_PORT);
    }

    @Test
    void aServiceThatRefusesTheConnectionGives503WithRetryAfter() {
        String chair = KcdbServiceTest.ISSUER.chair("chair.euramet", "EURAMET", List.of("EM"));
        TestHttp.client(port, Duration.ofSeconds(20)).get().uri("/api/reviews").headers(h -> h.setBearerAuth(chair))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", UnreachableServiceFilter.RETRY_AFTER)
                .expectHeader().valueEquals("Content-Type", "application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(503).jsonPath("$.instance").isEqualTo("/api/reviews");
    }

    @Test
    void thePublicSearchToo() {
        TestHttp.client(port, Duration.ofSeconds(20)).post().uri("/api/kcdb/cmc/searchData/quickSearch")
                .header("Content-Type", "application/json").bodyValue("{\"page\":0,\"pageSize\":10}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", UnreachableServiceFilter.RETRY_AFTER);
    }
}
