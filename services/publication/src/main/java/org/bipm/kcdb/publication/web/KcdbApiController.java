package org.bipm.kcdb.publication.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
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
    Mono<Map<String, Object>> quickSearch(@RequestBody QuickSearchCriteria criteria) {
        int page = criteria.page() == null ? 0 : criteria.page();
        int pageSize = criteria.pageSize() == null ? 100 : criteria.pageSize();
        PublicationStatus status = checked(page, pageSize, criteria.status());
        return search.search(status, criteria.keywords(), cmc -> true).map(found -> {
            Map<String, Object> envelope = SearchEnvelope.page(found.stream().map(KcdbRecords::toApi).toList(), page,
                    pageSize);
            envelope.put("aggregations", List.of(
                    aggregation("cmcRmo", found, PublishedCmc::rmo),
                    aggregation("cmcCountries", found, PublishedCmc::country)));
            envelope.put("filtersList", List.of());
            return envelope;
        });
    }

    @GetMapping("/cmc/{kcdbCode}")
    Mono<Map<String, Object>> cmc(@PathVariable String kcdbCode) {
        return search.byCode(kcdbCode).map(KcdbRecords::toApi)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("CMC " + kcdbCode)));
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

    /** The original answers bad paging or status with an HTML 500; we say which field is wrong. */
    static PublicationStatus checked(int page, int pageSize, String status) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (pageSize < 1 || pageSize > 10_000) {
            errors.add(new FieldError("pageSize", "must be between 1 and 10000"));
        }
        PublicationStatus parsed = status == null ? PublicationStatus.PUBLISHED
                : PublicationStatus.fromLabel(status).orElse(null);
        if (parsed == null) {
            errors.add(new FieldError("status", "must be Published, Archived, Greyed out or Deleted"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "The search criteria are invalid.", errors);
        }
        return parsed;
    }

    private static Map<String, Object> aggregation(String name, List<PublishedCmc> found,
                                                   Function<PublishedCmc, String> value) {
        return Map.of("name", name, "values", found.stream().map(value)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
