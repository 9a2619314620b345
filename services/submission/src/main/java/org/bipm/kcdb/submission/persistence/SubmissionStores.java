package org.bipm.kcdb.submission.persistence;

import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.StoredAggregate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What the submission service stores: the CMCs (with their outbox), the office's reference data, import jobs. */
@Configuration(proxyBeanMethods = false)
// a submit, a withdrawal or a status followed changes the status, the round and the history's end, not the content:
// only that is written, not the whole CMC converted again (issue 15 item 7, bench/README.md "The event hop")
@StoredAggregate(type = Cmc.class, collection = StoredCmcs.COLLECTION, name = "CMC", changesOnly = true)
public class SubmissionStores {

    @Bean
    StoredCmcs storedCmcs(AggregateStore<Cmc> cmcs, ReactiveMongoTemplate mongo) {
        StoredCmcs stored = new StoredCmcs(cmcs, mongo);
        stored.ensureIndexes();
        return stored;
    }

    @Bean
    ReferenceChanges referenceChanges(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new ReferenceChanges(mongo, json);
    }

    @Bean
    ImportJobs importJobs(ReactiveMongoTemplate mongo) {
        return new ImportJobs(mongo);
    }
}
