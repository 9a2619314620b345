package org.bipm.kcdb.gateway;

import java.time.Duration;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With Keycloak unreachable the gateway cannot check tokens: it says 503, not the stock 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kcdb.security.issuer-uri=http://127.0.0.1:8180/realms/kcdb",
        "kcdb.security.jwk-set-uri=http://127.0.0.1:9/realms/kcdb/protocol/openid-connect/certs"})
class IdentityProviderDownTest {

    @LocalServerPort
    int port;

    @Test
    void anUnreachableIdentityProviderGives503() {
        String token = KcdbServiceTest.ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
        TestHttp.client(port, Duration.ofSeconds(20)).get().uri("/api/cmcs").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Content-Type", "application/problem+json");
    }
}
