package org.bipm.kcdb.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The platform's ports. Defaults are CONTRACT.md §1's; each can be moved with an environment variable
 * (KCDB_GATEWAY_PORT, KCDB_KEYCLOAK_PORT, ...); 0 asks for a free port, as tests do.
 */
public record Ports(int gateway, int keycloak, int submission, int review, int comparison, int publication, int kafka,
                    int kafkaController, int mongo, int portal, int notification, int smtp, int imap) {

    public static final Map<String, Integer> DEFAULTS = defaults();

    private static Map<String, Integer> defaults() {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("GATEWAY", 8080);
        d.put("KEYCLOAK", 8180);
        d.put("SUBMISSION", 8081);
        d.put("REVIEW", 8082);
        d.put("COMPARISON", 8083);
        d.put("PUBLICATION", 8084);
        d.put("KAFKA", 9092);
        d.put("KAFKA_CONTROLLER", 9093);
        d.put("MONGO", 27017);
        d.put("PORTAL", 8085);
        d.put("NOTIFICATION", 8086);
        d.put("SMTP", 2525);
        d.put("IMAP", 3143);
        return Map.copyOf(d);
    }

    /** Ports from {@code KCDB_<NAME>_PORT} variables, falling back to the defaults. */
    public static Ports from(UnaryOperator<String> environment) {
        return new Ports(port(environment, "GATEWAY"), port(environment, "KEYCLOAK"), port(environment, "SUBMISSION"),
                port(environment, "REVIEW"), port(environment, "COMPARISON"), port(environment, "PUBLICATION"),
                port(environment, "KAFKA"), port(environment, "KAFKA_CONTROLLER"), port(environment, "MONGO"),
                port(environment, "PORTAL"), port(environment, "NOTIFICATION"), port(environment, "SMTP"),
                port(environment, "IMAP"));
    }

    /** Every port free and chosen now: for tests that must not collide with a running platform. */
    public static Ports free() {
        return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), freePort(), freePort(), freePort(), freePort());
    }

    private static int port(UnaryOperator<String> environment, String name) {
        String value = environment.apply("KCDB_" + name + "_PORT");
        if (value == null || value.isBlank()) {
            return DEFAULTS.get(name);
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port == 0 ? freePort() : port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KCDB_" + name + "_PORT must be a port number, not '" + value + "'");
        }
    }

    /** Whether this machine lets a server listen on the port now (nobody else does). */
    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port no server listens on now, from below the range the kernel takes the local ends of outgoing connections
     * from (32 768 and up on Linux, 49 152 and up elsewhere): a port of that range, though free when chosen, can become
     * the local end of a connection some starting process opens before its server binds it ("Port already in use").
     * A port is handed out once per JVM.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = FIRST_CHOSEN + RANDOM.nextInt(LAST_CHOSEN - FIRST_CHOSEN + 1);
            if (bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port from " + FIRST_CHOSEN + " to " + LAST_CHOSEN);
    }

    private static final int FIRST_CHOSEN = 20_000;
    private static final int LAST_CHOSEN = 32_767;
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
}
