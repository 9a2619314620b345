package org.bipm.kcdb.gateway;

import java.net.ConnectException;
import org.bipm.kcdb.security.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service none of whose instances accepts the connection (stopped, restarting) is answered 503 with
 * {@code Retry-After}, as a problem: the stock answer is 500, which tells a client the request failed for good.
 * Nothing reached a service, so the client may send it again; around the route's {@code Retry} filter, so only once
 * every instance has refused.
 */
class UnreachableServiceFilter implements GlobalFilter, Ordered {

    /** Seconds a client should wait: about a service's restart on the local platform, or a balancer's check. */
    static final String RETRY_AFTER = "5";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(UnreachableServiceFilter::refused, refused -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(refused);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
            return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "The service behind this path cannot be reached; try again shortly.");
        });
    }

    private static boolean refused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
