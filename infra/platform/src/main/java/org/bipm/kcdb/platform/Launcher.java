package org.bipm.kcdb.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./kcdb up [--instances N] | down | status | token <user>}: the local platform, from one command; with
 * {@code --instances 2} two instances of each service behind the gateway.
 */
public final class Launcher {

    static final List<String[]> DEMO_USERS = List.of(
            new String[] {"writer.ptb", "cmc-writer", "PTB (DE, EURAMET)"},
            new String[] {"writer.npl", "cmc-writer", "NPL (GB, EURAMET)"},
            new String[] {"writer.nist", "cmc-writer", "NIST (US, SIM)"},
            new String[] {"writer.nmij", "cmc-writer", "NMIJ (JP, APMP)"},
            new String[] {"reviewer.lne", "tc-reviewer", "LNE (FR, EURAMET), all areas"},
            new String[] {"reviewer.nrc", "tc-reviewer", "NRC (CA, SIM), all areas"},
            new String[] {"reviewer.kriss", "tc-reviewer", "KRISS (KR, APMP), all areas"},
            new String[] {"chair.euramet", "tc-chair", "METAS (CH, EURAMET), all areas; also chair.sim, .apmp, "
                    + ".coomet, .afrimets, .gulfmet"},
            new String[] {"jcrb.secretary", "jcrb-secretary", "BIPM"},
            new String[] {"kcdb.office", "kcdb-office", "BIPM"},
            new String[] {"coordinator.ptb", "comparison-coordinator", "PTB (DE, EURAMET)"});

    private final Path root;
    private final Path state;

