package org.bipm.kcdb.test;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Which infrastructure the tests of this JVM use. {@code -Dkcdb.test.infrastructure=containers|embedded|auto}
 * (default auto: the real images when a Docker engine answers, the embedded equivalents otherwise).
 */
public enum Infrastructure {
    CONTAINERS, EMBEDDED;

    public static final String PROPERTY = "kcdb.test.infrastructure";

    private static volatile Infrastructure chosen;

    public static Infrastructure chosen() {
        if (chosen == null) {
            synchronized (Infrastructure.class) {
                if (chosen == null) {
                    chosen = choose(System.getProperty(PROPERTY, "auto"));
                }
            }
        }
        return chosen;
    }

    static Infrastructure choose(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "containers" -> CONTAINERS;
            case "embedded" -> EMBEDDED;
            case "auto" -> dockerAvailable() ? CONTAINERS : EMBEDDED;
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, containers or embedded, not "
                    + setting);
        };
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
