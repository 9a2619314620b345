package org.bipm.kcdb.comparison.persistence;

import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.support.paging.Paging;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The comparisons a list asks for: each filter given becomes part of one query of the store. */
public class ComparisonFinder {

    /** The most a list reads when the service itself must judge each comparison (whether it is overdue). */
    static final int SCAN_LIMIT = 1000;

    private final AggregateStore<Comparison> comparisons;

    public ComparisonFinder(AggregateStore<Comparison> comparisons) {
        this.comparisons = comparisons;
    }

    /** In identifier order, at most {@value #SCAN_LIMIT}; a null filter does not restrict. */
    public Flux<Versioned<Comparison>> find(String area, ComparisonStatus status, String participant) {
        return comparisons.find(Query.query(criteria(area, status, participant)).with(Sort.by("identifier"))
                .limit(SCAN_LIMIT));
    }

    /** One page in identifier order, read by the store (skip and limit). */
    public Flux<Versioned<Comparison>> find(String area, ComparisonStatus status, String participant,
                                            Paging paging) {
        return comparisons.find(Query.query(criteria(area, status, participant)).with(Sort.by("identifier"))
                .skip(paging.offset()).limit(paging.size()));
    }

    /** How many comparisons the filters match. */
    public Mono<Long> count(String area, ComparisonStatus status, String participant) {
        return comparisons.count(Query.query(criteria(area, status, participant)));
    }

    private static Criteria criteria(String area, ComparisonStatus status, String participant) {
        Criteria criteria = new Criteria();
        if (area != null) {
            criteria = criteria.and("metrologyAreaLabel").is(area);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (participant != null) {
            criteria = criteria.and("participants").is(participant);
        }
        return criteria;
    }
}
