package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.bipm.kcdb.test.TestMongo;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** A subscriber resumes with Last-Event-ID after the service itself restarted, and events sent meanwhile arrive. */
class EventStreamRestartTest {

    static final String SUBSCRIBER = KcdbServiceTest.ISSUER.token("service-account-rmo-sim",
            List.of("rmo-subscriber"), Map.of("rmo", "SIM"));
    static final JsonMapper JSON = JsonMapper.builder().build();
    final String group = "feed-restart-" + UUID.randomUUID();
    final String database = "event-stream-restart-" + UUID.randomUUID();

    @Test
    void nothingIsLostOrRepeatedAcrossARestartOfTheService() {
        String identifier = "CCEM-K" + (100 + Math.abs(group.hashCode() % 800)) + ".r";
        List<String> statuses = List.of("MEASUREMENTS", "DRAFT_A", "DRAFT_B", "APPROVED");
        try (TestEvents events = new TestEvents(TestKafka.bootstrapServers())) {
            String lastSeen;
            try (ConfigurableApplicationContext service = start()) {
                events.send(changed(identifier, "PLANNED", statuses.get(0)), "/kcdb/comparison");
                events.send(changed(identifier, statuses.get(0), statuses.get(1)), "/kcdb/comparison");
                List<ServerSentEvent<String>> first = read(service, null, identifier, 2);
                assertThat(first).extracting(EventStreamRestartTest::toStatus).containsExactly("MEASUREMENTS", "DRAFT_A");
                lastSeen = first.get(1).id();
            }
            // While the service is down, the comparison moves on.
            events.send(changed(identifier, statuses.get(1), statuses.get(2)), "/kcdb/comparison");
            events.send(changed(identifier, statuses.get(2), statuses.get(3)), "/kcdb/comparison");
            try (ConfigurableApplicationContext service = start()) {
                List<ServerSentEvent<String>> resumed = read(service, lastSeen, identifier, 2);
                assertThat(resumed).extracting(EventStreamRestartTest::toStatus).containsExactly("DRAFT_B", "APPROVED");
            }
        }
    }

    private ConfigurableApplicationContext start() {
        // As command-line arguments, so they override the service's application.yml like a deployment's would.
        return new SpringApplicationBuilder(PublicationServiceApplication.class, KcdbServiceTest.LocalTokens.class)
                .run("--server.port=0",
                        "--spring.cloud.stream.kafka.binder.brokers=" + TestKafka.bootstrapServers(),
                        "--spring.cloud.stream.kafka.binder.min-partition-count=1",
                        "--spring.cloud.stream.bindings.feedEvents-in-0.group=" + group,
                        "--spring.mongodb.uri=" + TestMongo.uri(database),
                        "--kcdb.outbox.interval=100ms",
                        "--kcdb.feed.poll-interval=50ms");
    }

    private static List<ServerSentEvent<String>> read(ConfigurableApplicationContext service, String lastEventId,
                                                      String subject, int count) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return TestHttp.client(port, Duration.ofSeconds(40)).get().uri("/api/events/stream?types=org.bipm.kcdb.comparison.status-changed")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(SUBSCRIBER);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                }).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(e -> e.data() != null && subject.equals(JSON.readTree(e.data()).get("subject").asString()))
                .take(count).collectList().block(Duration.ofSeconds(40));
    }

    private static String toStatus(ServerSentEvent<String> e) {
        return JSON.readTree(e.data()).get("data").get("toStatus").asString();
    }

    private static ComparisonStatusChanged changed(String identifier, String from, String to) {
        return new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 1, identifier, "EM", from, to,
                "coordinator.ptb");
    }
}
