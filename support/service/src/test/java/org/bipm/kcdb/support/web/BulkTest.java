package org.bipm.kcdb.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

class BulkTest {

    /** A domain exception of some service, which that service answers as a 409. */
    static final class Locked extends RuntimeException {
    }

    static ApiProblem known(Throwable e) {
        return e instanceof Locked ? ApiProblem.conflict("It is locked.", "LOCKED") : null;
    }

    @Test
    void eachItemIsAnsweredInTheOrderNamedWithItsStatusOrItsProblem() {
        List<String> ids = Bulk.ids("ids", List.of("a", "b", "c", "d", "e"));
        Bulk.Results results = Bulk.run(ids, id -> switch (id) {
            case "a" -> Mono.just("SUBMITTED").delayElement(Duration.ofMillis(50));
            case "b" -> Mono.error(ApiProblem.notFound("CMC b"));
            case "c" -> throw new Locked(); // thrown before any Mono, as guards in use cases do
            case "d" -> Mono.error(new IllegalStateException("a bug"));
            default -> Mono.just("SUBMITTED");
        }, BulkTest::known, "/api/things/{id}/act").block();

        assertThat(results.results()).extracting(Bulk.Result::id).containsExactly("a", "b", "c", "d", "e");
        assertThat(results.results().get(0)).isEqualTo(new Bulk.Result("a", "SUBMITTED", null));
        assertThat(results.results().get(1).problem()).containsEntry("status", 404)
                .containsEntry("type", "https://kcdb.bipm.org/problems/not-found")
                .containsEntry("title", "Not Found")
                .containsEntry("detail", "CMC b was not found.")
                .containsEntry("instance", "/api/things/b/act");
        assertThat(results.results().get(2).problem()).containsEntry("status", 409)
                .containsEntry("currentState", "LOCKED");
        assertThat(results.results().get(3).problem()).containsEntry("status", 500)
                .containsEntry("type", "https://kcdb.bipm.org/problems/internal")
                .doesNotContainValue("a bug");
        assertThat(results.results().get(4).status()).isEqualTo("SUBMITTED");
    }

    @Test
    void aRepeatedIdIsActedOnOnceAndAnsweredOnce() {
        AtomicInteger calls = new AtomicInteger();
        List<String> ids = Bulk.ids("ids", List.of("x", "y", "x", "x"));
        Bulk.Results results = Bulk.run(ids, id -> Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return "DONE";
        }), BulkTest::known, "/{id}").block();
        assertThat(results.results()).extracting(Bulk.Result::id).containsExactly("x", "y");
        assertThat(calls).hasValue(2);
    }

    @Test
    void noMoreThanTheBoundRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        List<Integer> peaks = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = IntStream.range(0, 100).mapToObj(String::valueOf).toList();
        Bulk.run(Bulk.ids("ids", ids), id -> Mono.fromSupplier(() -> {
            peaks.add(running.incrementAndGet());
            return "OK";
        }).delayElement(Duration.ofMillis(5)).doOnNext(ok -> running.decrementAndGet()), BulkTest::known, "/{id}")
                .block();
        assertThat(peaks).hasSize(100).allSatisfy(peak -> assertThat(peak).isLessThanOrEqualTo(Bulk.CONCURRENCY));
    }

    @Test
    void aBatchBeyondTheLimitOrWithoutIdsIsRefusedAsAWhole() {
        List<String> tooMany = IntStream.rangeClosed(0, Bulk.MAX_ITEMS).mapToObj(String::valueOf).toList();
        assertThatThrownBy(() -> Bulk.ids("cases", tooMany)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(p.type()).isEqualTo("batch-too-large");
            assertThat(p.properties()).containsEntry("maxItems", Bulk.MAX_ITEMS);
        });
        assertThat(Bulk.ids("cases", tooMany.subList(0, Bulk.MAX_ITEMS))).hasSize(Bulk.MAX_ITEMS);
        assertThatThrownBy(() -> Bulk.ids("cases", List.of())).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> Bulk.ids("cases", null)).isInstanceOf(ApiProblem.class);
        List<String> withBlank = new ArrayList<>(List.of("a", " "));
        withBlank.add(null);
        assertThatThrownBy(() -> Bulk.ids("cases", withBlank)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.properties().get("errors")).isEqualTo(List.of(
                        new ApiProblem.FieldError("cases[1]", "is required"),
                        new ApiProblem.FieldError("cases[2]", "is required"))));
    }
}
