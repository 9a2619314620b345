package org.bipm.kcdb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.bipm.kcdb.platform.Ports;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that refuses the connection (stopped, restarting: nothing listens on its port) is answered 503 with
 * Retry-After, as a problem, not the stock 500: the fault suite saw 500s while a service restarted. One that takes
 * the request and then drops the connection (killed in the middle of it) is answered 502, also a problem: the fault
 * suite saw 500s for bulk requests in flight when the review service was killed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class ServiceDownTest {

    /** Nothing listens there: every connection is refused. */
    static final int DOWN_PORT = Ports.freePort();

    /** Takes each connection, reads the request and resets the connection without an answer. */
    static final ServerSocket DROPPING = dropping();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("kcdb.gateway.review-uri", () -> "http://127.0.0.1:" + DOWN_PORT);
        registry.add("kcdb.gateway.publication-uri", () -> "http://127.0.0.1:" + DOWN_PORT);
        registry.add("kcdb.gateway.submission-uri", () -> "http://127.0.0.1:" + DROPPING.getLocalPort());
    }

    @AfterAll
    static void stop() throws IOException {
        DROPPING.close();
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

    @Test
    void aServiceLostInTheMiddleOfARequestGives502NotA500() {
        String writer = KcdbServiceTest.ISSUER.writer("writer.ptb", "PTB", "DE", "EURAMET");
        TestHttp.client(port, Duration.ofSeconds(20)).post().uri("/api/cmcs/bulk-submit")
                .headers(h -> h.setBearerAuth(writer)).header("Content-Type", "application/json")
                .bodyValue("{\"ids\":[\"a\",\"b\"]}").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().valueEquals("Retry-After", UnreachableServiceFilter.RETRY_AFTER)
                .expectHeader().valueEquals("Content-Type", "application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.instance").isEqualTo("/api/cmcs/bulk-submit")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("may have been applied"));
    }

    private static ServerSocket dropping() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        // The request's head at least: the gateway has sent it when the connection goes.
                        connection.getInputStream().read(new byte[8192]);
                        connection.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        // closed by stop(), or the gateway gave up first
                    }
                }
            }, "dropping-service");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
