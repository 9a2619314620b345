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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;

/**
 * The whole platform on this machine: Kafka, the Mongo-wire store, the mail server and Keycloak first (in
 * parallel), then, as soon as the broker and the store answer (while Keycloak still starts), the five services, the
 * portal and the gateway (in parallel), each its own process; ready once all of them, Keycloak included, are.
 * {@link #close()} stops them in reverse order.
 *
 * <p>With {@link Config#instances()} above one, every service runs that many times against the same broker and
 * store: each instance on its own port, in its service's consumer groups (the broker splits the partitions between
 * them), and the gateway spreads each service's requests over its instances. {@link #scaleOut} does the same to a
 * platform already running.
 */
public final class Platform implements AutoCloseable {

    /**
     * The realm's confidential client through which the review and notification services read the directory (its secret, a
     * development default, equals its id like the RMO subscribers').
     */
    public static final String DIRECTORY_CLIENT = "kcdb-directory";

    /** A service of the platform: where its jar is, its database and its port; which instance of it (from 1). */
    public record Service(String name, String jar, int port, String database, int instance) {

        public Service(String name, String jar, int port, String database) {
            this(name, jar, port, database, 1);
        }

        /** The process's name: the service's own for its first instance, {@code review-2} for the second, ... */
        public String process() {
            return instance == 1 ? name : name + "-" + instance;
        }

        Service instance(int number, int instancePort) {
            return new Service(name, jar, instancePort, database, number);
        }
    }

    /** Most instances of a service the launcher starts (ports of further instances step by 10 from the first's). */
    public static final int MAX_INSTANCES = 5;

    /**
     * @param repoRoot          the checkout (jars are read from the modules' target directories)
     * @param stateDir          where data and logs live ({@code .kcdb} for the local platform, a temp dir in tests)
     * @param keycloakInstall   where the Keycloak distribution is unzipped (reused across starts)
     * @param freshKeycloakData import the realm afresh instead of keeping the users of the last run
     * @param instances         how many instances of each service to run (1 to {@value #MAX_INSTANCES})
     * @param classDataSharing  run the Spring Boot processes from their extracted jars with an application class-data
     *                          archive ({@link Java#classDataSharing}): made once per build, it pays from the second
     *                          start on, so {@code ./kcdb up} uses it and the tests, which start each build once, do not
     */
    public record Config(Path repoRoot, Path stateDir, Path keycloakInstall, Ports ports, boolean freshKeycloakData,
                         int instances, boolean classDataSharing) {

        public Config {
            if (instances < 1 || instances > MAX_INSTANCES) {
                throw new IllegalArgumentException("instances must be between 1 and " + MAX_INSTANCES + ", not "
                        + instances);
            }
        }

        /** That many instances of each service, without class-data sharing. */
        public Config(Path repoRoot, Path stateDir, Path keycloakInstall, Ports ports, boolean freshKeycloakData,
                      int instances) {
            this(repoRoot, stateDir, keycloakInstall, ports, freshKeycloakData, instances, false);
        }

        /** One instance of each service. */
        public Config(Path repoRoot, Path stateDir, Path keycloakInstall, Ports ports, boolean freshKeycloakData) {
            this(repoRoot, stateDir, keycloakInstall, ports, freshKeycloakData, 1);
        }
    }

