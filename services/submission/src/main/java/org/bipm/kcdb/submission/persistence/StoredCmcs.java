package org.bipm.kcdb.submission.persistence;

import java.util.List;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The searches over the stored CMCs the use cases need; writes go through the {@code AggregateStore<Cmc>}. */
public class StoredCmcs {

    public static final String COLLECTION = "cmcs";

    private final AggregateStore<Cmc> cmcs;
    private final ReactiveMongoTemplate mongo;

    public StoredCmcs(AggregateStore<Cmc> cmcs, ReactiveMongoTemplate mongo) {
        this.cmcs = cmcs;
        this.mongo = mongo;
    }

    /**
     * The writer's list, newest first, all statuses or one ({@code institute, createdAt} and {@code institute,
     * status, createdAt}): MongoDB reads an institute's page and count from these instead of the whole collection
     * (created at start, a no-op when they exist). The local mongo-java-server store accepts and lists them but still
     * scans (it uses only unique indexes): bench/README.md, "The writer's CMC list".
     */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("institute", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC)).block();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("institute", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)).block();
    }

    /** The institute's CMC published under {@code kcdbCode} (through this service, or migrated from the KCDB). */
    public Mono<Versioned<Cmc>> published(String kcdbCode, String institute) {
        return cmcs.find(Query.query(Criteria.where("kcdbCode").is(kcdbCode).and("institute").is(institute)
                .and("status").is(CmcStatus.PUBLISHED.name()))).next();
    }

    /** A request to delete {@code kcdbCode} still under review or approved; rejected and withdrawn ones are over. */
    public Mono<Versioned<Cmc>> openDeletionRequest(String kcdbCode) {
        return cmcs.find(Query.query(Criteria.where("supersedesKcdbCode").is(kcdbCode).and("deletionRequest").is(true)
                .and("status").nin(CmcStatus.REJECTED.name(), CmcStatus.WITHDRAWN.name()))).next();
    }

    /** A page of the institute's CMCs, newest first, optionally of one status or metrology area. */
    public Flux<Versioned<Cmc>> ofInstitute(String institute, CmcStatus status, String area, int page, int size) {
        return cmcs.find(ofInstitute(institute, status, area).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) page * size).limit(size));
    }

    public Mono<Long> countOfInstitute(String institute, CmcStatus status, String area) {
        return cmcs.count(ofInstitute(institute, status, area));
    }

    /** Removes the drafts an all-or-nothing import created before it failed; how many were removed. */
    public int removeAll(List<String> ids) {
        Long removed = mongo.remove(Query.query(Criteria.where("_id").in(ids)), cmcs.collection())
                .map(r -> r.getDeletedCount()).block();
        return removed == null ? 0 : removed.intValue();
    }

    private static Query ofInstitute(String institute, CmcStatus status, String area) {
        Criteria criteria = Criteria.where("institute").is(institute);
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (area != null && !area.isBlank()) {
            criteria = criteria.and("content.metrologyAreaLabel").is(area);
        }
        return Query.query(criteria);
    }
}
