package org.bipm.kcdb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay as {@code kubectl apply -k} would ({@link Kustomize}) and reads every document into
 * fabric8's Kubernetes model: an unknown kind, a misspelt field (kept by the model as an "additional property") or a
 * value of the wrong type fails, and so does every reference that would dangle in the cluster — a Service, budget
 * or autoscaler that selects no Deployment, a ConfigMap, Secret or key that does not exist, a probe on a path or
 * port the service does not serve, an address naming no Service. The operators' resources (Strimzi, MongoDB
 * Community, Keycloak) are read as generic resources and checked field by field against the part of their
 * schema used here.
 */
class KubernetesManifestsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, List<Object>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyDocumentIsAValidKubernetesObjectWithoutUnknownFields(String overlay) {
        List<Object> objects = render(overlay);
        assertThat(objects).hasSizeGreaterThan(30);
        for (Object object : objects) {
            HasMetadata resource = (HasMetadata) object;
            assertThat(resource.getMetadata().getNamespace()).as(describe(resource)).isEqualTo(
                    overlay.equals("production") ? "kcdb" : "kcdb-staging");
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(unknownFields(object, describe(resource))).as("fields the model does not know").isEmpty();
            }
        }
        assertThat(objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(o -> ((HasMetadata) o).getKind())).containsExactlyInAnyOrder("KafkaNodePool", "Kafka",
                "MongoDBCommunity", "Keycloak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyServiceBudgetAndAutoscalerReachesADeploymentOnAPortItServes(String overlay) {
        List<Object> objects = render(overlay);
        List<Deployment> deployments = all(objects, Deployment.class);
        for (Service service : all(objects, Service.class)) {
            Deployment target = selected(deployments, service.getSpec().getSelector(), describe(service));
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(servesPort(target, port.getTargetPort())).as("%s's target port %s", describe(service),
                        port.getTargetPort()).isTrue();
            }
        }
        for (PodDisruptionBudget budget : all(objects, PodDisruptionBudget.class)) {
            selected(deployments, budget.getSpec().getSelector().getMatchLabels(), describe(budget));
        }
        for (HorizontalPodAutoscaler autoscaler : all(objects, HorizontalPodAutoscaler.class)) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            Deployment scaled = deployments.stream().filter(d -> d.getMetadata().getName().equals(target.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(describe(autoscaler) + " scales nothing"));
            assertThat(autoscaler.getSpec().getMinReplicas()).isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas())
                    .isEqualTo(scaled.getSpec().getReplicas());
            assertThat(scaled.getSpec().getTemplate().getSpec().getContainers())
                    .allSatisfy(c -> assertThat(c.getResources().getRequests()).as("the cpu it scales by")
                            .containsKey("cpu"));
        }
        for (Deployment deployment : deployments) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).as(describe(deployment))
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    /** The platform's processes run at least twice and answer Actuator's probes on their own port. */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyPlatformProcessIsProbedOnActuatorsHealthGroupsAndRunsTwice(String overlay) {
        List<Deployment> kcdb = all(render(overlay), Deployment.class).stream()
                .filter(d -> !d.getMetadata().getName().equals("otel-collector")).toList();
        assertThat(kcdb).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("submission-service",
                "review-service", "comparison-service", "publication-service", "notification-service", "portal",
                "gateway");
        for (Deployment deployment : kcdb) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name).isEqualTo(2);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).as(name).startsWith("registry.example.org/kcdb/" + name + ":");
            assertProbe(deployment, container.getLivenessProbe(), "/actuator/health/liveness");
            assertProbe(deployment, container.getStartupProbe(), "/actuator/health/liveness");
            assertProbe(deployment, container.getReadinessProbe(), "/actuator/health/readiness");
        }
    }

    /** The overlay's patch merges into the base's container by name: new memory, the base's probes and env kept. */
    @org.junit.jupiter.api.Test
    void theProductionOverlayGivesThePublicationServiceMoreMemoryAndKeepsTheRest() {
        Deployment publication = all(render("production"), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("publication-service")).findFirst().orElseThrow();
        Container container = publication.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(publication.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("1536Mi");
        assertThat(container.getReadinessProbe()).isNotNull();
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("SPRING_MONGODB_DATABASE");
        assertThat(all(render("production"), HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getMetadata().getName().equals("publication-service"))
                .map(h -> h.getSpec().getMaxReplicas())).containsExactly(8);
    }

    /** Every ConfigMap, Secret and key a process reads exists: rendered, or made by an operator from its resource. */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyConfigMapSecretAndKeyAProcessReadsExists(String overlay) {
        List<Object> objects = render(overlay);
        Map<String, Set<String>> configMaps = new HashMap<>();
        all(objects, ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData().keySet()));
        Map<String, Set<String>> secrets = new HashMap<>();
        all(objects, Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), s.getData().keySet()));
        // The MongoDB Community operator writes each user's connection string into the secret the user names.
        generic(objects, "MongoDBCommunity").forEach(mongo -> list(mongo, "spec", "users").forEach(user ->
                secrets.put((String) user.get("connectionStringSecretName"),
                        Set.of("connectionString.standard", "connectionString.standardSrv", "username", "password"))));
        for (Deployment deployment : all(objects, Deployment.class)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                String where = describe(deployment);
                for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    assertThat(configMaps).as(where).containsKey(source.getConfigMapRef().getName());
                }
                for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    var config = env.getValueFrom().getConfigMapKeyRef();
                    if (secret != null) {
                        assertThat(secrets.get(secret.getName())).as("%s: %s", where, env.getName())
                                .isNotNull().contains(secret.getKey());
                    } else {
                        assertThat(configMaps.get(config.getName())).as("%s: %s", where, env.getName())
                                .isNotNull().contains(config.getKey());
                    }
                }
            }
            for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                if (volume.getConfigMap() != null) {
                    assertThat(configMaps).as(describe(deployment)).containsKey(volume.getConfigMap().getName());
                }
            }
        }
        for (GenericKubernetesResource mongo : generic(objects, "MongoDBCommunity")) {
            list(mongo, "spec", "users").forEach(user -> assertThat(secrets.get(
                    (String) ((Map<?, ?>) user.get("passwordSecretRef")).get("name"))).contains("password"));
        }
        for (GenericKubernetesResource keycloak : generic(objects, "Keycloak")) {
            for (String ref : List.of("usernameSecret", "passwordSecret")) {
                Map<?, ?> secret = (Map<?, ?>) map(keycloak, "spec", "db").get(ref);
                assertThat(secrets.get((String) secret.get("name"))).as(ref).contains((String) secret.get("key"));
            }
            String admin = (String) ((Map<?, ?>) map(keycloak, "spec", "bootstrapAdmin").get("user")).get("secret");
            assertThat(secrets.get(admin)).containsExactlyInAnyOrder("username", "password");
        }
    }

    /** Every variable a platform process is given (its own or from its ConfigMaps) sets a property it has. */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyVariableOfAPlatformProcessSetsAPropertyItHas(String overlay) {
        List<Object> objects = render(overlay);
        Map<String, ConfigMap> configMaps = new HashMap<>();
        all(objects, ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c));
        for (Deployment deployment : all(objects, Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String image = "kcdb/" + container.getImage().substring(container.getImage().lastIndexOf('/') + 1);
            if (!ServiceProperties.MODULES.containsKey(deployment.getMetadata().getName())) {
                continue;
            }
            List<String> variables = new ArrayList<>();
            Optional.ofNullable(container.getEnv()).orElse(List.of()).forEach(e -> variables.add(e.getName()));
            Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).forEach(from -> variables.addAll(
                    configMaps.get(from.getConfigMapRef().getName()).getData().keySet()));
            for (String variable : variables) {
                assertThat(ServiceProperties.has(image, variable)).as("%s's %s", describe(deployment), variable)
                        .isTrue();
            }
        }
    }

    /** Every internal address a process is given names a Service (or one an operator makes) on a port it has. */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyInternalAddressNamesAServiceOnAPortItHas(String overlay) {
        List<Object> objects = render(overlay);
        Map<String, Set<Integer>> services = new HashMap<>();
        all(objects, Service.class).forEach(s -> services.put(s.getMetadata().getName(),
                Set.copyOf(s.getSpec().getPorts().stream().map(ServicePort::getPort).toList())));
        // What the operators create: Strimzi's bootstrap service, the Keycloak operator's service.
        generic(objects, "Kafka").forEach(k -> services.put(k.getMetadata().getName() + "-kafka-bootstrap",
                Set.of(9092)));
        generic(objects, "Keycloak").forEach(k -> services.put(k.getMetadata().getName() + "-service", Set.of(8080)));
        List<String> addresses = new ArrayList<>();
        all(objects, ConfigMap.class).forEach(c -> addresses.addAll(c.getData().values()));
        all(objects, Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers()
                .forEach(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                        .filter(e -> e.getValue() != null).forEach(e -> addresses.add(e.getValue()))));
        all(objects, ConfigMap.class).stream().map(c -> c.getData().get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"))
                .filter(b -> b != null).forEach(b -> addresses.add("kafka://" + b));
        int checked = 0;
        for (String value : addresses) {
            Matcher matcher = Pattern.compile("(https?|kafka)://([a-z0-9.-]+)(?::(\\d+))?").matcher(value);
            while (matcher.find()) {
                String host = matcher.group(2);
                if (host.contains(".")) {
                    continue; // a public name (the ingress'), not a Service
                }
                int port = matcher.group(3) != null ? Integer.parseInt(matcher.group(3)) : 80;
                assertThat(services.get(host)).as("%s names %s", value, host).isNotNull().contains(port);
                checked++;
            }
        }
        assertThat(checked).as("addresses found").isGreaterThan(10);
        for (Ingress ingress : all(objects, Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                IngressBackend backend = path.getBackend();
                String name = backend.getService().getName();
                assertThat(services).as("%s routes %s", describe(ingress), rule.getHost()).containsKey(name);
                if (backend.getService().getPort().getNumber() != null) {
                    assertThat(services.get(name)).contains(backend.getService().getPort().getNumber());
                } else {
                    Service service = all(objects, Service.class).stream()
                            .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
                    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                            .contains(backend.getService().getPort().getName());
                }
            }));
        }
    }

    /** The operators' resources use only fields of their schemas, with the replication the platform needs. */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void theOperatorsResourcesUseTheirSchemasAndTheReplicationThePlatformNeeds(String overlay) {
        List<Object> objects = render(overlay);
        Map<String, Object> schemas = fields(
                "Kafka", fields("kafka", fields("version", "", "metadataVersion", "", "replicas", "",
                                "listeners", fields("name", "", "port", "", "type", "", "tls", ""), "config", "*",
                                "resources", "*", "storage", "*", "rack", "*"),
                        "entityOperator", fields("topicOperator", "*", "userOperator", "*"),
                        "cruiseControl", "*", "kafkaExporter", "*"),
                "KafkaNodePool", fields("replicas", "", "roles", "", "resources", "*", "jvmOptions", "*",
                        "storage", fields("type", "", "volumes", fields("id", "", "type", "", "size", "",
                                "deleteClaim", "", "kraftMetadata", "", "class", ""))),
                "MongoDBCommunity", fields("members", "", "type", "", "version", "", "arbiters", "",
                        "security", fields("authentication", fields("modes", "", "ignoreUnknownUsers", ""), "tls", "*"),
                        "users", fields("name", "", "db", "", "passwordSecretRef", fields("name", "", "key", ""),
                                "roles", fields("name", "", "db", ""), "scramCredentialsSecretName", "",
                                "connectionStringSecretName", "", "connectionStringSecretNamespace", ""),
                        "additionalMongodConfig", "*", "statefulSet", "*", "prometheus", "*"),
                "Keycloak", fields("instances", "", "image", "",
                        "db", fields("vendor", "", "host", "", "port", "", "database", "", "schema", "",
                                "usernameSecret", fields("name", "", "key", ""),
                                "passwordSecret", fields("name", "", "key", ""), "poolMinSize", "", "poolMaxSize", ""),
                        "http", fields("httpEnabled", "", "httpPort", "", "httpsPort", "", "tlsSecret", ""),
                        "hostname", fields("hostname", "", "admin", "", "strict", "", "backchannelDynamic", ""),
                        "proxy", fields("headers", ""), "bootstrapAdmin", fields("user", fields("secret", ""),
                                "service", fields("secret", "")),
                        "features", "*", "resources", "*", "additionalOptions", "*", "ingress", fields("enabled", "")));
        for (GenericKubernetesResource resource : objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).toList()) {
            Object spec = resource.getAdditionalProperties().get("spec");
            assertThat(outside(spec, schemas.get(resource.getKind()), resource.getKind() + ".spec"))
                    .as("fields %s's schema does not have", describe(resource)).isEmpty();
        }
        GenericKubernetesResource kafka = generic(objects, "Kafka").get(0);
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(map(kafka, "spec", "kafka", "config")).containsEntry("default.replication.factor", 3)
                .containsEntry("min.insync.replicas", 2).containsEntry("offsets.topic.replication.factor", 3)
                .containsEntry("transaction.state.log.min.isr", 2);
        GenericKubernetesResource pool = generic(objects, "KafkaNodePool").get(0);
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
        assertThat(map(pool, "spec")).containsEntry("replicas", 3).containsEntry("roles", List.of("controller", "broker"));
        assertThat(map(generic(objects, "MongoDBCommunity").get(0), "spec")).containsEntry("members", 3)
                .containsEntry("type", "ReplicaSet");
        assertThat(map(generic(objects, "Keycloak").get(0), "spec", "db")).containsEntry("vendor", "postgres");
    }

    // ---- reading

    /** The overlay as rendered once for all the tests (each reads it only). */
    static List<Object> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::renderNow);
    }

    static List<Object> renderNow(String overlay) {
        List<Object> objects = new ArrayList<>();
        for (Map<String, Object> document : Kustomize.build(Path.of("k8s", "overlays", overlay), true)) {
            Object object = JSON.convertValue(document, KubernetesResource.class);
            assertThat(object).as("%s %s", document.get("kind"), Kustomize.name(document)).isInstanceOf(HasMetadata.class);
            if (object instanceof GenericKubernetesResource && Kustomize.builtIn(document)) {
                throw new AssertionError("Unknown kind or apiVersion: " + document.get("apiVersion") + " "
                        + document.get("kind") + " " + Kustomize.name(document));
            }
            objects.add(object);
        }
        return objects;
    }

    /** The paths of fields a fabric8 object kept because its class has no such field: misspelt or misplaced. */
    static List<String> unknownFields(Object object, String path) {
        List<String> unknown = new ArrayList<>();
        if (object == null || !object.getClass().getName().startsWith("io.fabric8")) {
            return unknown;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else if (value instanceof Collection<?> collection) {
                int i = 0;
                for (Object element : collection) {
                    unknown.addAll(unknownFields(element, path + "." + getter.getName().substring(3) + "[" + i++ + "]"));
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> unknown.addAll(unknownFields(v, path + "." + k)));
            } else if (!(value instanceof IntOrString)) {
                unknown.addAll(unknownFields(value, path + "." + getter.getName().substring(3)));
            }
        }
        return unknown;
    }

    /** The fields of {@code value} that {@code schema} (nested maps of allowed keys; "*" anything) does not have. */
    @SuppressWarnings("unchecked")
    static List<String> outside(Object value, Object schema, String path) {
        List<String> found = new ArrayList<>();
        if ("*".equals(schema)) {
            return found;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                found.addAll(outside(list.get(i), schema, path + "[" + i + "]"));
            }
        } else if (value instanceof Map<?, ?> map) {
            if (!(schema instanceof Map<?, ?> allowed)) {
                found.add(path + " (not an object)");
                return found;
            }
            ((Map<String, Object>) map).forEach((key, child) -> {
                if (!allowed.containsKey(key)) {
                    found.add(path + "." + key);
                } else {
                    found.addAll(outside(child, allowed.get(key), path + "." + key));
                }
            });
        } else if (schema instanceof Map<?, ?>) {
            found.add(path + " (an object expected)");
        }
        return found;
    }

    /** A schema level: field names and what each may hold (a nested level, "" a value, "*" anything). */
    static Map<String, Object> fields(Object... namesAndSchemas) {
        Map<String, Object> level = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            level.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return level;
    }

    static void assertProbe(Deployment deployment, Probe probe, String path) {
        String name = deployment.getMetadata().getName();
        assertThat(probe).as("%s's probe on %s", name, path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).as(name).isEqualTo(path);
        assertThat(servesPort(deployment, get.getPort())).as("%s's probe port %s", name, get.getPort()).isTrue();
    }

    static boolean servesPort(Deployment deployment, IntOrString port) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .anyMatch(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                        : port.getIntVal().equals(p.getContainerPort()));
    }

    static Deployment selected(List<Deployment> deployments, Map<String, String> selector, String who) {
        List<Deployment> matching = deployments.stream().filter(d -> d.getSpec().getTemplate().getMetadata()
                .getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertThat(matching).as("the Deployments %s selects with %s", who, selector).hasSize(1);
        return matching.get(0);
    }

    static <T> List<T> all(List<Object> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> generic(List<Object> objects, String kind) {
        return all(objects, GenericKubernetesResource.class).stream().filter(g -> g.getKind().equals(kind)).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource resource, String... path) {
        Object current = resource.getAdditionalProperties();
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(GenericKubernetesResource resource, String... path) {
        Map<String, Object> parent = map(resource, java.util.Arrays.copyOf(path, path.length - 1));
        return (List<Map<String, Object>>) parent.get(path[path.length - 1]);
    }

    static String describe(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }
}
