package org.bipm.kcdb.comparison.persistence;

import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;

/** The comparisons a list asks for: each filter given becomes part of one query of the store. */
public class ComparisonFinder {

    private final AggregateStore<Comparison> comparisons;

    public ComparisonFinder(AggregateStore<Comparison> comparisons) {
        this.comparisons = comparisons;
    }

    /** In identifier order, at most 1000; a null filter does not restrict. */
    public Flux<Versioned<Comparison>> find(String area, ComparisonStatus status, String participant) {
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
        return comparisons.find(Query.query(criteria).with(Sort.by("identifier")).limit(1000));
    }
}
