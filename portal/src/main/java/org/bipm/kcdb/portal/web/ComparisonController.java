package org.bipm.kcdb.portal.web;

import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
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

    @GetMapping("/comparisons")
    Mono<Rendering> list(@RequestParam(defaultValue = "0") int page) {
        int current = Math.max(page, 0);
        return api.getPage("/api/kcdb/comparisons?page={page}&pageSize={size}", current, PAGE_SIZE)
                .map(found -> Rendering.view("comparisons")
                        .modelAttribute("comparisons", found.items())
                        .modelAttribute("total", found.total())
                        .modelAttribute("page", current)
                        .modelAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < found.total())
                        .build());
    }

    @GetMapping("/comparisons/{identifier}")
    Mono<Rendering> comparison(@PathVariable String identifier) {
        return api.get("/api/kcdb/comparisons/{identifier}", identifier)
                .map(found -> Rendering.view("comparison").modelAttribute("comparison", found.body()).build());
    }
}
