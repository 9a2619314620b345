package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
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
                        "http://127.0.0.1:" + platform.portOf("review-2"));
        Map<String, String> single = platform.gatewayEnvironment(ports.gateway(), platform.services());
        assertThat(single).containsEntry("KCDB_GATEWAY_REVIEW_URI", "http://127.0.0.1:" + ports.review())
                .doesNotContainKey("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_REVIEW_0_URI");
    }

    @Test
    void asManyPortalsRunOnTheSameSessionsBehindTheGatewayWhoseRedirectUriTheRealmAccepts() throws Exception {
        List<Platform.Service> portals = platform.portals();
        assertThat(portals).extracting(Platform.Service::process).containsExactly("portal", "portal-2");
        assertThat(portals.get(0).port()).isEqualTo(ports.portal());
        assertThat(portals).extracting(Platform.Service::port).doesNotHaveDuplicates();
        assertThat(portals.get(1).port()).isNotIn(platform.instances().stream().map(Platform.Service::port).toList())
                .isNotIn(ports.gateway(), ports.keycloak(), ports.kafka(), ports.mongo());
        assertThat(platform.portOf("portal-2")).isEqualTo(portals.get(1).port());
        assertThat(platform.portals()).as("ports chosen once").isEqualTo(portals);

        String realm = KeycloakServer.withPortalUrls(Files.readString(Path.of("../keycloak/kcdb-realm.json")),
                platform.gatewayUrls());
        for (Platform.Service portal : portals) {
            Map<String, String> env = platform.portalEnvironment(portal.port());
            assertThat(env).containsEntry("SERVER_PORT", String.valueOf(portal.port()))
                    .containsEntry("SPRING_MONGODB_URI", platform.mongoUri() + "/kcdb-portal")
                    .containsEntry("KCDB_PORTAL_API_URI", platform.gatewayUrl());
            // The portal sends the browser to Keycloak with <public URL>/login/oauth2/code/keycloak, the public URL
            // the sign-in began at (its own gateway's first): the realm's kcdb-portal client (as the launcher
            // imports it) accepts exactly those.
            List<String> publicUrls = List.of(env.get("KCDB_PORTAL_PUBLIC_URLS").split(","));
            assertThat(publicUrls).containsExactlyElementsOf(platform.gatewayUrls()).first()
                    .isEqualTo(platform.gatewayUrl());
            for (String url : publicUrls) {
                assertThat(realm).contains("\"" + url + "/login/oauth2/code/keycloak\"");
            }
        }

        Map<String, String> gateway = platform.gatewayEnvironment(ports.gateway(), platform.instances());
        assertThat(gateway).containsEntry("KCDB_GATEWAY_PORTAL_URI", "lb://portal")
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_PORTAL_0_URI",
                        "http://127.0.0.1:" + ports.portal())
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_PORTAL_1_URI",
                        "http://127.0.0.1:" + portals.get(1).port());

        Platform alone = Platform.create(new Platform.Config(Path.of("."), Path.of("target"), Path.of("target"), ports,
                false, 1));
        assertThat(alone.portals()).extracting(Platform.Service::process).containsExactly("portal");
        assertThat(alone.gatewayEnvironment()).containsEntry("KCDB_GATEWAY_PORTAL_URI",
                "http://127.0.0.1:" + ports.portal()).doesNotContainKey(
                "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_PORTAL_0_URI");
    }

    @Test
    void theRealmAsImportedAcceptsThePortalsSignInAndLogoutThroughEveryGatewayTheLauncherPlans() throws Exception {
        List<String> gateways = platform.gatewayUrls();
        // Its own gateway, and the one scaleOut starts for each of 3, 4 and 5 instances, each on a port chosen once.
        assertThat(gateways).hasSize(4).startsWith(platform.gatewayUrl()).doesNotHaveDuplicates();
        assertThat(platform.gatewayUrls()).as("ports chosen once").isEqualTo(gateways);
        for (int instances = 3; instances <= Platform.MAX_INSTANCES; instances++) {
            int port = platform.portOf("gateway-" + instances);
            assertThat(gateways.get(instances - 2)).isEqualTo("http://127.0.0.1:" + port);
            assertThat(port).isNotIn(platform.instances().stream().map(Platform.Service::port).toList())
                    .isNotIn(platform.portals().stream().map(Platform.Service::port).toList())
                    .isNotIn(ports.gateway(), ports.keycloak(), ports.kafka(), ports.mongo(), ports.smtp());
        }

        Document portal = portalClient(KeycloakServer.withPortalUrls(
                Files.readString(Path.of("../keycloak/kcdb-realm.json")), gateways));
        assertThat(portal.getList("redirectUris", String.class)).containsExactlyElementsOf(
                gateways.stream().map(url -> url + "/login/oauth2/code/keycloak").toList());
        assertThat(portal.get("attributes", Document.class).getString("post.logout.redirect.uris").split("##"))
                .containsExactlyElementsOf(gateways.stream().map(url -> url + "/").toList());

        Platform alone = Platform.create(new Platform.Config(Path.of("."), Path.of("target"), Path.of("target"), ports,
                false, 1));
        assertThat(alone.gatewayUrls()).hasSize(Platform.MAX_INSTANCES).startsWith(alone.gatewayUrl());
        // Without the launcher's URLs the realm keeps its file's default (docker-compose fills it from the environment).
        Document byDefault = portalClient(KeycloakServer.withPortalUrls(
                Files.readString(Path.of("../keycloak/kcdb-realm.json")), null));
        assertThat(byDefault.getList("redirectUris", String.class))
                .containsExactly("http://127.0.0.1:8080/login/oauth2/code/keycloak");
        assertThat(byDefault.get("attributes", Document.class).getString("post.logout.redirect.uris"))
                .isEqualTo("http://127.0.0.1:8080/");
    }

    private static Document portalClient(String realm) {
        return Document.parse(realm).getList("clients", Document.class).stream()
                .filter(client -> "kcdb-portal".equals(client.getString("clientId"))).findFirst().orElseThrow();
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
