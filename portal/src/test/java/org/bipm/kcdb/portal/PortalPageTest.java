package org.bipm.kcdb.portal;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every page test shares: the portal against one stand-in gateway that answers as the platform's API does
 * (canned JSON per path), so what the pages make of answers, refusals and silence is checked without the platform.
 * Signing in is mocked; the real login through Keycloak is the browser tests' part (e2e).
 *
 * <p>Every page test extends this class and declares no configuration of its own, so its context's key is the same
 * and Spring builds the portal once for all of them (a class that adds a property or a bean gets a context of its own
 * and makes the module's tests slower).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "spring.main.allow-bean-definition-overriding=true")
@Import(WithoutTokens.class)
abstract class PortalPageTest {

    /** One for the whole test run: the cached context's API clients point at its port. */
    static final StandInGateway GATEWAY = new StandInGateway();
    /** What the stand-in gateway answers, by method and path (with query); what it received. */
    static final Map<String, Answer> ANSWERS = GATEWAY.answers;
    static final Map<String, String> RECEIVED = GATEWAY.received;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("kcdb.portal.api-uri", () -> "http://127.0.0.1:" + GATEWAY.port());
        registry.add("spring.mongodb.uri", () -> TestSessionStore.uri("kcdb-portal-pages"));
    }

    @Autowired
    ApplicationContext context;
    /** Nobody signed in. */
    WebTestClient http;

    @BeforeEach
    void startFromNothing() {
        GATEWAY.reset();
        http = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient()
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Signed in as {@code username} with these authorities ({@code ROLE_cmc-writer}, {@code RMO_EURAMET}, …). */
    WebTestClient signedIn(String username, String... authorities) {
        return http.mutateWith(mockOidcLogin()
                .authorities(Arrays.stream(authorities).map(SimpleGrantedAuthority::new)
                        .toArray(GrantedAuthority[]::new))
                .idToken(token -> token.claim("preferred_username", username)));
    }

    WebTestClient writer() {
        return signedIn("writer.ptb", "ROLE_cmc-writer");
    }

    WebTestClient office() {
        return signedIn("kcdb.office", "ROLE_kcdb-office");
    }

    /** The page at {@code uri}, which must answer 200. */
    String page(WebTestClient client, String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
    }
}
