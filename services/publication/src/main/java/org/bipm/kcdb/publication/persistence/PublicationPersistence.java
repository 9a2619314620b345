package org.bipm.kcdb.publication.persistence;

import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's collections: {@code published_cmcs}, {@code public_comparisons}, {@code reference_data_imports},
 * {@code reference_data_changes}, {@code counters}, the subscribers' feed ({@code event_feed}, {@code feed_cases}).
 */
@Configuration(proxyBeanMethods = false)
public class PublicationPersistence {

    @Bean
    AggregateStore<PublishedCmc> publishedCmcStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        // One record per code: two modifications racing for the same next version cannot both win.
        mongo.indexOps("published_cmcs").createIndex(new Index("kcdbCode", Sort.Direction.ASC).unique()).block();
        return new AggregateStore<>(mongo, json, PublishedCmc.class, "published_cmcs");
    }

    @Bean
    AggregateStore<PublicComparison> publicComparisonStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, PublicComparison.class, "public_comparisons");
    }

    @Bean
    AggregateStore<ImportedTable> importedReferenceDataStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, ImportedTable.class, "reference_data_imports");
    }

    @Bean
    ReferenceChanges referenceChanges(ReactiveMongoTemplate mongo) {
        return new ReferenceChanges(mongo);
    }

    @Bean
    Counters counters(ReactiveMongoTemplate mongo) {
        return new Counters(mongo);
    }

    @Bean
    EventFeed eventFeed(ReactiveMongoTemplate mongo, Counters counters) {
        EventFeed feed = new EventFeed(mongo, counters);
        feed.ensureIndex();
        return feed;
    }

    @Bean
    FeedCases feedCases(ReactiveMongoTemplate mongo) {
        return new FeedCases(mongo);
    }
}
