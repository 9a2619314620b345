package org.bipm.kcdb.publication.persistence;

import org.bipm.kcdb.publication.domain.KcdbCode;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The queries of {@code published_cmcs} beyond the record id; searches go to the index, never here. */
public final class PublishedCmcQueries {

    private PublishedCmcQueries() {
    }

    /** Every version of a CMC: the records whose code shares the serial. */
    public static Flux<Versioned<PublishedCmc>> versions(AggregateStore<PublishedCmc> published, KcdbCode code) {
        return published.find(Query.query(Criteria.where("kcdbCode").regex("^" + code.base() + "-[0-9]+$")));
    }

    /** The record published under this exact code (the code is unique: an index says so). */
    public static Mono<Versioned<PublishedCmc>> byCode(AggregateStore<PublishedCmc> published, String kcdbCode) {
        return published.find(Query.query(Criteria.where("kcdbCode").is(kcdbCode))).next();
    }
}
