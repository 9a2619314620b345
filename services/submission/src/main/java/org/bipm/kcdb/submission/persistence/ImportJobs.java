package org.bipm.kcdb.submission.persistence;

import org.bipm.kcdb.submission.domain.imports.ImportJob;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/** The import jobs, kept in the store so that any instance answers a writer polling theirs. */
public class ImportJobs {

    public static final String COLLECTION = "importJobs";

    private final ReactiveMongoTemplate mongo;

    public ImportJobs(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<ImportJob> insert(ImportJob job) {
        return mongo.insert(job, COLLECTION);
    }

    /** The institute's job {@code jobId}; empty for another institute's. */
    public Mono<ImportJob> find(String jobId, String institute) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(jobId).and("institute").is(institute)),
                ImportJob.class, COLLECTION);
    }

    public ImportJob save(ImportJob job) {
        return mongo.save(job, COLLECTION).block();
    }
}
