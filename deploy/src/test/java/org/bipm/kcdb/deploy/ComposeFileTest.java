package org.bipm.kcdb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production compose file read as Compose reads it (YAML with its anchors and merge keys), checked for what
 * {@code docker compose config} cannot see: every name, port and address one service gives for another is that
 * other's, the Kafka quorum and the Mongo replica set are complete, and every secret comes from the env file.
 */
class ComposeFileTest {

    static final Path DIR = Path.of("compose");
    static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(?:(:?[-?])[^}]*)?}");
    static final Pattern QUORUM_VOTER = Pattern.compile("(\\d+)@([a-z0-9-]+):(\\d+)");

    static String text;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        text = Files.readString(DIR.resolve("docker-compose.yml"));
        Map<String, Object> compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyDependencyIsAServiceOfTheFile() {
        services.forEach((name, service) -> assertThat(names(service.get("depends_on")))
                .as("%s depends on", name).isSubsetOf(services.keySet()));
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services.forEach((name, service) -> assertThat(unvaried((String) service.get("image"))).as("%s's image", name)
                .matches("[^:]+:[^:]+").doesNotEndWith(":latest"));
    }

    /** Every variable the file uses is in the committed example, and the example holds nothing unused. */
    @Test
    void theEnvExampleDefinesExactlyTheVariablesTheFileUses() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        Set<String> example = new TreeSet<>();
        for (String line : Files.readAllLines(DIR.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(example).isEqualTo(used);
        assertThat(Files.readString(Path.of("..", ".gitignore"))).contains("deploy/compose/.env");
    }

    /** Passwords are never written into the file: each is a required variable of the env file. */
    @Test
    void noSecretIsWrittenIntoTheFile() {
        services.forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET).*")) {
                assertThat(value).as("%s's %s", name, key).startsWith("${");
            }
        }));
    }

    @Test
    void everyMountedFileIsInTheRepository() {
        services.forEach((name, service) -> {
            for (String volume : strings(service.get("volumes"))) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith(".")) {
                    assertThat(DIR.resolve(source)).as("%s mounts %s", name, source).exists();
                }
            }
        });
    }

    /** Only the gateway, Keycloak and the operators' consoles are published, each on the host once. */
    @Test
    void publishedPortsAreFewAndDistinct() {
        List<String> hostPorts = new ArrayList<>();
        services.forEach((name, service) -> {
            for (String port : strings(service.get("ports"))) {
                String[] parts = unvaried(port).split(":");
                assertThat(parts).as("%s publishes %s on an address of its choosing", name, port).hasSize(3);
                hostPorts.add(parts[1]);
            }
        });
        assertThat(hostPorts).doesNotHaveDuplicates();
        assertThat(services.entrySet().stream().filter(e -> e.getValue().containsKey("ports")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("keycloak", "gateway", "prometheus", "grafana", "jaeger");
    }

    /** Three KRaft nodes, each a voter at its own address, three replicas, two in sync for a write. */
    @Test
    void kafkaIsAThreeNodeQuorumWithReplicationThreeAndMinInSyncTwo() {
        List<String> brokers = services.keySet().stream().filter(n -> n.startsWith("kafka-")).toList();
        assertThat(brokers).hasSize(3);
        Set<String> voters = new LinkedHashSet<>();
        for (String broker : brokers) {
            Map<String, String> env = environment(services.get(broker));
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://" + broker + ":9092");
            assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
            voters.add(env.get("KAFKA_NODE_ID") + "@" + broker + ":9093");
            Matcher matcher = QUORUM_VOTER.matcher(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            Set<String> declared = new LinkedHashSet<>();
            while (matcher.find()) {
                declared.add(matcher.group());
            }
            assertThat(declared).as("%s's voters", broker).hasSize(3);
            voters.addAll(declared);
        }
        assertThat(voters).as("every node is a voter under its own id").hasSize(3);
        for (Map.Entry<String, Map<String, Object>> service : kcdbServices().entrySet()) {
            Map<String, String> env = environment(service.getValue());
            assertThat(List.of(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS").split(",")))
                    .as("%s's brokers", service.getKey())
                    .containsExactlyInAnyOrderElementsOf(brokers.stream().map(b -> b + ":9092").toList());
            assertThat(env).containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_REPLICATION_FACTOR", "3");
        }
    }

    /** Three members in the replica set the init script creates, and each service on all three, in a database of its own. */
    @Test
    void mongoIsAThreeMemberReplicaSetAndEveryServiceHasADatabaseOfItsOwn() throws IOException {
        List<String> members = services.keySet().stream().filter(n -> n.matches("mongo-\\d")).toList();
        assertThat(members).hasSize(3);
        String init = Files.readString(DIR.resolve("mongo/replica-set.js"));
        members.forEach(member -> assertThat(init).contains("host: '" + member + ":27017'"));
        Set<String> databases = new LinkedHashSet<>();
        kcdbServices().forEach((name, service) -> {
            URI uri = URI.create(environment(service).get("SPRING_MONGODB_URI").replaceAll("\\$\\{[A-Z_]+}", "x"));
            assertThat(uri.getAuthority().substring(uri.getAuthority().indexOf('@') + 1).split(","))
                    .as("%s's Mongo hosts", name)
                    .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> m + ":27017").toList());
            assertThat(uri.getQuery()).contains("replicaSet=rs0");
            String database = uri.getPath().substring(1);
            assertThat(init).as("the services' user may write %s", database).contains("'" + database + "'");
            databases.add(database);
        });
        assertThat(databases).hasSize(kcdbServices().size());
    }

    /** Every address the gateway, the portal and the services are given is a service of the file, on its port. */
    @Test
    void everyAddressNamesAServiceOnThePortItListensOn() {
        services.forEach((name, service) -> environment(service).forEach((key, value) -> {
            Matcher matcher = Pattern.compile("https?://([a-z0-9-]+):(\\d+)").matcher(value);
            while (matcher.find()) {
                String host = matcher.group(1);
                assertThat(services).as("%s's %s names %s", name, key, host).containsKey(host);
                assertThat(listensOn(host)).as("%s's %s: the port of %s", name, key, host)
                        .contains(matcher.group(2));
            }
        }));
    }

    @Test
    void everyServiceRunsTwiceAndKeycloakRunsInProductionModeOnPostgres() {
        kcdbServices().forEach((name, service) -> assertThat(replicas(service)).as(name).isEqualTo(2));
        // The portal too: its web sessions are in MongoDB, so either replica serves any user (docs/operations.md).
        assertThat(replicas(services.get("portal"))).isEqualTo(2);
        Map<String, Object> keycloak = services.get("keycloak");
        assertThat(strings(keycloak.get("command")).get(0)).isEqualTo("start");
        assertThat(environment(keycloak)).containsEntry("KC_DB", "postgres")
                .containsEntry("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak");
    }

    /** Every variable a platform process is given sets a property it has: a misspelt name would be ignored. */
    @Test
    void everyVariableOfAPlatformProcessSetsAPropertyItHas() {
        services.forEach((name, service) -> {
            String image = unvaried((String) service.get("image"));
            if (image.startsWith("kcdb/")) {
                environment(service).keySet().forEach(variable -> assertThat(ServiceProperties.has(image, variable))
                        .as("%s's %s", name, variable).isTrue());
            }
        });
    }

    /** Prometheus scrapes every replica of every process that has an actuator, on that process's port. */
    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceOnItsActuatorPort() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(DIR.resolve("prometheus/prometheus.yml")));
        Map<String, String> scraped = new LinkedHashMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            for (Map<String, Object> sd : (List<Map<String, Object>>) job.getOrDefault("dns_sd_configs", List.of())) {
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                strings(sd.get("names")).forEach(n -> scraped.put(n, String.valueOf(sd.get("port"))));
            }
        }
        Set<String> withActuator = services.entrySet().stream()
                .filter(e -> environment(e.getValue()).containsKey("SERVER_PORT")).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(scraped.keySet()).containsExactlyInAnyOrderElementsOf(withActuator);
        scraped.forEach((name, port) -> assertThat(environment(services.get(name)).get("SERVER_PORT"))
                .as("%s's port", name).isEqualTo(port));
    }

    /** The text with each variable reference replaced by a plain word, as if it had been filled in. */
    static String unvaried(String value) {
        return value.replaceAll("\\$\\{[^}]*}", "v");
    }

    /** The five services: they share the broker, the store and the trace exporter. */
    static Map<String, Map<String, Object>> kcdbServices() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (name.endsWith("-service")) {
                found.put(name, service);
            }
        });
        assertThat(found).hasSize(5);
        return found;
    }

    /** The ports a service listens on inside the network: its SERVER_PORT, or the engines' known ones. */
    static Set<String> listensOn(String host) {
        String serverPort = environment(services.get(host)).get("SERVER_PORT");
        if (serverPort != null) {
            return Set.of(serverPort);
        }
        return switch (host) {
            case "keycloak" -> Set.of("8080");
            case "otel-collector", "jaeger" -> Set.of("4318");
            default -> Set.of();
        };
    }

    @SuppressWarnings("unchecked")
    static int replicas(Map<String, Object> service) {
        Map<String, Object> deploy = (Map<String, Object>) service.get("deploy");
        return deploy == null ? 1 : ((Number) deploy.get("replicas")).intValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    static Set<String> names(Object dependsOn) {
        if (dependsOn instanceof Map<?, ?> map) {
            return (Set<String>) map.keySet();
        }
        return new LinkedHashSet<>(strings(dependsOn));
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<Object>) list).stream().map(String::valueOf).toList();
    }
}
