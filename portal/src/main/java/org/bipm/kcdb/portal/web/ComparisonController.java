package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The published comparisons for everyone, without login: the list a page at a time (the publication service pages it
 * in its headers) and a comparison's page with its published evaluation and the graph of equivalence.
 */
@Controller
class ComparisonController {

    static final int PAGE_SIZE = 20;

    private final PlatformApi api;

    ComparisonController(@Qualifier("anonymous") PlatformApi api) {
        this.api = api;
    }

    /** The public list with the KCDB API's own filters: a metrology area and a status, exact values. */
    @GetMapping("/comparisons")
    Mono<Rendering> list(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String area,
                         @RequestParam(required = false) String status) {
        int current = Math.max(page, 0);
        String areaFilter = blankToNull(area);
        String statusFilter = blankToNull(status);
        StringBuilder uri = new StringBuilder("/api/kcdb/comparisons?page={page}&pageSize={size}");
        List<Object> variables = new ArrayList<>(List.of(current, PAGE_SIZE));
        if (areaFilter != null) {
            uri.append("&area={area}");
            variables.add(areaFilter);
        }
        if (statusFilter != null) {
            uri.append("&status={status}");
            variables.add(statusFilter);
        }
        return api.getPage(uri.toString(), variables.toArray())
                .map(found -> Rendering.view("comparisons")
                        .modelAttribute("comparisons", found.items())
                        .modelAttribute("total", found.total())
                        .modelAttribute("page", current)
                        .modelAttribute("area", areaFilter == null ? "" : areaFilter)
                        .modelAttribute("status", statusFilter == null ? "" : statusFilter)
                        .modelAttribute("statuses", STATUSES)
                        .modelAttribute("filters", filters(areaFilter, statusFilter))
                        .modelAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < found.total())
                        .build());
    }

    /** The statuses a comparison can have in the public KCDB (the comparison service's life cycle). */
    static final List<String> STATUSES = List.of("PLANNED", "MEASUREMENTS", "DRAFT_A", "DRAFT_B", "APPROVED",
            "PUBLISHED", "WITHDRAWN");

    /**
     * A comparison with what the KCDB API publishes of it: the participants, and once published its results, KCRV,
     * degrees of equivalence, the pairwise matrix and the graph; its history as far as the public API dates it.
     */
    @GetMapping("/comparisons/{identifier}")
    Mono<Rendering> comparison(@PathVariable String identifier) {
        return api.get("/api/kcdb/comparisons/{identifier}", identifier).map(found -> {
            Map<String, Object> comparison = found.body();
            @SuppressWarnings("unchecked")
            Map<String, Object> evaluation = comparison.get("evaluation") instanceof Map<?, ?> e
                    ? (Map<String, Object>) e : null;
            Rendering.Builder<?> page = Rendering.view("comparison").modelAttribute("comparison", comparison)
                    .modelAttribute("history", ComparisonHistory.published(comparison));
            EquivalenceMatrix matrix = EquivalenceMatrix.of(evaluation);
            if (matrix != null) {
                page.modelAttribute("matrix", matrix);
            }
            return page.build();
        });
    }

    /** The filters as the paging links carry them on ("&area=EM&status=PUBLISHED", or nothing). */
    private static String filters(String area, String status) {
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        if (area != null) {
            query.queryParam("area", area);
        }
        if (status != null) {
            query.queryParam("status", status);
        }
        String built = query.encode().build().getQuery();
        return built == null ? "" : "&" + built;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
