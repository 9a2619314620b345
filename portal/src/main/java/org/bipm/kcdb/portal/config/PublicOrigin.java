package org.bipm.kcdb.portal.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Each request as coming through one of the portal's public URLs: the one the gateway says the browser used (its
 * forwarded address, applied before the filters by {@code server.forward-headers-strategy}) when that is one of them,
 * else the first. So the login redirect and the page after logout, both built from the request's address
 * ({@code {baseUrl}}), send a browser back to the gateway it came through, and never to an address that only a
 * request's headers named: a sign-in begun at a second gateway of a scaled-out platform comes back there.
 *
 * <p>Ordered before {@link SignInGuard} and Spring Security's filter chain, which read the address.
 */
@Component
@Order(-300)
public class PublicOrigin implements WebFilter {

    private final List<URI> publicUrls;

    public PublicOrigin(PortalProperties properties) {
        this.publicUrls = properties.publicUrls();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        URI asked = exchange.getRequest().getURI();
        URI origin = publicUrls.stream().filter(url -> sameOrigin(url, asked)).findFirst().orElse(publicUrls.get(0));
        if (sameOrigin(origin, asked)) {
            return chain.filter(exchange);
        }
        URI seen = UriComponentsBuilder.fromUri(asked).scheme(origin.getScheme()).host(origin.getHost())
                .port(origin.getPort()).build(true).toUri();
        return chain.filter(exchange.mutate().request(request -> request.uri(seen)).build());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
