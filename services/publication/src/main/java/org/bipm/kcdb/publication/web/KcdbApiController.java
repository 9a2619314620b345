package org.bipm.kcdb.publication.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.search.QuickFilter;
import org.bipm.kcdb.publication.search.SearchPage;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public KCDB API (no token), drop-in for the BIPM's v1.0.13 paths and JSON. */
@RestController
@RequestMapping("/api/kcdb")
class KcdbApiController {

    private final KcdbSearch search;
    private final AggregateStore<PublicComparison> comparisons;

    KcdbApiController(KcdbSearch search, AggregateStore<PublicComparison> comparisons) {
        this.search = search;
        this.comparisons = comparisons;
    }

    @PostMapping("/cmc/searchData/quickSearch")
    Map<String, Object> quickSearch(@RequestBody QuickSearchCriteria criteria,
                                    @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.quick(criteria, changedSince);
        SearchPage found = request.run(search, true);
        Map<String, Object> envelope = request.envelope(found);
        envelope.put("aggregations", List.of(aggregation(QuickFilter.RMO, found), aggregation(QuickFilter.COUNTRIES,
                found)));
        List<Map<String, Object>> filters = new ArrayList<>();
        for (QuickFilter filter : List.of(QuickFilter.DOMAIN, QuickFilter.BRANCHES, QuickFilter.SERVICES,
                QuickFilter.MATERIAL)) {
            filters.add(filterGroup(filter, found.facets().getOrDefault(filter, Map.of()), filters.size()));
        }
        envelope.put("filtersList", filters);
        return envelope;
    }

    @PostMapping("/cmc/searchData/physics")
    Map<String, Object> physics(@RequestBody SearchCriteria.Physics criteria,
                                @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.physics(criteria, changedSince);
        return request.envelope(request.run(search, false));
    }

    @PostMapping("/cmc/searchData/chemistryAndBiology")
    Map<String, Object> chemistryAndBiology(@RequestBody SearchCriteria.ChemistryAndBiology criteria,
                                            @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.chemistryAndBiology(criteria, changedSince);
        return request.envelope(request.run(search, false));
    }

    @PostMapping("/cmc/searchData/radiation")
    Map<String, Object> radiation(@RequestBody SearchCriteria.Radiation criteria,
                                  @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.radiation(criteria, changedSince);
        return request.envelope(request.run(search, false));
    }

    /** One record in its domain's shape, with every version of it when it has been re-published. */
    @GetMapping("/cmc/{kcdbCode}")
    Map<String, Object> cmc(@PathVariable String kcdbCode, @RequestParam(defaultValue = "true") boolean showTable) {
        PublishedCmc cmc = search.byCode(kcdbCode).orElseThrow(() -> ApiProblem.notFound("CMC " + kcdbCode));
        Map<String, Object> record = KcdbRecords.toApi(cmc, showTable);
        List<PublishedCmc> versions = search.versions(kcdbCode);
        if (versions.size() > 1) {
            record.put("versions", versions.stream().map(v -> {
                Map<String, Object> version = new LinkedHashMap<>();
                version.put("kcdbCode", v.kcdbCode());
                version.put("status", v.status().label());
                version.put("statusDate", v.statusDate());
                version.put("publicationDate", v.publicationDate());
                return version;
            }).toList());
        }
        return record;
    }

    @GetMapping("/comparisons")
    Mono<List<PublicComparisonView>> comparisons(@RequestParam(required = false) String identifier,
                                             @RequestParam(required = false) String area,
                                             @RequestParam(required = false) String status) {
        Criteria criteria = new Criteria();
        if (identifier != null) {
            criteria = criteria.and("identifier").is(identifier);
        }
        if (area != null) {
            criteria = criteria.and("metrologyAreaLabel").is(area);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        return comparisons.find(Query.query(criteria).with(Sort.by("identifier"))).map(Versioned::aggregate)
                .map(PublicComparisonView::of).collectList();
    }

    @GetMapping("/comparisons/{identifier}")
    Mono<PublicComparisonView> comparison(@PathVariable String identifier) {
        return comparisons.find(identifier).map(Versioned::aggregate).map(PublicComparisonView::of)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Comparison " + identifier)));
    }

    private static Map<String, Object> aggregation(QuickFilter filter, SearchPage found) {
        Map<String, Object> aggregation = new LinkedHashMap<>();
        aggregation.put("name", filter.code());
        aggregation.put("values", List.copyOf(found.facets().getOrDefault(filter, Map.of()).keySet()));
        return aggregation;
    }

    /** A quick-search filter group as the original lists it: its values with counts, most frequent first. */
    private static Map<String, Object> filterGroup(QuickFilter filter, Map<String, Integer> counts, int order) {
        List<Map<String, Object>> children = new ArrayList<>();
        counts.forEach((value, count) -> children.add(filterEntry(filter.code() + "." + value, value, count,
                children.size(), List.of())));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return filterEntry(filter.code(), filter.code(), total, order, children);
    }

    private static Map<String, Object> filterEntry(String code, String name, int count, int order,
                                                   List<Map<String, Object>> children) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", code);
        entry.put("name", name);
        entry.put("count", count);
        entry.put("order", order);
        entry.put("children", children);
        return entry;
    }
}
