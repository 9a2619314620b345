package org.bipm.kcdb.publication;

import java.time.Clock;
import org.bipm.kcdb.publication.persistence.Counters;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.application.PublicationApplication;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.application.ComparisonImport;
import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.publication.application.ReferenceDataImport;
import org.bipm.kcdb.publication.application.KcdbImport;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import tools.jackson.databind.json.JsonMapper;

/** The publication service: the public KCDB read model. */
@SpringBootApplication
public class PublicationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublicationServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

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
    PublicationApplication publicationApplication(AggregateStore<PublishedCmc> published,
                                                  AggregateStore<PublicComparison> comparisons,
                                                  ReactiveMongoTemplate mongo, Clock clock,
                                                  ObjectProvider<OutboxRelay> relay,
                                                  ObjectProvider<KcdbSearch> search) {
        return new PublicationApplication(published, comparisons, new Counters(mongo), clock, relay, search);
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
    ReferenceDataImport referenceDataImport(AggregateStore<ImportedTable> imported) {
        return new ReferenceDataImport(imported);
    }

    @Bean
    ComparisonImport comparisonImport(AggregateStore<PublicComparison> comparisons, JsonMapper json) {
        return new ComparisonImport(comparisons, json);
    }

    @Bean
    KcdbImport kcdbImport(AggregateStore<PublishedCmc> published, ReactiveMongoTemplate mongo, JsonMapper json,
                          ObjectProvider<KcdbSearch> search, ObjectProvider<OutboxRelay> relay, Clock clock) {
        return new KcdbImport(published, new Counters(mongo), json, search, relay, clock);
    }
}
