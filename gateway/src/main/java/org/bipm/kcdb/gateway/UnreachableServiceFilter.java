package org.bipm.kcdb.gateway;

import java.net.ConnectException;
import java.net.SocketException;
import org.bipm.kcdb.security.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * A service that cannot be reached, or is lost in the middle of a request, is answered as a problem a client can act
 * on, not the stock 500, which tells it the request failed for good:
 * <ul>
 * <li>none of its instances accepts the connection (stopped, restarting): 503 with {@code Retry-After}. Nothing
 * reached a service, so the client may send the request again; around the route's {@code Retry} filter, so only once
 * every instance has refused;</li>
 * <li>the instance closed the connection before it answered (killed, crashed): 502 with {@code Retry-After}. The
 * request reached it and may have been applied, so the client should look before sending a change again.</li>
 * </ul>
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
        return chain.filter(exchange).onErrorResume(error -> lost(error) != null, error -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(error);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
            return lost(error) == HttpStatus.SERVICE_UNAVAILABLE
                    ? ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                            "The service behind this path cannot be reached; try again shortly.")
                    : ProblemResponses.write(exchange, HttpStatus.BAD_GATEWAY, "service-connection-lost",
                            "The service behind this path closed the connection before it answered; the request may "
                                    + "have been applied. Look at what it changes before sending it again.");
        });
    }

    /** 503 for a refused connection, 502 for one lost before the answer, null for any other error. */
    private static HttpStatus lost(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            // A reset or broken connection (a SocketException other than the refusal), or Reactor Netty's word for
            // a connection closed before the whole answer came.
            if (cause instanceof SocketException || cause instanceof PrematureCloseException) {
                return HttpStatus.BAD_GATEWAY;
            }
        }
        return null;
    }
}
