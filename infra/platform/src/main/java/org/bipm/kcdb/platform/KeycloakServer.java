package org.bipm.kcdb.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real Keycloak server, unzipped once from its Maven Central distribution and started in dev mode with the
 * realm file imported. The install is reused, so the one-off build step of the first start is paid once: a second
 * start in dev mode with the same build options skips it, as {@code start --optimized} would, and an existing realm
 * is not imported again.
 */
public final class KeycloakServer {

    private KeycloakServer() {
    }

    /**
     * kc.sh's own defaults for Keycloak 26 (encodings, metaspace; the exit on out-of-memory comes with
     * {@link Java#heap}) with the serial collector and a heap that starts small instead of G1 (which, kc.sh notes, is
     * eager to claim its maximum): one realm of a dozen users on one machine. Setting JAVA_OPTS replaces kc.sh's
     * defaults, so they are repeated here.
     */
    static final String JAVA_OPTS = "-XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Dfile.encoding=UTF-8"
            + " -Dsun.stdout.encoding=UTF-8 -Dsun.err.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8"
            + " -Djava.security.egd=file:/dev/urandom"
            + " -Djdk.tls.rejectClientInitiatedRenegotiation=true " + String.join(" ", Java.heap(512));

    public static String issuer(int port) {
        return "http://127.0.0.1:" + port + "/realms/kcdb";
    }

    /**
     * @param freshData drop the dev database first, so the realm file is imported again (a realm that already
     *                  exists is never re-imported)
     */
    public static ChildProcess start(Path zip, Path install, Path realmFile, int port, boolean freshData, Path logDir,
                                     java.util.function.Consumer<ChildProcess> started)
            throws IOException {
        return start(zip, install, realmFile, port, freshData, logDir, started, null);
    }

    /**
     * @param portalUrls where browsers reach the portal (every gateway's URL): the realm's {@code kcdb-portal}
     *                   client accepts exactly their redirect and post-logout URIs, since Keycloak refuses a port
     *                   wildcard; {@code null} or none keeps the realm file's default
     */
    public static ChildProcess start(Path zip, Path install, Path realmFile, int port, boolean freshData, Path logDir,
                                     java.util.function.Consumer<ChildProcess> started, List<String> portalUrls)
            throws IOException {
        return start(zip, install, realmFile, port, freshData, logDir, started, portalUrls, false);
    }

    /**
     * @param classDataSharing map the classes a previous run of this install archived ({@link #classDataSharing}):
     *                         it pays from the second start on, so {@code ./kcdb up} uses it and the tests do not
     */
    public static ChildProcess start(Path zip, Path install, Path realmFile, int port, boolean freshData, Path logDir,
                                     java.util.function.Consumer<ChildProcess> started, List<String> portalUrls,
                                     boolean classDataSharing)
            throws IOException {
        Path home = unzipOnce(zip, install);
        List<String> sharing = classDataSharing ? classDataSharing(home) : List.of();
        String javaOpts = sharing.isEmpty() ? JAVA_OPTS : JAVA_OPTS + " " + String.join(" ", sharing);
        if (freshData) {
            deleteTree(home.resolve("data").resolve("h2"));
        }
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        Files.writeString(imports.resolve("kcdb-realm.json"), withPortalUrls(Files.readString(realmFile), portalUrls));
        ChildProcess keycloak = ChildProcess.start("keycloak",
                List.of("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev", "--import-realm",
                        "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=http://127.0.0.1:" + port,
                        "--health-enabled=false", "--metrics-enabled=false"),
                Map.of("JAVA_HOME", Java.home(), "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin", "JAVA_OPTS", javaOpts,
                        "MALLOC_ARENA_MAX", Java.ENVIRONMENT.get("MALLOC_ARENA_MAX")),
                home, logDir.resolve("keycloak.log"));
        ClassDataArchive.keepWhatItDumps(keycloak, sharing);
        started.accept(keycloak);
        // On two cores shared with other builds (load average 27) Keycloak was seen still importing the realm after
        // 180 s; since the four services start beside it (Platform), a first start (Keycloak's own build step and the
        // realm's import) at a load average of 50 to 75 passed 300 s.
        keycloak.awaitReady(() -> ChildProcess.httpOk(issuer(port) + "/.well-known/openid-configuration"),
                Duration.ofSeconds(600));
        return keycloak;
    }

    /**
     * Application class-data sharing for Keycloak ({@link ClassDataArchive}, as for the Spring Boot processes): the JVM
     * maps the classes a previous run loaded (Keycloak's own loader included: the JVM checks each class's bytes
     * against the archive) instead of parsing and verifying them again; 13.5 to 10.5 CPU seconds for a second start
     * (bench/README.md, item 6). The archive is current while it is newer than Keycloak's last build step (its first
     * start, or a changed build option), which rewrites what it generated.
     */
    static List<String> classDataSharing(Path home) throws IOException {
        return ClassDataArchive.options(archive(home),
                home.resolve("lib").resolve("quarkus").resolve("generated-bytecode.jar"));
    }

    private static Path archive(Path home) {
        return home.resolve("data").resolve("cds").resolve("classes.jsa");
    }

    /**
     * The realm file names the portal's URL as {@code ${KCDB_PORTAL_URL:<default>}} (docker-compose lets Keycloak fill
     * it from the environment); the launcher writes the URLs in itself, so the import never depends on it. A string
     * of the redirect URIs (an array) becomes one string per URL; the post-logout attribute (one string) lists them
     * joined by {@code ##}, Keycloak's separator there.
     */
    static String withPortalUrls(String realm, List<String> portalUrls) {
        java.util.regex.Matcher placeholder = PORTAL_URL.matcher(realm);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            List<String> urls = portalUrls == null || portalUrls.isEmpty() ? List.of(placeholder.group(3))
                    : portalUrls;
            List<String> uris = urls.stream().map(url -> placeholder.group(2) + url + placeholder.group(4)).toList();
            String replacement = placeholder.group(1) != null
                    ? placeholder.group(1) + "\"" + String.join("##", uris) + "\""
                    : String.join(", ", uris.stream().map(uri -> "\"" + uri + "\"").toList());
            placeholder.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern PORTAL_URL = java.util.regex.Pattern.compile(
            "(\"post\\.logout\\.redirect\\.uris\"\\s*:\\s*)?\"([^\"]*)\\$\\{KCDB_PORTAL_URL:([^}]*)}([^\"]*)\"");

    static Path unzipOnce(Path zip, Path install) throws IOException {
        Path marker = install.resolve(".unzipped");
        if (Files.exists(marker)) {
            return install;
        }
        if (!Files.exists(zip)) {
            throw new IllegalStateException("The Keycloak distribution is missing: " + zip
                    + " (./mvnw -pl infra/platform package downloads it)");
        }
        deleteTree(install);
        Files.createDirectories(install);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                String relative = name.contains("/") ? name.substring(name.indexOf('/') + 1) : "";
                if (relative.isEmpty()) {
                    continue;
                }
                Path target = install.resolve(relative).normalize();
                if (!target.startsWith(install)) {
                    throw new IOException("Zip entry outside the install directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
        Files.writeString(marker, zip.getFileName().toString());
        return install;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        if (target.toString().endsWith(".sh")) {
            target.toFile().setExecutable(true);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
