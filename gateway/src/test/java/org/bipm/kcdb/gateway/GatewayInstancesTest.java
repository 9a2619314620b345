package org.bipm.kcdb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.SpringBootTest;
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

/**
 * Two instances of a service behind one route, as {@code ./kcdb up --instances 2} configures the gateway: the
 * route's URI is {@code lb://submission} and the instances are a static list of URLs; requests are spread over both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KcdbServiceTest.LocalTokens.class)
class GatewayInstancesTest {

    static final DisposableServer FIRST = instance("first");
    static final DisposableServer SECOND = instance("second");

    @LocalServerPort
    int port;

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
        for (String service : List.of("review", "comparison", "publication", "notification", "portal")) {
            registry.add("kcdb.gateway." + service + "-uri", () -> StandInService.url(FIRST));
        }
    }

    @AfterAll
    static void stop() {
        FIRST.disposeNow();
        SECOND.disposeNow();
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