    private final Config config;
    private final List<ChildProcess> processes = Collections.synchronizedList(new ArrayList<>());
    /** The ports of further instances, by process name, chosen once. */
    private final Map<String, Integer> instancePorts = new ConcurrentHashMap<>();
    /** How each process was started, so that {@link #restart} starts it again the same way (same port, same data). */
    private final Map<String, Step> starters = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Duration startup;
    /**
     * Each process's resident memory when the platform became ready: a benchmark that reports the start after its own
     * load (the e2e module's GatewayBenchmarks, after the pipeline and the migration) would otherwise call its sizes
     * then "at ready" (bench/README.md, item 6).
     */
    private Map<String, Long> residentAtReady = Map.of();
    /** Gives back what a load grew the heaps to once a process idles; null until the platform is ready. */
    private volatile IdleHeaps idleHeaps;
    /** When each process of the start was ready, in the order they became ready. */
    private final Map<String, Readiness> readiness = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * When the launcher started a process and when it was ready, both counted from the platform's start (what it
     * waited for shows in the first), and the CPU time it had used by then.
     */
    public record Readiness(Duration started, Duration after, Duration cpu) {
    }

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

    /**
     * The portals the platform runs, as many as the instances of each service ({@link Config#instances()}): the
     * first on the portal's port, a further one on that port plus 10 for each further one (or a free port), all on
     * the same sessions ({@code kcdb-portal} in the store) and behind the one gateway, so that each of them serves
     * every signed-in user and Keycloak sees one redirect URI, the gateway's.
     */
    public List<Service> portals() {
        Service first = new Service("portal", "portal/target/portal.jar", config.ports().portal(), "kcdb-portal");
        List<Service> all = new ArrayList<>(List.of(first));
        for (int number = 2; number <= config.instances(); number++) {
            int step = 10 * (number - 1);
            all.add(first.instance(number, instancePorts.computeIfAbsent("portal-" + number,
                    process -> furtherPort(first.port() + step))));
        }
        return all;
    }

    /** Every instance of every service the platform was configured with: {@link #services()} and the further ones. */
    public List<Service> instances() {
        return instances(config.instances());
    }

    /**
     * The first {@code count} instances of every service, the first instances first. A further instance's port is
     * its first instance's plus 10 for each further instance (8091 for the second submission instance with the
     * default ports), or a free port when that one is taken or is another of the platform's.
     */
    List<Service> instances(int count) {
        List<Service> all = new ArrayList<>(services());
        for (int number = 2; number <= count; number++) {
            for (Service first : services()) {
                int step = 10 * (number - 1);
                all.add(first.instance(number, instancePorts.computeIfAbsent(first.name() + "-" + number,
                        process -> furtherPort(first.port() + step))));
            }
        }
        return all;
    }

    /**
     * Every gateway this platform may run, its own first, then the one {@link #scaleOut} starts for each number of
     * instances it may scale out to. Keycloak imports the realm with the portal's redirect and post-logout URIs at
     * each of them (it accepts exact URIs only, and the realm is imported before any scale-out), so a portal sign-in
     * through any of them comes back to it.
     */
    public List<String> gatewayUrls() {
        List<String> urls = new ArrayList<>(List.of(gatewayUrl()));
        for (int instances = config.instances() + 1; instances <= MAX_INSTANCES; instances++) {
            urls.add("http://127.0.0.1:" + scaledOutGatewayPort(instances));
        }
        return urls;
    }

    /**
     * The port of the gateway {@link #scaleOut} starts for that many instances, chosen once: the platform's gateway's
     * plus 10 for each further instance, or a free port.
     */
    private int scaledOutGatewayPort(int instances) {
        return instancePorts.computeIfAbsent("gateway-" + instances,
                process -> furtherPort(config.ports().gateway() + 10 * (instances - 1)));
    }

    private int furtherPort(int wanted) {
        Ports p = config.ports();
        List<Integer> taken = new ArrayList<>(List.of(p.gateway(), p.keycloak(), p.submission(), p.review(),
                p.comparison(), p.publication(), p.kafka(), p.kafkaController(), p.mongo(), p.portal(),
                p.notification(), p.smtp(), p.imap()));
        taken.addAll(instancePorts.values());
        if (wanted <= 65535 && !taken.contains(wanted) && !ChildProcess.portOpen(wanted) && Ports.bindable(wanted)) {
            return wanted;
        }
        int free;
        do {
            free = Ports.freePort();
        } while (taken.contains(free));
        return free;
    }

    /** The port a process of this platform listens on (for {@code ./kcdb status}), 0 when it has none. */
    public int portOf(String process) {
        Ports p = ports();
        return switch (process) {
            case "kafka" -> p.kafka();
            case "mongo" -> p.mongo();
            case "keycloak" -> p.keycloak();
            case "gateway" -> p.gateway();
            case "mail" -> p.smtp();
            default -> process.startsWith("gateway-") ? instancePorts.getOrDefault(process, 0)
                    : java.util.stream.Stream.concat(instances().stream(), portals().stream())
                    .filter(s -> s.process().equals(process)).mapToInt(Service::port).findFirst().orElse(0);
        };
    }

    private void startAll() throws IOException {
        Instant begin = Instant.now();
        Path logs = logDir();
        Ports p = config.ports();
        String classpath = launcherClasspath();
        starters.put("kafka", () -> KafkaBroker.start(config.stateDir().resolve("data"), p.kafka(),
                p.kafkaController(), classpath, logs, this::track));
        starters.put("mongo", () -> {
            ChildProcess store = ChildProcess.start("mongo", command(Java.heap(512),
                            "-cp", classpath, MongoWireServer.class.getName(), String.valueOf(p.mongo()),
                            config.stateDir().resolve("data").resolve("mongo.mv").toString()),
                    Java.ENVIRONMENT, config.stateDir(), logs.resolve("mongo.log"));
            track(store);
            store.awaitReady(() -> ChildProcess.portOpen(p.mongo()), Duration.ofSeconds(180));
        });
        starters.put("mail", () -> {
            List<String> options = new ArrayList<>(Java.heap(64));
            options.addAll(Java.compilers("mail"));
            ChildProcess server = ChildProcess.start("mail", command(options, "-cp", classpath,
                            MailServer.class.getName(), String.valueOf(p.smtp()), String.valueOf(p.imap())),
                    Java.ENVIRONMENT, config.stateDir(), logs.resolve("mail.log"));
            track(server);
            server.awaitReady(() -> ChildProcess.portOpen(p.smtp()) && ChildProcess.portOpen(p.imap()),
                    Duration.ofSeconds(60));
        });
        CompletableFuture<Void> kafka = async(timed("kafka", begin, starters.get("kafka")));
        CompletableFuture<Void> mongo = async(timed("mongo", begin, starters.get("mongo")));
        CompletableFuture<Void> mail = async(timed("mail", begin, starters.get("mail")));
        CompletableFuture<Void> keycloak = async(timed("keycloak", begin, () -> KeycloakServer.start(keycloakZip(),
                config.keycloakInstall(), config.repoRoot().resolve("infra/keycloak/kcdb-realm.json"), p.keycloak(),
                config.freshKeycloakData(), logs, this::track, gatewayUrls(), config.classDataSharing())));
        // Started again with its data kept: the realm and its signing keys stay, so tokens issued before still verify.
        starters.put("keycloak", () -> KeycloakServer.start(keycloakZip(), config.keycloakInstall(),
                config.repoRoot().resolve("infra/keycloak/kcdb-realm.json"), p.keycloak(), false, logs, this::track,
                gatewayUrls(), config.classDataSharing()));
        join(CompletableFuture.allOf(kafka, mongo));

        // Every Spring Boot process needs only the broker and the store to start, so all of them start now, beside
        // Keycloak, which was the critical path when the notification service, the portal and the gateway waited for
        // it (bench/README.md, item 6). What they need from Keycloak comes later: the services and the gateway fetch
        // its keys at the first call with a token (a JWKS URI, not the issuer's discovery), the portal's client
        // registration names Keycloak's endpoints instead of discovering them, the review service asks the directory
        // only for a request, and the notification service asks it for each notice, a failure retried with back-off
        // for about 150 s before a dead letter (its application.yml), far longer than Keycloak's start outlasts it.
        // No process's own readiness reflects Keycloak: the platform is ready once Keycloak is too (the join below),
        // so that a sign-in through the portal and a token through the gateway work as soon as the start returns.
        List<CompletableFuture<Void>> all = new ArrayList<>(List.of(mail, keycloak));
        for (Service service : instances()) {
            starters.put(service.process(), () -> startService(service, config.instances()));
            all.add(async(timed(service.process(), begin, starters.get(service.process()))));
        }
        for (Service portal : portals()) {
            starters.put(portal.process(), () -> startSpringBoot(portal.process(), portal.name(), portal.jar(),
                    portal.port(), portalEnvironment(portal.port())));
            all.add(async(timed(portal.process(), begin, starters.get(portal.process()))));
        }
        starters.put("gateway", () -> startSpringBoot("gateway", "gateway", "gateway/target/gateway.jar",
                p.gateway(), gatewayEnvironment(p.gateway(), instances())));
        all.add(async(timed("gateway", begin, starters.get("gateway"))));
        join(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
        startup = Duration.between(begin, Instant.now());
        residentAtReady = residentMegabytes();
        idleHeaps = IdleHeaps.watch(this::processes, logDir().resolve("idle-heaps.log")).orElse(null);
    }

    /**
     * A platform already running, scaled out: the handle to the further instances and the gateway over all of them
     * that {@link #scaleOut} started. Closing it stops them; the first instances take their partitions back.
     */
    public final class ScaledOut implements AutoCloseable {

        private final List<Service> instances;
        private final int gatewayPort;
        private final List<ChildProcess> started = Collections.synchronizedList(new ArrayList<>());

        private ScaledOut(List<Service> instances, int gatewayPort) {
            this.instances = instances;
            this.gatewayPort = gatewayPort;
        }

        /** Every instance of every service, the platform's first ones included. */
        public List<Service> instances() {
            return instances;
        }

        /** The instances of one service, the first one first. */
        public List<Service> instancesOf(String service) {
            return instances.stream().filter(s -> s.name().equals(service)).toList();
        }

        /** The gateway that spreads each service's requests over all its instances. */
        public String gatewayUrl() {
            return "http://127.0.0.1:" + gatewayPort;
        }

        @Override
        public void close() {
            List<ChildProcess> reversed = new ArrayList<>(started);
            Collections.reverse(reversed);
            for (ChildProcess process : reversed) {
                process.stop(Duration.ofSeconds(30));
                processes.remove(process);
            }
        }
    }

    /**
     * Scales this running platform out to {@code instances} of each service: starts the further instances (the
     * same broker, store and consumer groups, each on its own port, as {@link Config#instances()} would have) and a
     * second gateway whose routes spread each service's requests over all its instances; the platform's own
     * gateway keeps its routes. On failure stops what it started and rethrows.
     */
    public ScaledOut scaleOut(int instances) {
        if (instances <= config.instances() || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("Scale out to between " + (config.instances() + 1) + " and "
                    + MAX_INSTANCES + " instances, not " + instances);
        }
        List<Service> all = instances(instances);
        List<Service> further = all.stream().filter(s -> s.instance() > config.instances()).toList();
        int gatewayPort = scaledOutGatewayPort(instances);
        ScaledOut scaled = new ScaledOut(all, gatewayPort);
        int before = processes().size();
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (Service service : further) {
            starters.put(service.process(), () -> startService(service, instances));
            starting.add(async(starters.get(service.process())));
        }
        starters.put("gateway-" + instances, () -> startSpringBoot("gateway-" + instances, "gateway",
                "gateway/target/gateway.jar", gatewayPort, gatewayEnvironment(gatewayPort, all)));
        starting.add(async(starters.get("gateway-" + instances)));
        RuntimeException failure = null;
        try {
            // allOf completes once every start has ended, so what failed to become healthy is tracked by then too.
            join(CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)));
        } catch (RuntimeException e) {
            failure = e;
        }
        List<ChildProcess> now = processes();
        scaled.started.addAll(now.subList(before, now.size()));
        if (failure != null) {
            scaled.close();
            throw failure;
        }
        return scaled;
    }

    private void startService(Service service, int instances) throws IOException {
        startSpringBoot(service.process(), service.name(), service.jar(), service.port(),
                serviceEnvironment(service, instances));
    }

    /**
     * @param name      the process ({@code review-2} for a further instance)
     * @param component what it runs ({@code review}), which decides its JIT ({@link Java#compilers}) and its most heap
     *                  ({@link Java#maxHeapMegabytes})
     */
    private void startSpringBoot(String name, String component, String jar, int port,
                                 Map<String, String> environment) throws IOException {
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
        List<String> command = new ArrayList<>(command(Java.heap(Java.maxHeapMegabytes(component)),
                "-Dreactor.netty.native=false"));
        command.addAll(Java.compilers(component));
        command.addAll(run);
        Map<String, String> env = new LinkedHashMap<>(Java.ENVIRONMENT);
        env.putAll(environment);
        ChildProcess process = ChildProcess.start(name, command, env, config.stateDir(),
                logDir().resolve(name + ".log"));
        ClassDataArchive.keepWhatItDumps(process, run);
        track(process);
        // Seven JVMs start on two cores: under a busy machine a service has been seen taking 176 s to be healthy, and
        // since the four start beside Keycloak, 310 to 324 s at a load average of 45 (bench/README.md, item 6).
        process.awaitReady(() -> health(port), Duration.ofSeconds(600));
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

    /** One line for people: how long the start took and the memory it held when it was ready. */
    public String startReport() {
        Map<String, Long> resident = residentAtReady;
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

    /**
     * When each process was ready, from the platform's start, and the CPU seconds it had used by then (with its
     * children: Keycloak runs under its start script): the critical path of the start, and its cost in CPU, which
     * unlike the wall-clock time does not depend on what else the machine runs.
     */
    public Map<String, Readiness> readiness() {
        synchronized (readiness) {
            return new LinkedHashMap<>(readiness);
        }
    }

    /**
     * One line for people: when each process was started and ready (the chain of waits: a process started after
     * another's readiness waited for it) and the CPU seconds it used to get there.
     */
    public String readinessReport() {
        StringBuilder line = new StringBuilder("ready after (started..ready s, CPU s): ");
        Duration total = Duration.ZERO;
        for (Map.Entry<String, Readiness> e : readiness().entrySet()) {
            line.append(String.format(java.util.Locale.ROOT, "%s %d..%d (%.1f), ", e.getKey(),
                    e.getValue().started().toSeconds(), e.getValue().after().toSeconds(),
                    e.getValue().cpu().toMillis() / 1000.0));
            total = total.plus(e.getValue().cpu());
        }
        return line.append(String.format(java.util.Locale.ROOT, "CPU in all %.0f s", total.toMillis() / 1000.0))
                .toString();
    }

    /** The CPU time a process and its descendants have used so far; zero where the system does not tell. */
    static Duration cpuTime(ChildProcess process) {
        return ProcessHandle.of(process.pid()).map(handle -> java.util.stream.Stream.concat(java.util.stream.Stream.of(
                        handle), handle.descendants())
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus)).orElse(Duration.ZERO);
    }

    /**
     * Remembers a started process, in the place of the one of the same name it replaces after {@link #restart} (so
     * that {@link #close} keeps its order); one that starts while the platform is closing is stopped at once.
     */
    private synchronized void track(ChildProcess process) {
        if (closed) {
            process.stop(Duration.ofSeconds(30));
            throw new IllegalStateException("The platform is stopping");
        }
        synchronized (processes) {
            for (int i = 0; i < processes.size(); i++) {
                if (processes.get(i).name().equals(process.name())) {
                    processes.set(i, process);
                    return;
                }
            }
            processes.add(process);
        }
    }

    /** The running (or last started) process of that name: kafka, mongo, mail, keycloak, a service, portal, gateway. */
    public ChildProcess process(String name) {
        synchronized (processes) {
            return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No process " + name + " in this platform"));
        }
    }

    /** Ends one process at once with SIGKILL ({@code kill -9}), as a crash would: nothing flushed, nothing closed. */
    public void kill(String name) {
        process(name).kill();
    }

    /** Stops one process as an operator would (SIGTERM, then SIGKILL after the grace period). */
    public void stop(String name, Duration grace) {
        process(name).stop(grace);
    }

    /**
     * Starts a killed or stopped process again exactly as the platform started it (same command, port and data; a
     * restarted Keycloak keeps its realm and keys), killing it first if it still runs; returns once it is ready (a
     * service healthy, a broker or store accepting connections), as at the platform's start.
     */
    public void restart(String name) {
        Step starter = starters.get(name);
        if (starter == null) {
            throw new IllegalArgumentException("No process " + name + " in this platform");
        }
        ChildProcess running = process(name);
        if (running.alive()) {
            running.kill();
        }
        try {
            starter.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start again", e);
        }
    }

    static boolean health(int port) {
        String body = ChildProcess.httpBody("http://127.0.0.1:" + port + "/actuator/health");
        return body != null && body.contains("\"UP\"");
    }

    /**
     * @param instances how many instances of each service run: every instance of a service gets the same database
     *                  and consumer groups (its application's), only its port differs
     */
    Map<String, String> serviceEnvironment(Service service, int instances) {
        Map<String, String> env = new LinkedHashMap<>(securityEnvironment());
        env.putAll(tracingEnvironment());
        env.put("SERVER_PORT", String.valueOf(service.port()));
        env.put("SPRING_MONGODB_URI", mongoUri() + "/" + service.database());
        env.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafkaBootstrap());
        // A publication instance indexes its own writes at once and the others' only when it looks at the store's
        // changes, which makes the local store scan the whole collection: alone, it looks rarely; beside other
        // instances, every 2 s (the service's default), so that every instance's search agrees within seconds.
        env.put("KCDB_SEARCH_CATCH_UP_INTERVAL", instances > 1 ? "PT2S" : "PT30S");
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

    /** The environment of the platform's own gateway, over every instance of each service. */
    public Map<String, String> gatewayEnvironment() {
        return gatewayEnvironment(config.ports().gateway(), instances());
    }

    /**
     * A service with one instance is routed to its URL; one with several to {@code lb://<service>}, its instances
     * listed for Spring Cloud LoadBalancer's simple discovery (taken in turn, each left out while it is not ready:
     * gateway/README.md); the portals likewise.
     */
    Map<String, String> gatewayEnvironment(int port, List<Service> instances) {
        Map<String, String> env = new LinkedHashMap<>(securityEnvironment());
        env.putAll(tracingEnvironment());
        env.put("SERVER_PORT", String.valueOf(port));
        for (Service first : services()) {
            String name = first.name().toUpperCase();
            List<Service> of = instances.stream().filter(s -> s.name().equals(first.name())).toList();
            if (of.size() == 1) {
                env.put("KCDB_GATEWAY_" + name + "_URI", "http://127.0.0.1:" + first.port());
                continue;
            }
            env.put("KCDB_GATEWAY_" + name + "_URI", "lb://" + first.name());
            for (int i = 0; i < of.size(); i++) {
                env.put("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_" + name + "_" + i + "_URI",
                        "http://127.0.0.1:" + of.get(i).port());
            }
        }
        List<Service> portals = portals();
        if (portals.size() == 1) {
            env.put("KCDB_GATEWAY_PORTAL_URI", "http://127.0.0.1:" + config.ports().portal());
        } else {
            env.put("KCDB_GATEWAY_PORTAL_URI", "lb://portal");
            for (int i = 0; i < portals.size(); i++) {
                env.put("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_PORTAL_" + i + "_URI",
                        "http://127.0.0.1:" + portals.get(i).port());
            }
        }
        return env;
    }

    /**
     * A portal is reached through the gateway, and calls the API through it too; it keeps its sessions in the store,
     * so that every portal serves every signed-in user. Its public URLs are every gateway's this platform may run, its
     * own first: the browser comes back from Keycloak ({@code /login/oauth2/code/keycloak}, a redirect URI the realm
     * lists at each) to the gateway it started the sign-in at, whichever portal sent it there and whichever answers.
     */
    Map<String, String> portalEnvironment(int port) {
        Map<String, String> env = new LinkedHashMap<>(tracingEnvironment());
        env.put("SERVER_PORT", String.valueOf(port));
        // Its web sessions: a second portal on the same store serves the same signed-in users.
        env.put("SPRING_MONGODB_URI", mongoUri() + "/kcdb-portal");
        env.put("KCDB_PORTAL_API_URI", gatewayUrl());
        env.put("KCDB_PORTAL_PUBLIC_URLS", String.join(",", gatewayUrls()));
        env.put("KCDB_PORTAL_ISSUER_URI", issuer());
        return env;
    }

    /**
     * The local platform samples a tenth of the traces, as the production stack does (deploy/,
     * {@code KCDB_TRACE_SAMPLING}), and exports none: a sampled span recorded for no exporter cost every consumer and
     * request CPU for nothing (bench/README.md, "What every consumer paid for the processed-event look and the
     * observations"). Every process decides alike, since a span follows its parent's decision (the gateway's for a
     * request, the relay's for an event). Trace and span ids stay in every log line and the traceparent goes on,
     * sampled or not. {@code KCDB_TRACE_SAMPLING=1.0} keeps every trace (with an OTLP endpoint set, to look at them).
     */
    static Map<String, String> tracingEnvironment() {
        String sampling = System.getenv("KCDB_TRACE_SAMPLING");
        return Map.of("MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
                sampling == null || sampling.isBlank() ? "0.1" : sampling);
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
        if (idleHeaps != null) {
            idleHeaps.close();
        }
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

    /** The step, noting when (from the platform's start) its process was ready and the CPU time it had used by then. */
    private Step timed(String name, Instant begin, Step step) {
        return () -> {
            Duration started = Duration.between(begin, Instant.now());
            step.run();
            Duration cpu = cpuTime(process(name));
            readiness.put(name, new Readiness(started, Duration.between(begin, Instant.now()), cpu));
        };
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
