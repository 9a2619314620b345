package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The comparison pages (public and the coordinator's) against a stand-in gateway with canned API answers, as
 * {@link PortalPagesTest} does for the CMC pages: what they show and exactly what they send to the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "spring.main.allow-bean-definition-overriding=true")
class ComparisonPagesTest {

    static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();

    record Answer(int status, String body) {
    }

    static final DisposableServer GATEWAY = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                    .flatMap(body -> {
                        RECEIVED.put(request.method() + " " + request.uri(), body);
                        Answer answer = ANSWERS.entrySet().stream()
                                .filter(e -> (request.method() + " " + request.uri()).startsWith(e.getKey()))
                                .map(Map.Entry::getValue).findFirst()
                                .orElse(new Answer(404, "{\"title\":\"Not Found\",\"detail\":\"nothing here\"}"));
                        return response.status(answer.status())
                                .header("Content-Type", answer.status() < 300 ? "application/json"
                                        : "application/problem+json")
                                .header("X-Total-Count", "45")
                                .sendString(Mono.just(answer.body())).then();
                    }))
            .bindNow();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("kcdb.portal.api-uri", () -> "http://127.0.0.1:" + GATEWAY.port());
    }

    @TestConfiguration
    static class WithoutTokens {
        @Bean
        @Qualifier("user")
        PlatformApi userApi() {
            return PlatformApi.over(WebClient.builder().baseUrl("http://127.0.0.1:" + GATEWAY.port()).build());
        }
    }

    static final String PUBLISHED = """
            {"identifier":"CCEM-K1","type":"KEY","organiser":"CCEM","metrologyAreaLabel":"EM",
             "measurand":"DC voltage","unit":"V","pilot":"PTB","participants":["PTB","NPL","NIST"],
             "status":"PUBLISHED","evaluation":{"kcrv":1.0000012,"kcrvStandardUncertainty":0.0000004,
             "kcrvExpandedUncertainty":0.0000008,"coverageFactor":2,"unit":"V","method":"WEIGHTED_MEAN",
             "degreesOfEquivalence":[{"institute":"PTB","d":0.0000003,"standardUncertainty":0.0000005,
               "expandedUncertainty":0.000001,"en":0.3,"contributing":true},
              {"institute":"NPL","d":-0.0000007,"standardUncertainty":0.0000006,
               "expandedUncertainty":0.0000012,"en":0.58,"contributing":true}]}}""";

    @Autowired
    ApplicationContext context;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        ANSWERS.clear();
        RECEIVED.clear();
        http = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient()
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        GATEWAY.disposeNow();
    }

    WebTestClient coordinator() {
        return http.mutateWith(mockOidcLogin().authorities(new SimpleGrantedAuthority("ROLE_comparison-coordinator"),
                        new SimpleGrantedAuthority("INSTITUTE_PTB"))
                .idToken(token -> token.claim("preferred_username", "coordinator.ptb").claim("institute", "PTB")));
    }

    @Test
    void anyoneListsThePublishedComparisonsAPageAtATime() {
        ANSWERS.put("GET /api/kcdb/comparisons?", new Answer(200, "[" + PUBLISHED + "]"));
        String page = http.get().uri("/comparisons?page=1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("href=\"/comparisons/CCEM-K1\"", "45 comparisons", "href=\"/comparisons?page=0\"",
                "href=\"/comparisons?page=2\"", "href=\"/comparisons\"");
        assertThat(RECEIVED).containsKey("GET /api/kcdb/comparisons?page=1&pageSize=20");
    }

    @Test
    void aPublishedComparisonShowsItsKcrvDegreesOfEquivalenceAndGraphWithoutLogin() {
        ANSWERS.put("GET /api/kcdb/comparisons/CCEM-K1", new Answer(200, PUBLISHED));
        String page = http.get().uri("/comparisons/CCEM-K1").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Key comparison reference value (KCRV)", "1.0000012 V", "4.0E-7 V",
                "<caption>Degrees of equivalence</caption>", "<th scope=\"row\">NPL</th>", "0.58",
                "src=\"/api/comparisons/CCEM-K1/degrees-of-equivalence.svg\"",
                "alt=\"Graph of equivalence of CCEM-K1: each institute’s degree of equivalence");
    }
}
