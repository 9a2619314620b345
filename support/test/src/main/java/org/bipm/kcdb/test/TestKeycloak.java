package org.bipm.kcdb.test;

import tools.jackson.databind.ObjectMapper;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.bipm.kcdb.platform.ChildProcess;
import org.bipm.kcdb.platform.KeycloakServer;
import org.bipm.kcdb.platform.Ports;

/**
 * One real Keycloak per test JVM with the project's realm: the Keycloak image where Docker runs, otherwise the
 * server distribution from Maven Central that ./kcdb up uses, started with fresh data.
 */
public final class TestKeycloak {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile String issuer;

    private TestKeycloak() {
    }

    /** The realm's issuer, e.g. {@code http://127.0.0.1:40123/realms/kcdb}. */
    public static synchronized String issuer() {
        if (issuer == null) {
            issuer = switch (Infrastructure.chosen()) {
                case CONTAINERS -> {
                    KeycloakContainer keycloak = Containers.keycloak();
                    keycloak.start();
                    yield keycloak.getAuthServerUrl().replaceAll("/$", "") + "/realms/kcdb";
                }
                case EMBEDDED -> embedded();
            };
        }
        return issuer;
    }

    public static String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** An access token for a demo user of the realm (their password is their user name), via the CLI client. */
    public static String token(String user) {
        String form = "grant_type=password&client_id=kcdb-cli&username=" + encode(user) + "&password=" + encode(user);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String embedded() {
        try {
            int port = Ports.freePort();
            Properties platform = new Properties();
            try (InputStream in = KeycloakServer.class.getResourceAsStream("/kcdb-platform.properties")) {
                platform.load(in);
            }
            Path install = Path.of(System.getProperty("user.home"), ".cache", "kcdb",
                    "keycloak-" + platform.getProperty("keycloak.version") + "-tests");
            ChildProcess keycloak = KeycloakServer.start(Path.of(platform.getProperty("keycloak.zip")), install,
                    Realm.file(), port, true, Path.of("target", "keycloak-logs").toAbsolutePath(), started -> { });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> keycloak.stop(java.time.Duration.ofSeconds(20))));
            return KeycloakServer.issuer(port);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not start", e);
        }
    }
}
