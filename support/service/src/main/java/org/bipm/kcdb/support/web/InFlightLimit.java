package org.bipm.kcdb.support.web;

import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bipm.kcdb.security.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * At most so many API requests in progress at once; one more is answered 503 with {@code Retry-After} at once,
 * before its token is checked or its body read. Each request in progress holds its documents on the heap, and a
 * client that sends faster than the service answers (an institute's script, a burst of single submits) otherwise
 * grows that heap until the service runs out of memory and stops answering anyone (issue 15's event hop at 200
 * submits a second: 1 545 requests in progress, the submission service's 256 MB full). Refused is better than lost:
 * the caller retries; nothing was read or written.
 */
public class InFlightLimit implements WebFilter, Ordered {

    /** The problem type of a refusal, under https://kcdb.bipm.org/problems/. */
    static final String BUSY = "service-busy";

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    public InFlightLimit(int limit, MeterRegistry meters) {
        if (limit < 1) {
            throw new IllegalArgumentException("kcdb.web.max-in-flight must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.refused = Counter.builder("kcdb.requests.refused.busy")
                .description("API requests answered 503 because the service had its most requests in progress")
                .register(meters == null ? new SimpleMeterRegistry() : meters);
    }

    /** Before Spring Security (-100), so that a refused request costs no token check. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exempt(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refused.increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            // The unread body stays on the wire: the connection is not reused for another request.
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, BUSY,
                    "The service has " + limit + " requests in progress; try again in a second.");
        }
        return chain.filter(exchange).doFinally(signal -> inFlight.decrementAndGet());
    }

    /**
     * Health and metrics, so that a busy service is not taken for a dead one; and event streams (server-sent
     * events), which stay open for as long as their subscriber listens and hold nothing but their connection.
     */
    private static boolean exempt(ServerHttpRequest request) {
        return request.getPath().pathWithinApplication().value().startsWith("/actuator")
                || request.getMethod() == HttpMethod.GET
                        && request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
    }

    /** Requests in progress now. */
    int inFlight() {
        return inFlight.get();
    }
}
