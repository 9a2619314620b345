package org.bipm.kcdb.portal.config;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * New sign-ins while Keycloak is down get a clear page with 503 rather than a redirect of the browser to a host that
 * does not answer: the login's start ({@value SecurityConfig#LOGIN_PATH}) first asks whether the realm answers (its
 * address as the portal reaches it; one look shared by every request for {@link #REMEMBERED}, so an outage costs
 * Keycloak no extra load and a sign-in at most one short wait). When it does not, the request is handed to
 * {@value #UNAVAILABLE_PATH}, which the portal answers with the page. Users already signed in are not affected: their
 * pages carry their tokens (until those expire).
 *
 * <p>Ordered before Spring Security's filter chain, which would otherwise send the redirect.
 */
@Component
@Order(-200)
public class SignInGuard implements WebFilter {

    public static final String UNAVAILABLE_PATH = "/sign-in-unavailable";
    /** Marks the request handed over by this filter, so the page is not reachable by its own address. */
    public static final String HANDED_OVER = SignInGuard.class.getName() + ".handedOver";
    /** How long one look at Keycloak is believed, either way. */
    static final Duration REMEMBERED = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

    private final Mono<Boolean> keycloakAnswers;

    public SignInGuard(PortalProperties properties) {
        WebClient realm = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) PATIENCE.toMillis())
                        .responseTimeout(PATIENCE)))
                .build();
        String address = properties.backchannel();
        this.keycloakAnswers = realm.get().uri(address)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(PATIENCE.plusSeconds(1))
                .onErrorResume(e -> {
                    log.warn("Keycloak does not answer at {}: {}", address, e.toString());
                    return Mono.just(false);
                })
                .cache(answer -> REMEMBERED, e -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET
                || !exchange.getRequest().getPath().value().startsWith("/oauth2/authorization/")) {
            return chain.filter(exchange);
        }
        return keycloakAnswers.flatMap(answers -> {
            if (answers) {
                return chain.filter(exchange);
            }
            ServerWebExchange handedOver = exchange.mutate().request(r -> r.path(UNAVAILABLE_PATH)).build();
            handedOver.getAttributes().put(HANDED_OVER, true);
            return chain.filter(handedOver);
        });
    }
}
