package org.bipm.kcdb.publication.persistence;

import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.domain.Webhook;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.StoredAggregate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The service's collections: {@code published_cmcs}, {@code public_comparisons}, {@code reference_data_imports},
 * {@code reference_data_changes}, {@code counters}, the subscribers' feed ({@code event_feed}, {@code feed_cases}),
 * {@code webhooks}.
 */
@Configuration(proxyBeanMethods = false)
@StoredAggregate(type = PublishedCmc.class, collection = "published_cmcs", name = "published CMC")
@StoredAggregate(type = PublicComparison.class, collection = "public_comparisons", name = "public comparison")
@StoredAggregate(type = ImportedTable.class, collection = "reference_data_imports", name = "reference-data table")
@StoredAggregate(type = Webhook.class, collection = "webhooks", name = "webhook")
public class PublicationPersistence {

    /** One record per code: two modifications racing for the same next version cannot both win. */
    @Bean
    UniqueKcdbCode uniqueKcdbCode(AggregateStore<PublishedCmc> published, ReactiveMongoTemplate mongo) {
        mongo.indexOps(published.collection()).createIndex(new Index("kcdbCode", Sort.Direction.ASC).unique())
                .block();
        return new UniqueKcdbCode();
    }

    /** The unique index on {@code published_cmcs.kcdbCode} exists once this bean does. */
    public static final class UniqueKcdbCode {
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
