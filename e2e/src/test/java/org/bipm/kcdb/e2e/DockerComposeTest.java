package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this test keeps it honest: it parses, and every
 * service, image, port and environment variable in it matches the project.
 */
class DockerComposeTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, String> MODULES = Map.of(
            "submission-service", "services/submission", "review-service", "services/review",
            "comparison-service", "services/comparison", "publication-service", "services/publication",
            "notification-service", "services/notification", "gateway", "gateway", "portal", "portal");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (Reader in = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        return (Map<String, Object>) compose().get("services");
    }

    @Test
    void theStackHasTheInfrastructureAndEveryServiceOfTheProject() throws IOException {
        assertThat(services().keySet()).containsExactlyInAnyOrder("kafka", "mongo", "keycloak", "submission-service",
                "review-service", "comparison-service", "publication-service", "notification-service", "mailpit",
                "gateway", "portal");
        assertThat(services()).allSatisfy((name, service) ->
                assertThat(((Map<?, ?>) service).containsKey("healthcheck")).as(name).isTrue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void imagesAreTheOnesJibBuildsFromTheModules() throws IOException {
        String version = System.getProperty("kcdb.version");
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            String pom = Files.readString(REPO.resolve(module.getValue()).resolve("pom.xml"));
            assertThat(pom).contains("<artifactId>" + module.getKey() + "</artifactId>");
            Map<String, Object> service = (Map<String, Object>) services().get(module.getKey());
            assertThat(service.get("image")).isEqualTo("kcdb/" + module.getKey() + ":" + version);
        }
        assertThat(Files.readString(REPO.resolve("services/pom.xml")))
                .contains("<image>kcdb/${project.artifactId}:${project.version}</image>");
        for (String module : List.of("gateway", "portal")) {
            assertThat(Files.readString(REPO.resolve(module).resolve("pom.xml")))
                    .contains("<image>kcdb/${project.artifactId}:${project.version}</image>");
        }
    }

    /**
     * Read by the JVM, or Spring Boot's own settings that no service declares in its files (the JSON log format of
     * the production stack): a misspelt one of these is not caught here.
     */
    private static final java.util.Set<String> NOT_A_SERVICE_PROPERTY =
            java.util.Set.of("JAVA_TOOL_OPTIONS", "LOGGING_STRUCTURED_FORMAT_CONSOLE");

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentVariableSetsAPropertyTheServiceHasAndPortsAndDatabasesMatch() throws IOException {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) services().get(module.getKey());
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            Map<String, String> known = knownProperties(module.getValue());
            for (String variable : env.keySet()) {
                if (NOT_A_SERVICE_PROPERTY.contains(variable)) {
                    continue;
                }
                assertThat(known).as("%s of %s", variable, module.getKey()).containsKey(relaxed(variable));
            }
            assertThat(String.valueOf(env.get("SERVER_PORT"))).as("port of " + module.getKey())
                    .isEqualTo(known.get(relaxed("SERVER_PORT")));
            if (env.containsKey("SPRING_MONGODB_URI")) {
                String database = known.get(relaxed("SPRING_MONGODB_URI"));
                database = database.substring(database.lastIndexOf('/') + 1);
                assertThat(String.valueOf(env.get("SPRING_MONGODB_URI"))).contains("/" + database + "?replicaSet=rs0");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayRoutesToTheServicesByTheirComposeNamesAndPorts() throws IOException {
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services().get("gateway"))
                .get("environment");
        for (String service : List.of("submission", "review", "comparison", "publication", "notification")) {
            Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) services()
                    .get(service + "-service")).get("environment");
            assertThat(env.get("KCDB_GATEWAY_" + service.toUpperCase(Locale.ROOT) + "_URI"))
                    .isEqualTo("http://" + service + "-service:" + target.get("SERVER_PORT"));
        }
        Map<String, Object> portal = (Map<String, Object>) ((Map<String, Object>) services().get("portal"))
                .get("environment");
        assertThat(env.get("KCDB_GATEWAY_PORTAL_URI")).isEqualTo("http://portal:" + portal.get("SERVER_PORT"));
        assertThat(portal.get("KCDB_PORTAL_API_URI")).isEqualTo("http://gateway:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakImportsTheSameRealmFileAsTheLocalPlatformAndTheTests() throws IOException {
        Map<String, Object> keycloak = (Map<String, Object>) services().get("keycloak");
        String volume = ((List<String>) keycloak.get("volumes")).get(0);
        assertThat(volume).startsWith("./infra/keycloak/kcdb-realm.json:/opt/keycloak/data/import/");
        assertThat(REPO.resolve("infra/keycloak/kcdb-realm.json")).isRegularFile();
        assertThat(String.valueOf(keycloak.get("image"))).endsWith(":26.4.5");
        Map<String, Object> mongo = (Map<String, Object>) services().get("mongo");
        assertThat((List<String>) mongo.get("command")).contains("--replSet");
    }

    @Test
    @SuppressWarnings("unchecked")
    void startOrderWaitsForHealthyDependencies() throws IOException {
        for (String name : MODULES.keySet()) {
            Map<String, Object> dependsOn = (Map<String, Object>) ((Map<String, Object>) services().get(name))
                    .get("depends_on");
            assertThat(dependsOn).as(name).isNotEmpty();
            dependsOn.forEach((dependency, condition) -> {
                assertThat(services_unchecked()).containsKey(dependency);
                assertThat(((Map<String, Object>) condition).get("condition")).isEqualTo("service_healthy");
            });
        }
    }

    private static Map<String, Object> services_unchecked() {
        try {
            return services();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The properties a module sets in its application.yml and the shared defaults, flattened and relaxed. */
    @SuppressWarnings("unchecked")
    static Map<String, String> knownProperties(String module) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (Path file : List.of(REPO.resolve(module).resolve("src/main/resources/application.yml"),
                REPO.resolve("support/service/src/main/resources/kcdb-service-defaults.yml"))) {
            if (module.equals("gateway") && file.toString().contains("kcdb-service-defaults")) {
                continue;
            }
            try (Reader in = Files.newBufferedReader(file)) {
                flatten("", (Map<String, Object>) new Yaml().load(in), known);
            }
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> yaml, Map<String, String> into) {
        yaml.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, (Map<String, Object>) nested, into);
            } else {
                into.put(relaxed(path), String.valueOf(value));
            }
        });
    }

    /** Spring's relaxed binding: SPRING_MONGODB_URI, spring.mongodb.uri and spring.mongo-db.uri are one name. */
    static String relaxed(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }
}
