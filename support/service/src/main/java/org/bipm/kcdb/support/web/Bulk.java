package org.bipm.kcdb.support.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One request that runs a single-item action on many items. Each item is the single action on its own (its own
 * change, its own events), not all-or-nothing: an item the action refuses gets the problem the single endpoint
 * would have answered, and the others go on. A repeated id is acted on once and answered once.
 */
public final class Bulk {

    /** The most items one request may name; a longer list is split by the client into several requests. */
    public static final int MAX_ITEMS = 500;
    /**
     * Items of one request in flight at once: enough to overlap the store's round trips, few enough that one
     * large request leaves the store and the event loops to the other callers.
     */
    public static final int CONCURRENCY = 8;
    /**
     * What every bulk endpoint's OpenAPI description says of a store that cannot answer ({@link StoreFailures}), so
     * that the four endpoints say it alike: the whole request when its items cannot be read together, each item else.
     */
    public static final String STORE_UNAVAILABLE = "A store that cannot answer now is 503 store-unavailable with"
            + " Retry-After: for the whole request when its items cannot be read, else as the {id, problem} of each"
            + " item not acted on (the answer stays 200).";

    private static final Logger log = LoggerFactory.getLogger(Bulk.class);

    private Bulk() {
    }

    /**
     * The distinct ids of a request, in the order first named. 400 when the list is missing or empty, names more
     * than {@link #MAX_ITEMS} ids (problem type {@code batch-too-large}, with {@code maxItems}) or a blank id.
     */
    public static List<String> ids(String field, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Name at least one item.",
                    List.of(new ApiProblem.FieldError(field, "must hold between 1 and " + MAX_ITEMS + " ids")));
        }
        if (ids.size() > MAX_ITEMS) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "batch-too-large", "One request acts on at most "
                    + MAX_ITEMS + " items; send the " + ids.size() + " in several requests.",
                    Map.of("maxItems", MAX_ITEMS, "errors", List.of(new ApiProblem.FieldError(field,
                            "must hold at most " + MAX_ITEMS + " ids, not " + ids.size()))));
        }
        List<ApiProblem.FieldError> blank = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                blank.add(new ApiProblem.FieldError(field + "[" + i + "]", "is required"));
            }
        }
        if (!blank.isEmpty()) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Some ids are missing.", blank);
        }
        Set<String> distinct = new LinkedHashSet<>(ids);
        return List.copyOf(distinct);
    }

    /**
     * Runs {@code action} (the single-item use case, answering the item's status afterwards) on each id, at most
     * {@link #CONCURRENCY} at a time, and answers one result per id in the order given.
     *
     * Refusals ({@link org.bipm.kcdb.support.domain.Refusal}) and a store that cannot answer now
     * ({@link StoreFailures}: 503) are answered as the single endpoint answers them ({@link Refusals}); any other
     * exception becomes a 500 for that item.
     * @param instance the single action's path with {@code {id}} for the item, e.g. {@code /api/cmcs/{id}/submit}:
     *                 the {@code instance} of an item's problem
     */
    public static Mono<Results> run(List<String> ids, Function<String, Mono<String>> action, String instance) {
        return run(ids, action, e -> null, instance);
    }

    /**
     * As {@link #run(List, Function, String)}, with a mapping for exceptions of the service's own beyond the shared
     * refusals ({@link Refusals}).
     */
    public static Mono<Results> run(List<String> ids, Function<String, Mono<String>> action,
                                    Function<Throwable, ApiProblem> problems, String instance) {
        return Flux.fromIterable(ids)
                .flatMapSequential(id -> Mono.defer(() -> action.apply(id))
                        .map(status -> Result.accepted(id, status))
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("no status for " + id)))
                        .onErrorResume(Exception.class, e -> Mono.just(Result.refused(id,
                                problem(id, e, problems, instance)))), CONCURRENCY)
                .collectList()
                .map(Results::new);
    }

    private static Map<String, Object> problem(String id, Exception e, Function<Throwable, ApiProblem> problems,
                                               String instance) {
        String path = instance.replace("{id}", UriUtils.encodePathSegment(id, StandardCharsets.UTF_8));
        ApiProblem known = Refusals.known(e);
        if (known == null) {
            known = problems.apply(e);
        }
        if (known == null) {
            known = StoreFailures.problem(e);
            if (known != null) {
                log.warn("Store unavailable on {} (in a bulk request): {}", path, e.toString());
            }
        }
        if (known == null) {
            log.error("Unexpected error on {} (in a bulk request)", path, e);
            return json(ProblemHandler.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                    "Something went wrong on our side; this item was not applied.", path));
        }
        ProblemDetail body = ProblemHandler.problem(known.status(), known.type(), known.getMessage(), path);
        known.properties().forEach(body::setProperty);
        return json(body);
    }

    /** The problem as its own response would carry it: the RFC 9457 members, then the extension members. */
    private static Map<String, Object> json(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", problem.getType().toString());
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        json.put("detail", problem.getDetail());
        json.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }

    /** The answer to a bulk request: one result per distinct id, in the order the request named them. */
    public record Results(List<Result> results) {
    }

    /** An item's outcome: its status after the action, or the problem that refused it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String id, String status, Map<String, Object> problem) {

        static Result accepted(String id, String status) {
            return new Result(id, status, null);
        }

        static Result refused(String id, Map<String, Object> problem) {
            return new Result(id, null, problem);
        }
    }
}
