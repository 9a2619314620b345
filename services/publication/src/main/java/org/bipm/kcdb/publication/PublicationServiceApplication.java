package org.bipm.kcdb.publication;

import java.time.Clock;
import org.bipm.kcdb.publication.application.ComparisonImport;
import org.bipm.kcdb.publication.application.KcdbImport;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.application.PublicationApplication;
import org.bipm.kcdb.publication.application.ReferenceDataImport;
import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.Counters;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** The publication service: the public KCDB read model. */
@SpringBootApplication
public class PublicationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublicationServiceApplication.class, args);
    }

    @Bean
    PublicationApplication publicationApplication(AggregateStore<PublishedCmc> published,
                                                  AggregateStore<PublicComparison> comparisons,
                                                  Counters counters, Clock clock,
                                                  ObjectProvider<OutboxRelay> relay,
                                                  ObjectProvider<KcdbSearch> search) {
        return new PublicationApplication(published, comparisons, counters, clock, relay, search);
    }

    @Bean
    ReferenceDataImport referenceDataImport(AggregateStore<ImportedTable> imported) {
        return new ReferenceDataImport(imported);
    }

    @Bean
    ComparisonImport comparisonImport(AggregateStore<PublicComparison> comparisons, JsonMapper json) {
        return new ComparisonImport(comparisons, json);
    }

    /** An upload of up to 10 000 records (about 30 MB as CMCs) is parsed once; a larger one is read twice. */
    @Bean
    KcdbImport kcdbImport(AggregateStore<PublishedCmc> published, Counters counters, JsonMapper json,
                          ObjectProvider<KcdbSearch> search, Clock clock,
                          @Value("${kcdb.import.kept-records:10000}") int keptRecords) {
        return new KcdbImport(published, counters, json, search, clock, keptRecords);
    }
}
