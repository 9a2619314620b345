package org.bipm.kcdb.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole platform on this machine: Kafka, the Mongo-wire store, the mail server and Keycloak first (in
 * parallel), then the four services the others rely on, then the notification service, the portal and the gateway
 * (in parallel), each its own process. {@link #close()} stops them in reverse order.
 */
public final class Platform implements AutoCloseable {

    /**
     * The realm's confidential client through which the review and notification services read the directory (its secret, a
     * development default, equals its id like the RMO subscribers').
     */
    public static final String DIRECTORY_CLIENT = "kcdb-directory";

    /** A service of the platform: where its jar is, its database and its port. */
    public record Service(String name, String jar, int port, String database) {
    }

    /**
     * @param repoRoot          the checkout (jars are read from the modules' target directories)
     * @param stateDir          where data and logs live ({@code .kcdb} for the local platform, a temp dir in tests)
     * @param keycloakInstall   where the Keycloak distribution is unzipped (reused across starts)
     * @param freshKeycloakData import the realm afresh instead of keeping the users of the last run
     * @param classDataSharing  run the Spring Boot processes from their extracted jars with an application class-data
     *                          archive ({@link Java#classDataSharing}): made once per build, it pays from the second
     *                          start on, so {@code ./kcdb up} uses it and the tests, which start each build once, do not
     */
    public record Config(Path repoRoot, Path stateDir, Path keycloakInstall, Ports ports, boolean freshKeycloakData,
                         boolean classDataSharing) {

        public Config(Path repoRoot, Path stateDir, Path keycloakInstall, Ports ports, boolean freshKeycloakData) {
            this(repoRoot, stateDir, keycloakInstall, ports, freshKeycloakData, false);
        }
    }

    private final Config config;
    private final List<ChildProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;
    private Duration startup;

    private Platform(Config config) {
        this.config = config;
    }

    public static Platform start(Config config) {
        return create(config).start();
    }

    /** A platform not started yet, so that a caller can arrange its shutdown before the first process starts. */
    public static Platform create(Config config) {
        return new Platform(config);
    }

    /** Starts everything; on failure stops what already runs and rethrows. */
    public Platform start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException | IOException e) {
            close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    public List<Service> services() {
        Ports p = config.ports();
        return List.of(new Service("submission", "services/submission/target/submission-service.jar", p.submission(),
                        "kcdb-submission"),
                new Service("review", "services/review/target/review-service.jar", p.review(), "kcdb-review"),
                new Service("comparison", "services/comparison/target/comparison-service.jar", p.comparison(),
                        "kcdb-comparison"),
                new Service("publication", "services/publication/target/publication-service.jar", p.publication(),
                        "kcdb-publication"),
                new Service("notification", "services/notification/target/notification-service.jar",
                        p.notification(), "kcdb-notification"));
    }

    private void startAll() throws IOException {
        Instant begin = Instant.now();
        Path logs = logDir();
        Ports p = config.ports();
        String classpath = launcherClasspath();
        CompletableFuture<Void> kafka = async(() -> KafkaBroker.start(config.stateDir().resolve("data"), p.kafka(),
                p.kafkaController(), classpath, logs, this::track));
        CompletableFuture<Void> mongo = async(() -> {
            ChildProcess store = ChildProcess.start("mongo", command(Java.heap(512),
                            "-cp", classpath, MongoWireServer.class.getName(), String.valueOf(p.mongo()),
                            config.stateDir().resolve("data").resolve("mongo.mv").toString()),
                    Java.ENVIRONMENT, config.stateDir(), logs.resolve("mongo.log"));
            track(store);
            store.awaitReady(() -> ChildProcess.portOpen(p.mongo()), Duration.ofSeconds(60));
        });
        CompletableFuture<Void> mail = async(() -> {
            ChildProcess server = ChildProcess.start("mail", command(Java.heap(64),
                            "-cp", classpath, MailServer.class.getName(), String.valueOf(p.smtp()),
                            String.valueOf(p.imap())),
                    Java.ENVIRONMENT, config.stateDir(), logs.resolve("mail.log"));
            track(server);
            server.awaitReady(() -> ChildProcess.portOpen(p.smtp()) && ChildProcess.portOpen(p.imap()),
                    Duration.ofSeconds(60));
        });
        CompletableFuture<Void> keycloak = async(() -> KeycloakServer.start(keycloakZip(), config.keycloakInstall(),
                config.repoRoot().resolve("infra/keycloak/kcdb-realm.json"), p.keycloak(), config.freshKeycloakData(),
                logs, this::track, gatewayUrl()));
        // The four services would need only the broker and the store to start (they fetch Keycloak's keys at the first
        // call with a token), but starting them while Keycloak imports the realm has not been measured on the
        // platform yet (bench/README.md, "Gateway and platform"): each process's own time limit would then be shared
        // with more starting processes on two cores.
        join(CompletableFuture.allOf(kafka, mongo, mail, keycloak));

        // The notification service starts with the portal and the gateway rather than with the four it listens to:
        // nobody waits for it (its consumers catch up from the topics), and five JVMs starting at once on two cores
        // each took longer than four and then three do.
        List<CompletableFuture<Void>> services = new ArrayList<>();
        List<Service> later = new ArrayList<>();
        for (Service service : services()) {
            if (service.name().equals("notification")) {
                later.add(service);
                continue;
            }
            services.add(async(() -> startSpringBoot(service.name(), service.jar(), service.port(),
                    serviceEnvironment(service))));
        }
        join(CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)));
        // None needs the others to start: the portal calls the gateway only when a page is asked for.
        List<CompletableFuture<Void>> last = new ArrayList<>();
        for (Service service : later) {
            last.add(async(() -> startSpringBoot(service.name(), service.jar(), service.port(),
                    serviceEnvironment(service))));
        }
        last.add(async(() -> startSpringBoot("portal", "portal/target/portal.jar", p.portal(),
                portalEnvironment())));
        last.add(async(() -> startSpringBoot("gateway", "gateway/target/gateway.jar", p.gateway(),
                gatewayEnvironment())));
        join(CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)));
        startup = Duration.between(begin, Instant.now());
    }

    private void startSpringBoot(String name, String jar, int port, Map<String, String> environment)
            throws IOException {
        Path jarPath = config.repoRoot().resolve(jar);
        if (!jarPath.toFile().isFile()) {
            throw new IllegalStateException(name + " is not built: " + jarPath + " is missing (./mvnw -DskipTests install)");
        }
        List<String> run;
        try {
            run = config.classDataSharing() ? Java.classDataSharing(jarPath, logDir())
                    : List.of("-jar", jarPath.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> command = new ArrayList<>(command(Java.heap(256), "-Dreactor.netty.native=false"));
        command.addAll(run);
        Map<String, String> env = new LinkedHashMap<>(Java.ENVIRONMENT);
        env.putAll(environment);
        ChildProcess process = ChildProcess.start(name, command, env, config.stateDir(),
                logDir().resolve(name + ".log"));
        track(process);
        // Seven JVMs start on two cores: under a busy machine a service has been seen taking 176 s to be healthy.
        process.awaitReady(() -> health(port), Duration.ofSeconds(300));
    }

    private static List<String> command(List<String> heap, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.addAll(heap);
        command.addAll(List.of(rest));
        return command;
    }

    /**
     * Each process's resident memory in MB (with its children: Keycloak runs under its start script), as Linux
     * counts it ({@code VmRSS}); shared pages are counted in every process that maps them, so the sum is an upper
     * bound. Empty where /proc cannot be read.
     */
    public Map<String, Long> residentMegabytes() {
        Map<String, Long> resident = new LinkedHashMap<>();
        for (ChildProcess process : processes()) {
            long kilobytes = ChildProcess.residentKilobytes(process.pid());
            for (ProcessHandle child : ProcessHandle.of(process.pid()).map(h -> h.descendants().toList())
                    .orElse(List.of())) {
                kilobytes += ChildProcess.residentKilobytes(child.pid());
            }
            if (kilobytes > 0) {
                resident.put(process.name(), kilobytes / 1024);
            }
        }
        return resident;
    }

    /** One line for people: how long the start took and the memory it holds. */
    public String startReport() {
        Map<String, Long> resident = residentMegabytes();
        long total = resident.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("ready in ").append(startup.toSeconds()).append(" s; ")
                .append(resident.size()).append(" processes hold ").append(total).append(" MB resident (");
        resident.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> line.append(e.getKey()).append(' ').append(e.getValue()).append(", "));
        if (!resident.isEmpty()) {
            line.setLength(line.length() - 2);
        }
        return line.append(')').toString();
    }

    /** Remembers a started process; one that starts while the platform is closing is stopped at once. */
    private synchronized void track(ChildProcess process) {
        if (closed) {
            process.stop(Duration.ofSeconds(30));
            throw new IllegalStateException("The platform is stopping");
        }
        processes.add(process);
    }

    static boolean health(int port) {
        String body = ChildProcess.httpBody("http://127.0.0.1:" + port + "/actuator/health");
        return body != null && body.contains("\"UP\"");
    }

    Map<String, String> serviceEnvironment(Service service) {
        Map<String, String> env = new LinkedHashMap<>(securityEnvironment());
        env.put("SERVER_PORT", String.valueOf(service.port()));
        env.put("SPRING_MONGODB_URI", mongoUri() + "/" + service.database());
        env.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafkaBootstrap());
        // One publication instance runs here and indexes its own writes at once; its look for other instances'
        // changes makes the local store scan the whole collection, so it looks rarely.
        env.put("KCDB_SEARCH_CATCH_UP_INTERVAL", "PT30S");
        // Each write nudges the outbox relay, so events leave at once; the periodic poll is only the safety net for
        // events a failed send left behind, and on the local store it scans whole collections (100 000 published
        // CMCs: a scan every 250 ms took a good part of a core from the searches), so it polls every 5 s here.
        env.put("KCDB_OUTBOX_INTERVAL", "PT5S");
        if (service.name().equals("review") || service.name().equals("notification")) {
            env.putAll(directoryEnvironment());
        }
        if (service.name().equals("publication")) {
            // A developer's webhook receiver runs on this machine, over plain http: production allows neither
            // (docs/webhooks.md, "Where a webhook may point").
            env.put("KCDB_WEBHOOKS_ALLOW_HTTP", "true");
            env.put("KCDB_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.1,::1,localhost");
        }
        if (service.name().equals("notification")) {
            env.putAll(mailEnvironment());
        }
        return env;
    }

    /** The notification service sends through the local mail server and links into the portal (the gateway). */
    Map<String, String> mailEnvironment() {
        return Map.of("SPRING_MAIL_HOST", "127.0.0.1",
                "SPRING_MAIL_PORT", String.valueOf(config.ports().smtp()),
                "KCDB_NOTIFICATION_PORTAL_URL", gatewayUrl());
    }

    /** IMAP on the local mail server: any mail client, user = the address, any password. */
    public String imapUrl() {
        return "imap://127.0.0.1:" + config.ports().imap();
    }

    /** The review and notification services read users from Keycloak's admin REST API with the directory client. */
    Map<String, String> directoryEnvironment() {
        return Map.of("KCDB_DIRECTORY_KEYCLOAK_URL", keycloakUrl(),
                "KCDB_DIRECTORY_REALM", "kcdb",
                "KCDB_DIRECTORY_CLIENT_ID", DIRECTORY_CLIENT,
                "KCDB_DIRECTORY_CLIENT_SECRET", DIRECTORY_CLIENT);
    }

    public Map<String, String> gatewayEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(securityEnvironment());
        env.put("SERVER_PORT", String.valueOf(config.ports().gateway()));
        for (Service service : services()) {
            env.put("KCDB_GATEWAY_" + service.name().toUpperCase() + "_URI", "http://127.0.0.1:" + service.port());
        }
        env.put("KCDB_GATEWAY_PORTAL_URI", "http://127.0.0.1:" + config.ports().portal());
        return env;
    }

    /** The portal is reached through the gateway, and calls the API through it too. */
    Map<String, String> portalEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(config.ports().portal()));
        env.put("KCDB_PORTAL_API_URI", gatewayUrl());
        env.put("KCDB_PORTAL_PUBLIC_URL", gatewayUrl());
        env.put("KCDB_PORTAL_ISSUER_URI", issuer());
        return env;
    }

    private Map<String, String> securityEnvironment() {
        return Map.of("KCDB_SECURITY_ISSUER_URI", issuer(),
                "KCDB_SECURITY_JWK_SET_URI", issuer() + "/protocol/openid-connect/certs");
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + config.ports().gateway();
    }

    /** The portal as the browser sees it: the gateway's {@code /}. */
    public String portalUrl() {
        return gatewayUrl() + "/";
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + config.ports().keycloak();
    }

    public String issuer() {
        return KeycloakServer.issuer(config.ports().keycloak());
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + config.ports().kafka();
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + config.ports().mongo();
    }

    public Ports ports() {
        return config.ports();
    }

    public Duration startup() {
        return startup;
    }

    public List<ChildProcess> processes() {
        return List.copyOf(processes);
    }

    public Path logDir() {
        return config.stateDir().resolve("logs");
    }

    private String launcherClasspath() {
        Path module = config.repoRoot().resolve("infra/platform/target");
        return module.resolve("classes") + java.io.File.pathSeparator + module.resolve("lib") + "/*";
    }

    static Path keycloakZip() {
        Properties properties = new Properties();
        try (InputStream in = Platform.class.getResourceAsStream("/kcdb-platform.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("kcdb-platform.properties is missing; build infra/platform first", e);
        }
        return Path.of(properties.getProperty("keycloak.zip"));
    }

    /** Stops everything, the gateway first and the infrastructure last. */
    @Override
    public synchronized void close() {
        closed = true;
        List<ChildProcess> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        for (ChildProcess process : reversed) {
            process.stop(Duration.ofSeconds(30));
        }
        processes.clear();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> async(Step step) {
        return CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void join(CompletableFuture<Void> all) {
        try {
            all.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
