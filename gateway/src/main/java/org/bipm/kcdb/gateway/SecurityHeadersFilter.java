package org.bipm.kcdb.gateway;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers every response of the gateway carries, whatever service answered: a Content-Security-Policy (scripts,
 * styles, images and fonts only from the gateway's own origin, which serves the portal and its WebJars; no plugins,
 * no framing, forms only to itself), and Strict-Transport-Security when the request came over TLS (directly or, with
 * forwarded headers honoured, through the balancer). Set before the response is committed, so a service's own CSP
 * is replaced by the one policy.
 */
class SecurityHeadersFilter implements WebFilter, Ordered {

    private final String contentSecurityPolicy;
    private final String strictTransportSecurity;

    SecurityHeadersFilter(String contentSecurityPolicy, String strictTransportSecurity) {
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.strictTransportSecurity = strictTransportSecurity;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean tls = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())
                || exchange.getRequest().getSslInfo() != null;
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (!contentSecurityPolicy.isBlank()) {
                headers.set("Content-Security-Policy", contentSecurityPolicy);
            }
            if (tls && !strictTransportSecurity.isBlank()) {
                headers.set("Strict-Transport-Security", strictTransportSecurity);
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
