package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ./kcdb up --instances 2} starts, before anything starts: instances, ports and their wiring. */
class PlatformInstancesTest {

    private final Ports ports = Ports.free();
    private final Platform platform = Platform.create(new Platform.Config(Path.of("."), Path.of("target"),
            Path.of("target"), ports, false, 2));

    @Test
    void everyServiceRunsTwiceEachInstanceOnItsOwnPortWithItsServicesDatabase() {
        List<Platform.Service> instances = platform.instances();
        assertThat(instances).extracting(Platform.Service::process).containsExactly("submission", "review",
                "comparison", "publication", "notification", "submission-2", "review-2", "comparison-2",
                "publication-2", "notification-2");
        assertThat(instances).extracting(Platform.Service::port).doesNotHaveDuplicates()
                .doesNotContain(ports.gateway(), ports.keycloak(), ports.kafka(), ports.mongo(), ports.portal());
        assertThat(platform.instances()).as("ports chosen once").isEqualTo(instances);
        for (Platform.Service second : instances.subList(5, 10)) {
            Platform.Service first = instances.get(instances.indexOf(second) - 5);
            assertThat(second.name()).isEqualTo(first.name());
            assertThat(second.database()).isEqualTo(first.database());
            assertThat(platform.portOf(second.process())).isEqualTo(second.port());
            Map<String, String> env = platform.serviceEnvironment(second, 2);
            assertThat(env).containsEntry("SERVER_PORT", String.valueOf(second.port()))
                    .containsEntry("SPRING_MONGODB_URI", platform.serviceEnvironment(first, 2).get("SPRING_MONGODB_URI"))
                    .containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", platform.kafkaBootstrap());
        }
        // Beside another instance, a publication instance looks for the other's writes every 2 s, alone every 30 s.
        assertThat(platform.serviceEnvironment(instances.get(3), 2)).containsEntry("KCDB_SEARCH_CATCH_UP_INTERVAL",
                "PT2S");
        assertThat(platform.serviceEnvironment(instances.get(3), 1)).containsEntry("KCDB_SEARCH_CATCH_UP_INTERVAL",
                "PT30S");
    }

    @Test
    void theGatewaySpreadsEachServiceOverItsInstancesAndRoutesASingleInstanceDirectly() {
        Map<String, String> env = platform.gatewayEnvironment(ports.gateway(), platform.instances());
        assertThat(env).containsEntry("KCDB_GATEWAY_REVIEW_URI", "lb://review")
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_REVIEW_0_URI",
                        "http://127.0.0.1:" + ports.review())
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_REVIEW_1_URI",
                        "http://127.0.0.1:" + platform.portOf("review-2"))
                .containsEntry("KCDB_GATEWAY_PORTAL_URI", "http://127.0.0.1:" + ports.portal());
        Map<String, String> single = platform.gatewayEnvironment(ports.gateway(), platform.services());
        assertThat(single).containsEntry("KCDB_GATEWAY_REVIEW_URI", "http://127.0.0.1:" + ports.review())
                .doesNotContainKey("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_REVIEW_0_URI");
    }

    @Test
    void theInstancesOptionIsReadAndBounded() {
        assertThat(Launcher.instances(new String[] {"up"})).isEqualTo(1);
        assertThat(Launcher.instances(new String[] {"up", "--instances", "2"})).isEqualTo(2);
        assertThat(Launcher.instances(new String[] {"up", "--instances=3"})).isEqualTo(3);
        assertThatThrownBy(() -> new Platform.Config(Path.of("."), Path.of("."), Path.of("."), ports, false, 0))
                .hasMessageContaining("between 1 and 5");
        assertThatThrownBy(() -> platform.scaleOut(2)).hasMessageContaining("between 3 and 5");
    }
}
