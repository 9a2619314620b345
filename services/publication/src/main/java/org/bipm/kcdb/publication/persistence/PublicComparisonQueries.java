package org.bipm.kcdb.publication.persistence;

import java.time.Instant;
import java.util.Date;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The public comparison list: the filters of {@code GET /api/kcdb/comparisons} as one query of the store. */
public final class PublicComparisonQueries {

    private PublicComparisonQueries() {
    }

    /** What to list; a null filter does not restrict. */
    public record Filter(String identifier, String area, String status, Instant changedSince) {
    }

    public static Mono<Long> count(AggregateStore<PublicComparison> comparisons, Filter filter) {
        return comparisons.count(Query.query(criteria(filter)));
    }

    /** One page in identifier order. */
    public static Flux<Versioned<PublicComparison>> page(AggregateStore<PublicComparison> comparisons, Filter filter,
                                                        int page, int size) {
        return comparisons.find(Query.query(criteria(filter)).with(Sort.by("identifier"))
                .skip((long) page * size).limit(size));
    }

    private static Criteria criteria(Filter filter) {
        Criteria criteria = new Criteria();
        if (filter.changedSince() != null) {
            criteria = criteria.and(AggregateStore.CHANGED_AT).gte(Date.from(filter.changedSince()));
        }
        if (filter.identifier() != null) {
            criteria = criteria.and("identifier").is(filter.identifier());
        }
        if (filter.area() != null) {
            criteria = criteria.and("metrologyAreaLabel").is(filter.area());
        }
        if (filter.status() != null) {
            criteria = criteria.and("status").is(filter.status());
        }
        return criteria;
    }
}
