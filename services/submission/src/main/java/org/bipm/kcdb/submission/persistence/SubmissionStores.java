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
@StoredAggregate(type = Cmc.class, collection = StoredCmcs.COLLECTION, name = "CMC")
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
