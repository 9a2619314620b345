package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * Two versions of a CMC side by side. The API's history records, for every change of content, each field's value
 * before and after ({@code GET /api/cmcs/{id}/history}); version n is the content after the n-th such change, so any
 * two versions are read from it without another call. Fields that differ are marked.
 */
@Controller
class CmcVersionsController {

    private final PlatformApi api;

    CmcVersionsController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    /** One version: its number, when and by whom, and each field's value (as text, made readable: RecordText). */
    record Version(int number, Object at, Object by, Object action, Map<String, String> fields) {
    }

    /** One row of the comparison: a field, its value in either version, and whether they differ. */
    record Row(String field, String left, String right, boolean differs) {
    }

    @GetMapping("/cmcs/{id}/versions")
    Mono<Rendering> compare(@PathVariable String id, @RequestParam(required = false) Integer a,
                            @RequestParam(required = false) Integer b) {
        return Mono.zip(api.get("/api/cmcs/{id}", id), api.getList("/api/cmcs/{id}/history", id)).map(t -> {
            List<Version> versions = versions(t.getT2());
            int last = versions.size();
            int right = b == null || b < 1 || b > last ? last : b;
            int left = a == null || a < 1 || a > last ? Math.max(1, right - 1) : a;
            List<Row> rows = new ArrayList<>();
            if (last > 0) {
                Map<String, String> l = versions.get(left - 1).fields();
                Map<String, String> r = versions.get(right - 1).fields();
                Set<String> names = new LinkedHashSet<>(l.keySet());
                names.addAll(r.keySet());
                for (String name : names) {
                    String lv = l.get(name);
                    String rv = r.get(name);
                    if (lv != null || rv != null) {
                        rows.add(new Row(name, lv == null ? "" : lv, rv == null ? "" : rv, !Objects.equals(lv, rv)));
                    }
                }
            }
            return Rendering.view("cmc-versions")
                    .modelAttribute("cmc", t.getT1().body())
                    .modelAttribute("versions", versions)
                    .modelAttribute("left", left)
                    .modelAttribute("right", right)
                    .modelAttribute("rows", rows)
                    .modelAttribute("differences", rows.stream().filter(Row::differs).count())
                    .build();
        });
    }

    /** The content after each history entry that changed it, numbered from 1. */
    static List<Version> versions(List<Map<String, Object>> history) {
        List<Version> versions = new ArrayList<>();
        Map<String, String> content = new LinkedHashMap<>();
        for (Map<String, Object> entry : history) {
            if (!(entry.get("changes") instanceof List<?> changes) || changes.isEmpty()) {
                continue;
            }
            for (Object item : changes) {
                if (item instanceof Map<?, ?> change && change.get("field") != null) {
                    Object value = change.get("newValue");
                    if (value == null) {
                        content.remove(String.valueOf(change.get("field")));
                    } else {
                        content.put(String.valueOf(change.get("field")), RecordText.readable(value));
                    }
                }
            }
            versions.add(new Version(versions.size() + 1, entry.get("at"), entry.get("by"), entry.get("action"),
                    new LinkedHashMap<>(content)));
        }
        return versions;
    }
}
