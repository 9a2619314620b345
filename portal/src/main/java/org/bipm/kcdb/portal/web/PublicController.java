package org.bipm.kcdb.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** The public KCDB for everyone, without login: the quick search with its filters and paging, and a CMC's page. */
@Controller
class PublicController {

    static final int PAGE_SIZE = 20;

    private final PlatformApi api;

    PublicController(@Qualifier("anonymous") PlatformApi api) {
        this.api = api;
    }

    @GetMapping({"/", "/search"})
    Mono<Rendering> search(@RequestParam(required = false) String keywords,
                           @RequestParam(name = "filter", required = false) List<String> filters,
                           @RequestParam(defaultValue = "0") int page) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("page", Math.max(page, 0));
        criteria.put("pageSize", PAGE_SIZE);
        criteria.put("showTable", false);
        if (keywords != null && !keywords.isBlank()) {
            criteria.put("keywords", keywords.strip());
        }
        List<String> chosen = filters == null ? List.of() : filters;
        if (!chosen.isEmpty()) {
            criteria.put("includedFilters", chosen);
        }
        return api.post("/api/kcdb/cmc/searchData/quickSearch", criteria)
                .map(found -> Rendering.view("search")
                        .modelAttribute("keywords", keywords == null ? "" : keywords)
                        .modelAttribute("filters", chosen)
                        .modelAttribute("result", found.body())
                        .modelAttribute("page", Math.max(page, 0))
                        .build());
    }

    @GetMapping("/kcdb/{kcdbCode}")
    Mono<Rendering> cmc(@PathVariable String kcdbCode, @RequestParam(required = false) String done) {
        String notice = done != null && (OfficeController.CHANGES.containsValue(done)
                || "deleteNotConfirmed".equals(done)) ? done : "";
        return api.get("/api/kcdb/cmc/{kcdbCode}", kcdbCode)
                .map(found -> Rendering.view("kcdb-cmc").modelAttribute("cmc", found.body())
                        .modelAttribute("done", notice).build());
    }
}
