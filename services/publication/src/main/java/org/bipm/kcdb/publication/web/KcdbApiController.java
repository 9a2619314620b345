package org.bipm.kcdb.publication.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.persistence.QuickFilter;
import org.bipm.kcdb.publication.persistence.SearchPage;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.PublicComparisonQueries;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** The public KCDB API (no token), drop-in for the BIPM's v1.0.13 paths and JSON. */
@RestController
@RequestMapping("/api/kcdb")
class KcdbApiController {

    static final int COMPARISON_PAGE_SIZE = 100;

    private final KcdbSearch search;
    private final AggregateStore<PublicComparison> comparisons;

    private final ReferenceChanges changes;
    private final SearchJson json = new SearchJson();

    KcdbApiController(KcdbSearch search, AggregateStore<PublicComparison> comparisons, ReferenceChanges changes) {
        this.changes = changes;
        this.search = search;
        this.comparisons = comparisons;
    }

    /**
     * A typical page's answer is made once per index refresh: the same search between two refreshes answers the
     * same envelope (its records and filter lists already JSON), and a long page is made afresh.
     */
    @PostMapping("/cmc/searchData/quickSearch")
    Map<String, Object> quickSearch(@RequestBody QuickSearchCriteria criteria,
                                    @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.quick(criteria, changedSince);
        SearchPage found = request.run(search, true);
        if (!request.typicalPage()) {
            return quickAnswer(request, found);
        }
        return json.answer(found, request.showTable(), changes.names(), () -> quickAnswer(request, found));
    }

    private Map<String, Object> quickAnswer(SearchRequest request, SearchPage found) {
        Map<String, Object> envelope = request.envelope(found, changes, json);
        SearchJson.FilterLists lists = json.filterLists(found.facets(),
                () -> List.of(aggregation(QuickFilter.RMO, found), aggregation(QuickFilter.COUNTRIES, found)),
                () -> filtersList(found));
        envelope.put("aggregations", lists.aggregations());
        envelope.put("filtersList", lists.filtersList());
        return envelope;
    }

    private static List<Object> filtersList(SearchPage found) {
        List<Object> filters = new ArrayList<>();
        for (QuickFilter filter : List.of(QuickFilter.DOMAIN, QuickFilter.BRANCHES, QuickFilter.SERVICES,
                QuickFilter.MATERIAL)) {
            filters.add(filterGroup(filter, found.facets().getOrDefault(filter, Map.of()), filters.size()));
        }
        return filters;
    }

    @PostMapping("/cmc/searchData/physics")
    Map<String, Object> physics(@RequestBody SearchCriteria.Physics criteria,
                                @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.physics(criteria, changedSince);
        return request.envelope(request.run(search, false), changes, json);
    }

    @PostMapping("/cmc/searchData/chemistryAndBiology")
    Map<String, Object> chemistryAndBiology(@RequestBody SearchCriteria.ChemistryAndBiology criteria,
                                            @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.chemistryAndBiology(criteria, changedSince);
        return request.envelope(request.run(search, false), changes, json);
    }

    @PostMapping("/cmc/searchData/radiation")
    Map<String, Object> radiation(@RequestBody SearchCriteria.Radiation criteria,
                                  @RequestParam(required = false) String changedSince) {
        SearchRequest request = SearchRequest.radiation(criteria, changedSince);
        return request.envelope(request.run(search, false), changes, json);
    }

    /** One record in its domain's shape, with every version of it when it has been re-published. */
    @GetMapping("/cmc/{kcdbCode}")
    Map<String, Object> cmc(@PathVariable String kcdbCode, @RequestParam(defaultValue = "true") boolean showTable) {
        PublishedCmc cmc = search.byCode(kcdbCode).orElseThrow(() -> ApiProblem.notFound("CMC " + kcdbCode));
        Map<String, Object> record = KcdbRecords.toApi(cmc, showTable, changes);
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

    /**
     * The comparisons in identifier order, a page at a time ({@code page} from 0, {@code pageSize} 1..10000, 100 by
     * default), optionally only those changed since an instant; the body stays the list it always was, the paging
     * is in the headers: {@code X-Total-Count} and an RFC 8288 {@code Link} to the next and previous pages.
     */
    @GetMapping("/comparisons")
    Mono<ResponseEntity<List<PublicComparisonView>>> comparisons(
            @RequestParam(required = false) String identifier, @RequestParam(required = false) String area,
            @RequestParam(required = false) String status, @RequestParam(required = false) String changedSince,
            @RequestParam(required = false) String page, @RequestParam(required = false) String pageSize,
            ServerHttpRequest request) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = integer(page, 0, "page", 0, Integer.MAX_VALUE, errors);
        int size = integer(pageSize, COMPARISON_PAGE_SIZE, "pageSize", 1, SearchRequest.MAX_PAGE_SIZE, errors);
        Instant since = null;
        if (changedSince != null) {
            try {
                since = Instant.parse(changedSince);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("changedSince", "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Bad paging or changedSince", errors);
        }
        PublicComparisonQueries.Filter filter = new PublicComparisonQueries.Filter(identifier, area, status, since);
        Mono<Long> total = PublicComparisonQueries.count(comparisons, filter);
        Mono<List<PublicComparisonView>> listed = PublicComparisonQueries.page(comparisons, filter, pageNumber, size)
                .map(Versioned::aggregate).map(PublicComparisonView::of).collectList();
        return Mono.zip(total, listed).map(found -> ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(found.getT1()))
                .headers(h -> links(h, request, pageNumber, size, found.getT1()))
                .body(found.getT2()));
    }

    private static void links(HttpHeaders headers, ServerHttpRequest request, int page, int size, long total) {
        List<String> links = new ArrayList<>();
        if ((long) (page + 1) * size < total) {
            links.add("<" + pageUri(request, page + 1, size) + ">; rel=\"next\"");
        }
        if (page > 0) {
            links.add("<" + pageUri(request, page - 1, size) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            headers.add(HttpHeaders.LINK, String.join(", ", links));
        }
    }

    private static String pageUri(ServerHttpRequest request, int page, int size) {
        return UriComponentsBuilder.fromPath(request.getPath().value()).query(request.getURI().getRawQuery())
                .replaceQueryParam("page", page).replaceQueryParam("pageSize", size).build().toUriString();
    }

    private static int integer(String value, int fallback, String field, int min, int max, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, max == Integer.MAX_VALUE ? "must be a whole number, " + min + " or more"
                : "must be a whole number between " + min + " and " + max));
        return fallback;
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
