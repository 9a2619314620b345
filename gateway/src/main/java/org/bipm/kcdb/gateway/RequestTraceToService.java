package org.bipm.kcdb.gateway;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hands the request's own span to the service: the call to the service carries the {@code traceparent} of the span
 * the gateway opened for the request (continuing the caller's trace, or starting one), so the service's span is its
 * child and the trace runs on unbroken (docs/metrics.md, "Traces").
 *
 * <p>It replaces Spring Cloud Gateway's observation of the call to the service
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled: false}), which opened a second span and a timer
 * per request only to put that span's traceparent on the call; nothing exports or reads them on the local platform,
 * and the request's span already times the same call (bench/README.md, "Gateway and platform", item 4, third pass).
 * As that observation did, the caller's own propagation headers are replaced, never passed on.
 */
class RequestTraceToService implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;
    /** The headers the propagator writes (traceparent, tracestate, baggage); its own list is made anew at each call. */
    private final List<String> fields;

    RequestTraceToService(Propagator propagator) {
        this.propagator = propagator;
        this.fields = List.copyOf(propagator.fields());
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = HttpHeaders.copyOf(input);
        for (String field : fields) {
            headers.remove(field);
        }
        Span span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan).orElse(null);
        if (span != null) {
            propagator.inject(span.context(), headers, HttpHeaders::set);
        }
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** After the headers filters that drop or add headers: what it sets is final. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