    Launcher(Path root) {
        this.root = root;
        this.state = root.resolve(".kcdb");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("kcdb.root", ".")).toAbsolutePath().normalize();
        Launcher launcher = new Launcher(root);
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "up" -> launcher.up(instances(args));
            case "down" -> launcher.down();
            case "status" -> launcher.status();
            case "token" -> {
                if (args.length < 2) {
                    throw usage();
                }
                System.out.println(launcher.token(args[1]));
            }
            default -> throw usage();
        }
    }

    /** {@code --instances N} (or {@code --instances=N}) after {@code up}; 1 without it. */
    static int instances(String[] args) {
        int instances = 1;
        for (int i = 1; i < args.length; i++) {
            String value;
            if (args[i].equals("--instances") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--instances=")) {
                value = args[i].substring("--instances=".length());
            } else {
                throw usage();
            }
            try {
                instances = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                instances = -1;
            }
            if (instances < 1 || instances > Platform.MAX_INSTANCES) {
                System.err.println("--instances must be a number from 1 to " + Platform.MAX_INSTANCES + ", not '"
                        + value + "'");
                System.exit(2);
            }
        }
        return instances;
    }

    private static IllegalArgumentException usage() {
        System.err.println("usage: ./kcdb up [--instances N] | down | status | token <user>");
        System.exit(2);
        return new IllegalArgumentException();
    }

    void up(int instances) throws Exception {
        Optional<ProcessHandle> running = runningLauncher();
        if (running.isPresent()) {
            System.err.println("The platform is already running (pid " + running.get().pid() + "); ./kcdb down stops it.");
            System.exit(1);
        }
        Ports ports = Ports.from(System::getenv);
        Files.createDirectories(state);
        System.out.println("Starting Kafka, the Mongo-wire store, the mail server and Keycloak, and, once the broker"
                + " and the store answer, the services" + (instances > 1 ? " (" + instances + " instances of each)" : "")
                + ", the portal and the gateway...");
        Platform platform = Platform.create(new Platform.Config(root, state,
                state.resolve("keycloak-" + keycloakVersion()), ports, false, instances,
                !"off".equalsIgnoreCase(System.getenv("KCDB_CDS"))));
        writeState(platform); // so that ./kcdb down also reaches a platform that is still starting
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the platform...");
            platform.close();
            try {
                Files.deleteIfExists(state.resolve("platform.pid"));
            } catch (IOException ignored) {
                // nothing to clean up then
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "kcdb-down"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("The platform could not start: " + e.getMessage());
            System.exit(1);
        }
        writeState(platform);
        System.out.println(banner(platform));
        stopped.await();
    }

    void down() throws InterruptedException {
        Optional<ProcessHandle> running = runningLauncher();
        if (running.isEmpty()) {
            System.out.println("The platform is not running.");
            return;
        }
        running.get().destroy();
        System.out.println("Stopping the platform (pid " + running.get().pid() + ")...");
        running.get().onExit().orTimeout(120, java.util.concurrent.TimeUnit.SECONDS).join();
        System.out.println("Stopped.");
    }

    void status() throws IOException {
        Properties saved = savedState();
        if (saved == null || runningLauncher().isEmpty()) {
            System.out.println("The platform is not running (./kcdb up starts it).");
            return;
        }
        System.out.printf("%-15s %-8s %-6s %s%n", "process", "pid", "port", "health");
        for (String name : saved.getProperty("processes", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            long pid = Long.parseLong(saved.getProperty(name + ".pid", "-1"));
            int port = Integer.parseInt(saved.getProperty(name + ".port", "0"));
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String health = !alive ? "DOWN (process gone)" : healthOf(name, port, saved);
            System.out.printf("%-15s %-8d %-6d %s%n", name, pid, port, health);
        }
    }

    private static String healthOf(String name, int port, Properties saved) {
        return switch (name) {
            case "kafka", "mongo", "mail" -> ChildProcess.portOpen(port) ? "UP" : "DOWN";
            case "keycloak" -> ChildProcess.httpOk(saved.getProperty("issuer") + "/.well-known/openid-configuration")
                    ? "UP" : "DOWN";
            default -> Platform.health(port) ? "UP" : "DOWN";
        };
    }

    String token(String user) throws IOException, InterruptedException {
        Properties saved = savedState();
        String tokenUrl = saved != null ? saved.getProperty("tokenUrl")
                : KeycloakServer.issuer(Ports.from(System::getenv).keycloak()) + "/protocol/openid-connect/token";
        String form = "grant_type=password&client_id=kcdb-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("Keycloak refused a token for " + user + " (HTTP " + response.statusCode()
                    + "): demo users' passwords equal their usernames");
        }
        return token.group(1);
    }

    private String banner(Platform platform) {
        Ports p = platform.ports();
        StringBuilder b = new StringBuilder();
        b.append("\nKCDB platform ").append(platform.startReport()).append("\n");
        b.append(platform.readinessReport()).append("\n\n");
        b.append("  Portal (browser)    ").append(platform.portalUrl()).append("  (sign in as a demo user below)\n");
        b.append("  Gateway (the API)   ").append(platform.gatewayUrl()).append("/api\n");
        b.append("  Keycloak            ").append(platform.keycloakUrl()).append("  (admin console: admin / admin; realm kcdb)\n");
        for (Platform.Service s : platform.instances()) {
            String name = s.name() + " service" + (s.instance() > 1 ? " " + s.instance() : "");
            b.append(String.format("  %-19s http://127.0.0.1:%d  (health: /actuator/health)%n", name, s.port()));
        }
        for (Platform.Service s : platform.portals()) {
            String name = "portal" + (s.instance() > 1 ? " " + s.instance() : "");
            b.append(String.format("  %-19s http://127.0.0.1:%d  (behind the gateway; health: /actuator/health)%n", name,
                    s.port()));
        }
        if (platform.instances().size() > platform.services().size()) {
            b.append("  (the gateway takes each service's instances and the portals in turn, leaving out one that is not ready;\n"
                    + "   the services share the broker's consumer groups and the store, the portals their users' sessions)\n");
        }
        b.append("  Kafka bootstrap     ").append(platform.kafkaBootstrap()).append('\n');
        b.append("  Mongo-wire store    ").append(platform.mongoUri()).append("  (data in .kcdb/data, kept across restarts)\n");
        b.append("  Mail (GreenMail)    SMTP 127.0.0.1:").append(p.smtp()).append(", IMAP 127.0.0.1:").append(p.imap())
                .append("  (every message the notification service sends)\n");
        b.append("  Logs                ").append(platform.logDir()).append("\n\n");
        b.append("Demo users (password = username):\n");
        for (String[] u : DEMO_USERS) {
            b.append(String.format("  %-16s %-24s %s%n", u[0], u[1], u[2]));
        }
        b.append("  RMO machine clients: rmo-euramet, rmo-sim, ... (client credentials, secret = client id)\n\n");
        b.append("Get a token:   ./kcdb token writer.ptb\n");
        b.append("Call the API:\n");
        b.append("  TOKEN=$(curl -s -d grant_type=password -d client_id=kcdb-cli -d username=writer.ptb -d password=writer.ptb ")
                .append(platform.tokenUrl()).append(" | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        b.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(platform.gatewayUrl()).append("/api/cmcs\n");
        b.append("Read a demo user's mailbox (IMAP, user = the address, any password; or any mail client):\n");
        b.append("  curl -s -u writer.ptb@kcdb.example:any '").append(platform.imapUrl())
                .append("/INBOX' -X 'FETCH 1:* (BODY[HEADER.FIELDS (SUBJECT DATE)])'\n");
        b.append("  curl -s -u writer.ptb@kcdb.example:any '").append(platform.imapUrl())
                .append("/INBOX;UID=1'      (the first message, whole)\n");
        b.append("Search the public KCDB (no token):\n");
        b.append("  curl -s -X POST ").append(platform.gatewayUrl())
                .append("/api/kcdb/cmc/searchData/quickSearch -H 'Content-Type: application/json' -d '{\"page\":0,\"pageSize\":10}'\n\n");
        b.append("Ctrl-C (or ./kcdb down from another terminal) stops everything; ./kcdb status shows each process.\n");
        return b.toString();
    }

    private void writeState(Platform platform) throws IOException {
        Properties saved = new Properties();
        saved.setProperty("launcher.pid", String.valueOf(ProcessHandle.current().pid()));
        saved.setProperty("issuer", platform.issuer());
        saved.setProperty("tokenUrl", platform.tokenUrl());
        StringBuilder names = new StringBuilder();
        for (ChildProcess process : platform.processes()) {
            names.append(names.isEmpty() ? "" : ",").append(process.name());
            saved.setProperty(process.name() + ".pid", String.valueOf(process.pid()));
            saved.setProperty(process.name() + ".port", String.valueOf(platform.portOf(process.name())));
        }
        saved.setProperty("processes", names.toString());
        try (OutputStream out = Files.newOutputStream(state.resolve("platform.pid"))) {
            saved.store(out, "The running KCDB platform");
        }
    }

    private Properties savedState() throws IOException {
        Path file = state.resolve("platform.pid");
        if (!Files.exists(file)) {
            return null;
        }
        Properties saved = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            saved.load(in);
        }
        return saved;
    }

    private Optional<ProcessHandle> runningLauncher() {
        try {
            Properties saved = savedState();
            if (saved == null) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(saved.getProperty("launcher.pid"))).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String keycloakVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Launcher.class.getResourceAsStream("/kcdb-platform.properties")) {
            properties.load(in);
        }
        return properties.getProperty("keycloak.version");
    }
}
