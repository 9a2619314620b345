package org.bipm.kcdb.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bipm.kcdb.security.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits on the API: a token bucket per token subject for authenticated calls, per client address for the
 * anonymous public API. Runs after Spring Security (order 0 > its -100), so the subject is that of a validated token
 * and a made-up token cannot spend someone else's budget. Every limited response carries the IETF
 * {@code RateLimit-*} headers; a refused one is 429 with {@code Retry-After}.
 */
class RateLimitFilter implements WebFilter, Ordered {

    /** One budget: {@code limit} requests per {@code period}, refilled evenly. */
    record Limit(long limit, Duration period) {

        Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build();
        }
    }

    private final List<String> paths;
    private final Limit anonymous;
    private final Limit authenticated;
    private final AntPathMatcher matcher = new AntPathMatcher();
    private final Cache<String, Bucket> buckets;

    RateLimitFilter(List<String> paths, Limit anonymous, Limit authenticated, long maxClients) {
        this.paths = paths;
        this.anonymous = anonymous;
        this.authenticated = authenticated;
        Duration longest = anonymous.period().compareTo(authenticated.period()) > 0 ? anonymous.period()
                : authenticated.period();
        // A client unseen for a whole period has a full bucket again: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder().maximumSize(maxClients)
                .expireAfterAccess(longest.toMillis() + 1000, TimeUnit.MILLISECONDS).build();
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (paths.stream().noneMatch(pattern -> matcher.match(pattern, path))) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(RateLimitFilter::subject).defaultIfEmpty("")
                .flatMap(subject -> {
                    boolean anonymousCall = subject.isEmpty();
                    Limit limit = anonymousCall ? anonymous : authenticated;
                    String key = anonymousCall ? "address:" + address(exchange) : "subject:" + subject;
                    Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(limit.bandwidth()).build());
                    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    long window = Math.max(1, limit.period().toSeconds());
                    headers.set("RateLimit-Policy", limit.limit() + ";w=" + window);
                    headers.set("RateLimit-Limit", Long.toString(limit.limit()));
                    headers.set("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
                    if (probe.isConsumed()) {
                        long untilFull = (limit.limit() - probe.getRemainingTokens()) * limit.period().toNanos()
                                / limit.limit();
                        headers.set("RateLimit-Reset", Long.toString(seconds(untilFull)));
                        return chain.filter(exchange);
                    }
                    long wait = seconds(probe.getNanosToWaitForRefill());
                    headers.set("RateLimit-Reset", Long.toString(wait));
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(wait));
                    return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                            "Too many requests from this client; try again after the time in Retry-After.");
                });
    }

    private static long seconds(long nanos) {
        return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static String subject(java.security.Principal principal) {
        if (principal instanceof Authentication authentication && authentication.getPrincipal() instanceof Jwt jwt
                && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return principal.getName() == null ? "" : principal.getName();
    }

    /**
     * The connecting address. Behind a load balancer, set {@code server.forward-headers-strategy=native} so that it
     * is the client's, taken from the balancer's {@code X-Forwarded-For}/{@code Forwarded}; never trusted otherwise.
     */
    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
