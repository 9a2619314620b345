package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The KCDB office's maintenance of the submission service's reference data: the tables, one table's entries (searched
 * and paged here, as the API answers a table whole), an entry added or its value changed, an entry retired. Every
 * change is the API's (which emits {@code reference-data.changed}); a refusal comes back with the fields as typed and
 * each field error next to its field.
 */
@Controller
class ReferenceDataController {

    static final int PAGE_SIZE = 50;

    /** What the API adds to every entry; the rest are the table's own fields. */
    private static final Set<String> BOOKKEEPING = Set.of("key", "retired", "changedBy", "changedAt");

    private final PlatformApi api;

    ReferenceDataController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/office/reference-data")
    Mono<Rendering> tables() {
        return api.getList("/api/reference-data").map(tables -> Rendering.view("reference-data")
                .modelAttribute("tables", tables).build());
    }

    @GetMapping("/office/reference-data/{table}")
    Mono<Rendering> table(@PathVariable String table, @RequestParam(defaultValue = "") String q,
                          @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "false") boolean includeRetired,
                          @RequestParam(required = false) String done) {
        return page(table, q, page, includeRetired, done, Map.of(), null);
    }

    /** Adds an entry ({@code action=add}) or changes the value of the current one its fields name ({@code replace}). */
    @PostMapping("/office/reference-data/{table}")
    Mono<Rendering> change(@PathVariable String table, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> fields = fields(form);
            boolean replace = "replace".equals(form.getFirst("action"));
            Mono<?> call = replace ? api.put("/api/reference-data/{table}", null, fields, table)
                    : api.post("/api/reference-data/{table}", fields, table);
            return call.map(ok -> Rendering.redirectTo("/office/reference-data/" + table + "?done="
                            + (replace ? "replaced" : "added")).build())
                    .onErrorResume(ApiProblem.class, problem -> refused(problem)
                            ? page(table, "", 0, false, null, fields, problem) : Mono.error(problem));
        });
    }

    @PostMapping("/office/reference-data/{table}/retirements")
    Mono<Rendering> retire(@PathVariable String table, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String key = form.getFirst("key") == null ? "" : form.getFirst("key");
            return api.post("/api/reference-data/{table}/retirements", Map.of("key", key), table)
                    .map(ok -> Rendering.redirectTo("/office/reference-data/" + table + "?done=retired").build())
                    .onErrorResume(ApiProblem.class, problem -> refused(problem)
                            ? page(table, "", 0, false, null, Map.of(), problem) : Mono.error(problem));
        });
    }

    /** A refusal the page shows itself; a lost login or a service that is down is the common pages' business. */
    private static boolean refused(ApiProblem problem) {
        return !problem.isUnavailable() && problem.status() != 401 && problem.status() != 404;
    }

    /** The posted fields the entry names, blank ones left out (the API says which it requires). */
    private static Map<String, Object> fields(MultiValueMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("field.") && !values.isEmpty() && values.get(0) != null
                    && !values.get(0).isBlank()) {
                fields.put(name.substring("field.".length()), values.get(0).strip());
            }
        });
        return fields;
    }

    @SuppressWarnings("unchecked")
    private Mono<Rendering> page(String table, String q, int page, boolean includeRetired, String done,
                                 Map<String, Object> typed, ApiProblem problem) {
        return api.get("/api/reference-data/{table}?includeRetired={retired}", table, includeRetired).map(found -> {
            List<Map<String, Object>> all = found.body().get("content") instanceof List<?> content
                    ? content.stream().filter(e -> e instanceof Map<?, ?>).map(e -> (Map<String, Object>) e).toList()
                    : List.of();
            Set<String> columns = new LinkedHashSet<>();
            all.forEach(entry -> entry.keySet().stream().filter(k -> !BOOKKEEPING.contains(k)).forEach(columns::add));
            if (columns.isEmpty()) {
                columns.addAll(List.of("label", "value"));
            }
            String needle = q.strip().toLowerCase(Locale.ROOT);
            List<Map<String, Object>> matching = needle.isEmpty() ? all : all.stream()
                    .filter(entry -> entry.values().stream()
                            .anyMatch(v -> v != null && String.valueOf(v).toLowerCase(Locale.ROOT).contains(needle)))
                    .toList();
            int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
            int current = Math.min(Math.max(page, 0), pages - 1);
            List<Map<String, Object>> shown = new ArrayList<>(matching.subList(Math.min(current * PAGE_SIZE,
                    matching.size()), Math.min((current + 1) * PAGE_SIZE, matching.size())));
            Rendering.Builder<?> view = Rendering.view("reference-table")
                    .status(problem == null ? HttpStatus.OK : HttpStatus.valueOf(problem.status()))
                    .modelAttribute("table", table)
                    .modelAttribute("complete", Boolean.TRUE.equals(found.body().get("complete")))
                    .modelAttribute("columns", List.copyOf(columns))
                    .modelAttribute("entries", shown)
                    .modelAttribute("total", matching.size())
                    .modelAttribute("q", q)
                    .modelAttribute("page", current)
                    .modelAttribute("pages", pages)
                    .modelAttribute("includeRetired", includeRetired)
                    .modelAttribute("done", done == null ? "" : done)
                    .modelAttribute("typed", typed)
                    .modelAttribute("errors", problem == null ? Map.of() : problem.fieldErrors());
            if (problem != null) {
                view.modelAttribute("problem", problem);
            }
            return view.build();
        });
    }
}
