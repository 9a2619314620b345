package org.bipm.kcdb.support.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of the span in scope (the HTTP request's, or the consumed event's), written with
 * each outbox entry so that the relay sends it on and the trace runs on from the command to its consumers. Micrometer
 * Tracing's OpenTelemetry bridge keeps OpenTelemetry's context current, across Reactor operators too
 * ({@code spring.reactor.context-propagation=auto} in kcdb-service-defaults.yml).
 */
public final class Traceparent {

    private Traceparent() {
    }

    /** The current span's traceparent, or null when no span is in scope (a clock tick, a test without tracing). */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The trace id a traceparent names, or null when it is not one. */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
    }
}
