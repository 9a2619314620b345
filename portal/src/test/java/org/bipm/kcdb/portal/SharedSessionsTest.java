package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two portal replicas on one session store, as behind the gateway's round robin: a user who signs in through one
 * is served by the other, with the same tokens; and a sign-in while Keycloak does not answer gets a clear 503. Real
 * portals over HTTP, a Mongo-wire store over TCP, a stand-in for Keycloak's back channel: the test plays the browser
 * (cookies by hand, no redirect followed) and Keycloak's login page.
 */
class SharedSessionsTest {

    private static final String DATABASE = "kcdb-portal-shared";
    private static final String COOKIE = "KCDB_PORTAL_SESSION";
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static StandInKeycloak keycloak;
    private static StandInGateway gateway;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    /** A portal whose Keycloak is gone (its address a port bound by nobody else and listened on by nobody). */
    private static ConfigurableApplicationContext withoutKeycloak;
    private static Socket keycloakGone;

    @BeforeAll
    static void twoPortalsOnOneStore() {
        keycloak = new StandInKeycloak();
        gateway = new StandInGateway();
        first = portal(keycloak.issuer());
        second = portal(keycloak.issuer());
        keycloakGone = heldPort();
        withoutKeycloak = portal("http://127.0.0.1:" + keycloakGone.getLocalPort() + "/realms/kcdb");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext portal : new ConfigurableApplicationContext[] {withoutKeycloak, first, second}) {
            if (portal != null) {
                portal.close();
            }
        }
        gateway.stop();
        keycloak.stop();
        if (keycloakGone != null) {
            try {
                keycloakGone.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void aUserSignedInThroughOnePortalIsServedByTheOtherWithTheSameTokens() throws Exception {
        gateway.answers.put("GET /api/", new Answer(200,
                "{\"page\":0,\"size\":50,\"totalElements\":0,\"content\":[]}"));

        // The writer asks the first portal for their CMCs: not signed in, so to the login, the page remembered.
        HttpResponse<String> asked = get(first, "/cmcs", null);
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location")).hasValue("/oauth2/authorization/keycloak");
        String beforeLogin = cookie(asked);

        // The login starts on the second portal, which sends the browser to Keycloak with a state and a nonce.
        HttpResponse<String> toKeycloak = get(second, "/oauth2/authorization/keycloak", beforeLogin);
        assertThat(toKeycloak.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toKeycloak.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth");
        Map<String, String> query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().toSingleValueMap();

        // Keycloak's login page accepts the writer and sends the browser back to the first portal with a code.
        String code = keycloak.grant("writer.ptb", List.of("cmc-writer"), decoded(query.get("nonce")));
        HttpResponse<String> back = get(first, "/login/oauth2/code/keycloak?code=" + code + "&state="
                + query.get("state"), beforeLogin);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/cmcs");
        String signedIn = cookie(back);
        assertThat(signedIn).as("the login gives the session a new id").isNotEqualTo(beforeLogin);

        // The next page comes from the second portal: the writer's own list, asked for with the writer's token.
        HttpResponse<String> list = get(second, "/cmcs", signedIn);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("writer.ptb");
        assertThat(gateway.authorizations.get("GET /api/cmcs"))
                .isEqualTo("Bearer " + keycloak.accessTokens.get("writer.ptb"));

        // A page with a form saves a new CSRF token, and Spring Security gives the session a new id with it; the
        // page after that comes from the first portal again.
        String current = list.headers().allValues("Set-Cookie").isEmpty() ? signedIn : cookie(list);
        HttpResponse<String> again = get(first, "/cmcs", current);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("writer.ptb");
        String last = again.headers().allValues("Set-Cookie").isEmpty() ? current : cookie(again);

        // The session id from before the login is worth nothing on either portal.
        assertThat(get(first, "/cmcs", beforeLogin).statusCode()).isEqualTo(302);
        assertThat(get(second, "/cmcs", beforeLogin).statusCode()).isEqualTo(302);
        assertThat(storedSessions()).contains(last).doesNotContain(beforeLogin);

        // Signing out through the second gateway ends the Keycloak session and comes back there.
        HttpResponse<String> page = BROWSER.send(request(second, "/cmcs", last, "127.0.0.1:8090").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("a form with its CSRF token").isTrue();
        String session = page.headers().allValues("Set-Cookie").isEmpty() ? last : cookie(page);
        HttpResponse<String> out = BROWSER.send(request(first, "/logout", session, "127.0.0.1:8090")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(csrf.group(1),
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(302);
        URI endSession = URI.create(out.headers().firstValue("Location").orElseThrow());
        assertThat(endSession.toString()).startsWith(keycloak.issuer() + "/protocol/openid-connect/logout");
        assertThat(decoded(UriComponentsBuilder.fromUri(endSession).build().getQueryParams()
                .getFirst("post_logout_redirect_uri"))).isEqualTo("http://127.0.0.1:8090/");
    }

    @Test
    void aSignInComesBackThroughTheGatewayItBeganAtWhenThatIsOneOfThePortalsPublicUrls() throws Exception {
        assertThat(signInRedirectThrough("127.0.0.1:8090")).isEqualTo("http://127.0.0.1:8090/login/oauth2/code/keycloak");
        assertThat(signInRedirectThrough("127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/login/oauth2/code/keycloak");
        // An address only the request's headers name, and the portal's own (no gateway): the first public URL.
        assertThat(signInRedirectThrough("portal.attacker.example:8090"))
                .isEqualTo("http://127.0.0.1:8080/login/oauth2/code/keycloak");
        assertThat(signInRedirectThrough(null)).isEqualTo("http://127.0.0.1:8080/login/oauth2/code/keycloak");
    }

    @Test
    void aSignInWhileKeycloakDoesNotAnswerGetsAClear503() throws Exception {
        HttpResponse<String> answer = get(withoutKeycloak, "/oauth2/authorization/keycloak", null);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(answer.body()).contains("Sign-in unavailable", "the sign-in service (Keycloak) does not answer")
                .doesNotContain("Exception");
        // The page is the sign-in's answer only, not a page of its own.
        assertThat(get(withoutKeycloak, "/sign-in-unavailable", null).statusCode()).isEqualTo(404);
        // Where Keycloak answers, the sign-in goes there.
        HttpResponse<String> up = get(first, "/oauth2/authorization/keycloak", null);
        assertThat(up.statusCode()).isEqualTo(302);
        assertThat(up.headers().firstValue("Location").orElseThrow()).startsWith(keycloak.issuer());
    }

    private static ConfigurableApplicationContext portal(String issuer) {
        // As arguments: they must win over application.yml, as a replica's environment does. Each portal has Reactor
        // Netty resources of its own: closing one must not close the global ones the other tests' portal uses.
        return new SpringApplicationBuilder(PortalApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean(
                        ReactorResourceFactory.class, () -> {
                            ReactorResourceFactory resources = new ReactorResourceFactory();
                            resources.setUseGlobalResources(false);
                            return resources;
                        }))
                .run(
                "--server.port=0",
                "--spring.mongodb.uri=" + TestSessionStore.uri(DATABASE),
                "--kcdb.portal.api-uri=http://127.0.0.1:" + gateway.port(),
                "--kcdb.portal.public-urls=http://127.0.0.1:8080,http://127.0.0.1:8090",
                "--kcdb.portal.issuer-uri=" + issuer);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext portal, String path, String session)
            throws IOException, InterruptedException {
        return BROWSER.send(request(portal, path, session, null).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A browser's request; through a gateway at {@code gateway} (host:port) when not null, with the forwarded headers
     * Spring Cloud Gateway adds.
     */
    private static HttpRequest.Builder request(ConfigurableApplicationContext portal, String path, String session,
                                               String gateway) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + portal.getEnvironment().getProperty("local.server.port") + path)).timeout(Duration.ofSeconds(30));
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session);
        }
        if (gateway != null) {
            request.header("X-Forwarded-Host", gateway).header("X-Forwarded-Proto", "http")
                    .header("X-Forwarded-Port", gateway.substring(gateway.lastIndexOf(':') + 1));
        }
        // As a browser asks for a page (the page asked for before the login is remembered only for such a request).
        return request.header("Accept", "text/html,application/xhtml+xml");
    }

    /** Where the portal tells Keycloak to send the browser back to, for a sign-in begun through {@code gateway}. */
    private static String signInRedirectThrough(String gateway) throws IOException, InterruptedException {
        HttpResponse<String> toKeycloak = BROWSER.send(request(first, "/oauth2/authorization/keycloak", null, gateway)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toKeycloak.statusCode()).isEqualTo(302);
        return decoded(UriComponentsBuilder.fromUriString(toKeycloak.headers().firstValue("Location").orElseThrow())
                .build().getQueryParams().getFirst("redirect_uri"));
    }

    /** The session cookie the answer sets. */
    private static String cookie(HttpResponse<?> answer) {
        Pattern pattern = Pattern.compile(COOKIE + "=([^;]+)");
        return answer.headers().allValues("Set-Cookie").stream().map(pattern::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(
                        "no session cookie in " + answer.headers().map()));
    }

    private static String decoded(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> storedSessions() {
        try (MongoClient client = MongoClients.create(TestSessionStore.uri(DATABASE))) {
            return Flux.from(client.getDatabase(DATABASE).getCollection("sessions").find())
                    .map(d -> d.getString("_id")).collectList().block(Duration.ofSeconds(10));
        }
    }

    /**
     * A port bound and not listening, held until the class ends: every connection to it is refused, and nobody else
     * can take it meanwhile (a port found free and let go could become another test's server, or the local end of a
     * connection, before the portal connects to it).
     */
    private static Socket heldPort() {
        try {
            Socket held = new Socket();
            held.setReuseAddress(false);
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return held;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
