package org.bipm.kcdb.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The properties a process of the platform has, so that an environment variable with a misspelt name (which Spring
 * would silently ignore) fails the deployment's tests: what its application.yml and the services' shared defaults
 * set, and the Spring Boot properties the deployments set without a local default.
 */
final class ServiceProperties {

    /** Boot's own properties the deployments set that no application.yml sets (each checked in Boot's docs). */
    static final Set<String> BOOT = Set.of("JAVA_TOOL_OPTIONS", "LOGGING_STRUCTURED_FORMAT_CONSOLE",
            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
            "SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD", "SPRING_MONGODB_DATABASE");

    static final Map<String, String> MODULES = Map.of("submission-service", "services/submission",
            "review-service", "services/review", "comparison-service", "services/comparison",
            "publication-service", "services/publication", "notification-service", "services/notification",
            "gateway", "gateway", "portal", "portal");

    private ServiceProperties() {
    }

    /** Whether the process built from {@code image} (e.g. {@code kcdb/review-service:1.0}) has the variable's property. */
    static boolean has(String image, String variable) {
        if (BOOT.contains(variable)) {
            return true;
        }
        String name = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
        String module = MODULES.get(name);
        if (module == null) {
            throw new IllegalArgumentException("Not a process of the platform: " + image);
        }
        return known(module).contains(relaxed(variable));
    }

    @SuppressWarnings("unchecked")
    static Set<String> known(String module) {
        Set<String> known = new LinkedHashSet<>();
        List<Path> files = module.startsWith("services/")
                ? List.of(Path.of("..", module, "src/main/resources/application.yml"),
                        Path.of("..", "support/service/src/main/resources/kcdb-service-defaults.yml"))
                : List.of(Path.of("..", module, "src/main/resources/application.yml"));
        for (Path file : files) {
            try {
                flatten("", new Yaml().load(Files.readString(file)), known);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> yaml, Set<String> into) {
        yaml.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, (Map<String, Object>) nested, into);
            } else {
                into.add(relaxed(path));
            }
        });
    }

    /** Spring's relaxed binding: SPRING_MONGODB_URI and spring.mongodb.uri are one name. */
    static String relaxed(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }
}
