package org.bipm.kcdb.security;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401, 403 and 503 as {@code application/problem+json}. The bodies say what went wrong in general terms
 * only: nothing about the resource or the token's contents leaks.
 */
public final class ProblemResponses {

    /** The most of a refused request's body read before its connection closes. */
    private static final long MAX_DRAINED = 16L * 1024 * 1024;

    private ProblemResponses() {
    }

    public static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, ex) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kcdb\"");
            return write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid bearer token issued by the KCDB realm is required.");
        };
    }

    public static ServerAccessDeniedHandler forbidden() {
        return (exchange, ex) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                "Your roles or scope do not allow this.");
    }

    /**
     * A request Spring Security's firewall refuses before any filter sees it (an empty or {@code ..} path segment,
     * an encoded slash, a header of control characters): 400 as a problem, where the stock handler sends an empty
     * body.
     */
    public static ServerExchangeRejectedHandler rejected() {
        return (exchange, ex) -> write(exchange, HttpStatus.BAD_REQUEST, "rejected-request",
                "The request's path or headers are not in an accepted form.");
    }

    /**
     * An unreachable identity provider is not the caller's fault and not our bug: answer 503 so clients retry,
     * instead of the 500 the stock resource server gives.
     */
    public static ServerAuthenticationFailureHandler failureHandler() {
        ServerAuthenticationEntryPoint unauthorized = unauthorized();
        return (filterExchange, ex) -> {
            if (isIdentityProviderDown(ex)) {
                return write(filterExchange.getExchange(), HttpStatus.SERVICE_UNAVAILABLE,
                        "identity-provider-unavailable",
                        "The identity provider cannot be reached to check your token; try again shortly.");
            }
            // A token that fails its check ends the connection. The refusal is complete on the wire before the
            // exchange has terminated, and Reactor Netty 1.3.6 queues a request that arrives on the kept-alive
            // connection in that moment and never reads it (reactor/reactor-netty#4361): the client's next call
            // waited out its timeout about once in thirty (ForgedTokenConnectionTest in the gateway). A new
            // connection for the next call costs a handshake, and only after a refused token.
            // The body is read (and dropped) first: closing a connection with unread bytes makes the kernel reset
            // it, and the reset can wipe the 401 from the client's buffer before it reads it ("received no
            // bytes" for a 200 kB comment). Past MAX_DRAINED the client's loss is its own.
            ServerWebExchange exchange = filterExchange.getExchange();
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return DataBufferUtils.takeUntilByteCount(exchange.getRequest().getBody(), MAX_DRAINED)
                    .doOnNext(DataBufferUtils::release)
                    .then(Mono.defer(() -> unauthorized.commence(exchange, ex)));
        };
    }

    private static boolean isIdentityProviderDown(AuthenticationException ex) {
        return ex instanceof AuthenticationServiceException;
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"https://kcdb.bipm.org/problems/" + type + "\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail
                + "\",\"instance\":\"" + exchange.getRequest().getPath().value().replace("\"", "") + "\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }
}
