package org.bipm.kcdb.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Rate limits and security headers, from {@code kcdb.gateway.*} (gateway README, "Limits and headers"); 503 for a
 * service that cannot be reached.
 */
@Configuration(proxyBeanMethods = false)
class GatewayHardening {

    @Bean
    @ConditionalOnProperty(name = "kcdb.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    RateLimitFilter rateLimitFilter(
            @Value("${kcdb.gateway.rate-limit.paths:/api/**}") List<String> paths,
            @Value("${kcdb.gateway.rate-limit.anonymous.limit:10000}") long anonymousLimit,
            @Value("${kcdb.gateway.rate-limit.anonymous.period:1s}") Duration anonymousPeriod,
            @Value("${kcdb.gateway.rate-limit.authenticated.limit:10000}") long authenticatedLimit,
            @Value("${kcdb.gateway.rate-limit.authenticated.period:1s}") Duration authenticatedPeriod,
            @Value("${kcdb.gateway.rate-limit.max-clients:100000}") long maxClients) {
        return new RateLimitFilter(paths, new RateLimitFilter.Limit(anonymousLimit, anonymousPeriod),
                new RateLimitFilter.Limit(authenticatedLimit, authenticatedPeriod), maxClients);
    }

    @Bean
    UnreachableServiceFilter unreachableServiceFilter() {
        return new UnreachableServiceFilter();
    }

    /**
     * Cross-origin calls to the API only from the configured origins (none by default: the portal is served from
     * the gateway's own origin). Runs before Spring Security, so a preflight (which carries no token) is answered
     * here: allowed, or 403; a request from an origin not listed is refused before it reaches a service.
     */
    @Bean
    CorsWebFilter corsWebFilter(@Value("${kcdb.gateway.cors.allowed-origins:}") List<String> origins) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList());
        api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "Last-Event-ID"));
        api.setExposedHeaders(List.of("ETag", "Location", "Link", "X-Total-Count", "Retry-After", "RateLimit-Limit",
                "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"));
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return new OrderedCorsWebFilter(source);
    }

    /** Before Spring Security (-100) and after the security headers. */
    static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {

        OrderedCorsWebFilter(UrlBasedCorsConfigurationSource source) {
            super(source);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 1;
        }
    }

    @Bean
    SecurityHeadersFilter securityHeadersFilter(
            @Value("${kcdb.gateway.content-security-policy}") String contentSecurityPolicy,
            @Value("${kcdb.gateway.strict-transport-security:max-age=31536000; includeSubDomains}") String hsts) {
        return new SecurityHeadersFilter(contentSecurityPolicy, hsts);
    }
}
