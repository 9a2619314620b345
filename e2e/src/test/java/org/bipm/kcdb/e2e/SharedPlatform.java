package org.bipm.kcdb.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.bipm.kcdb.platform.ChildProcess;
import org.bipm.kcdb.platform.Platform;
import org.bipm.kcdb.platform.Ports;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One platform for the whole test JVM, as {@code ./kcdb up} starts it (a real Kafka broker, the Mongo-wire store, the
 * real Keycloak server, the mail server, five services, the portal and the gateway, each its own process, on free ports): started by
 * the first test class that asks for a {@link Platform} parameter, stopped when the last test of the run is done. A
 * second start would cost the suite a minute or more.
 */
public final class SharedPlatform implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, type -> Started.start(), Started.class);
        if (started.failure() != null) {
            throw started.failure();
        }
        return started.platform();
    }

    /**
     * The running platform, or why it did not start (remembered, so the next test class does not wait for a second
     * failed start); the root store closes it at the end of the run.
     */
    record Started(Platform platform, RuntimeException failure) implements AutoCloseable {

        static Started start() {
            try {
                return new Started(startPlatform(), null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        private static Platform startPlatform() {
            try {
                Path repo = Path.of("..").toAbsolutePath().normalize();
                // A fresh store every run, as on a clean checkout: state left by earlier runs once hid a cold-start
                // race.
                Path state = Path.of("target", "e2e-platform").toAbsolutePath();
                if (Files.exists(state)) {
                    try (Stream<Path> files = Files.walk(state)) {
                        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                    }
                }
                Files.createDirectories(state);
                Path keycloakInstall = Path.of(System.getProperty("user.home"), ".cache", "kcdb",
                        "keycloak-26.4.5-e2e");
                Instant begin = Instant.now();
                Platform platform = Platform.start(new Platform.Config(repo, state, keycloakInstall, Ports.free(),
                        true));
                System.out.printf("[e2e] platform ready in %d s%n", Duration.between(begin, Instant.now())
                        .toSeconds());
                return platform;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (platform == null) {
                return;
            }
            for (ChildProcess process : platform.processes()) {
                System.out.printf("[e2e] %-12s RSS %d MB%n", process.name(), rssMegabytes(process.pid()));
            }
            platform.close();
        }

        private static long rssMegabytes(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (Exception e) {
                return -1;
            }
            return -1;
        }
    }
}
