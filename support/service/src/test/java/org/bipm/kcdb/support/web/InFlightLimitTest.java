package org.bipm.kcdb.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class InFlightLimitTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InFlightLimit limit = new InFlightLimit(2, meters);
    /** The requests the chain has not answered yet complete when this does. */
    private final Sinks.Empty<Void> answered = Sinks.empty();
    private final WebFilterChain slowChain = exchange -> {
        exchange.getResponse().setStatusCode(HttpStatus.OK);
        return answered.asMono();
    };

    @Test
    void aRequestBeyondTheLimitIsAnswered503WithRetryAfterAndAProblemAndTheNextOnePassesOnceOneIsAnswered() {
        MockServerWebExchange first = post("/api/cmcs/1/submit");
        MockServerWebExchange second = post("/api/cmcs/2/submit");
        Disposable firstInProgress = limit.filter(first, slowChain).subscribe();
        Disposable secondInProgress = limit.filter(second, slowChain).subscribe();
        assertThat(limit.inFlight()).isEqualTo(2);

        MockServerWebExchange third = post("/api/cmcs/3/submit");
        limit.filter(third, slowChain).block();

        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(third.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(third.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(third.getResponse().getBodyAsString().block())
                .contains("\"type\":\"https://kcdb.bipm.org/problems/service-busy\"", "\"status\":503",
                        "\"instance\":\"/api/cmcs/3/submit\"");
        assertThat(meters.get("kcdb.requests.refused.busy").counter().count()).isEqualTo(1.0);
        assertThat(limit.inFlight()).isEqualTo(2);

        answered.tryEmitEmpty();
        assertThat(firstInProgress.isDisposed() && secondInProgress.isDisposed()).isTrue();
        assertThat(limit.inFlight()).isZero();
        MockServerWebExchange fourth = post("/api/cmcs/4/submit");
        limit.filter(fourth, exchange -> Mono.empty()).block();
        assertThat(fourth.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aCancelledRequestNoLongerCounts() {
        Disposable gone = limit.filter(post("/api/cmcs/1/submit"), slowChain).subscribe();
        limit.filter(post("/api/cmcs/2/submit"), slowChain).subscribe();
        gone.dispose(); // the client closed its connection

        MockServerWebExchange next = post("/api/cmcs/3/submit");
        limit.filter(next, exchange -> Mono.empty()).block();

        assertThat(next.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void healthAndMetricsAreAnsweredWhenTheServiceIsBusy() {
        limit.filter(post("/api/cmcs/1/submit"), slowChain).subscribe();
        limit.filter(post("/api/cmcs/2/submit"), slowChain).subscribe();

        MockServerWebExchange health = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health"));
        limit.filter(health, exchange -> Mono.empty()).block();

        assertThat(health.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void anEventStreamIsNotCountedForItStaysOpenAsLongAsItsSubscriberListens() {
        limit.filter(post("/api/cmcs/1/submit"), slowChain).subscribe();
        limit.filter(post("/api/cmcs/2/submit"), slowChain).subscribe();

        MockServerWebExchange stream = MockServerWebExchange.from(MockServerHttpRequest.get("/api/events/stream")
                .accept(MediaType.TEXT_EVENT_STREAM));
        limit.filter(stream, exchange -> Mono.empty()).block();

        assertThat(stream.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(limit.inFlight()).isEqualTo(2);
    }

    private static MockServerWebExchange post(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path));
    }
}
