package org.bipm.kcdb.support.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bipm.kcdb.events.CloudEventHeaders;

/**
 * The outbox relay's part of a trace: it sends each event inside a producer span that continues the traceparent
 * stored with the event (the writer's HTTP request, or the event a consumer applied), and the traceparent sent as
 * the Kafka header is that span's, so consumers continue the same trace. Without a tracer the stored traceparent
 * goes out unchanged.
 */
public final class EventTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No spans: the stored traceparent is passed on as it is. */
    public static EventTracing none() {
        return new EventTracing(null, null);
    }

    /**
     * Calls {@code send} with the traceparent to put on the message, inside a span named {@code name} that
     * continues {@code stored} (or starts a trace when the event was caused by no traced request, e.g. a clock tick).
     */
    public <T> T sending(String stored, String name, Function<String, T> send) {
        if (tracer == null || propagator == null || Tracer.NOOP.equals(tracer)) {
            return send.apply(stored);
        }
        Span span = (stored == null ? tracer.spanBuilder()
                : propagator.extract(Map.of(CloudEventHeaders.TRACEPARENT, stored), Map::get))
                .name(name).kind(Span.Kind.PRODUCER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            return send.apply(carrier.getOrDefault(CloudEventHeaders.TRACEPARENT, stored));
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
