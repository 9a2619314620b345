package org.bipm.kcdb.submission;

import java.time.Clock;
import org.bipm.kcdb.submission.application.CmcApplication;
import org.bipm.kcdb.submission.application.ReferenceData;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.imports.CmcImports;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The submission service: NMI CMC drafts, validation and submission. */
@SpringBootApplication
public class SubmissionApplication {

    public static final String CMCS = "cmcs";

    public static void main(String[] args) {
        SpringApplication.run(SubmissionApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AggregateStore<Cmc> cmcStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        return new AggregateStore<>(mongo, json, Cmc.class, CMCS);
    }

    @Bean
    CmcImports cmcImports(CmcApplication cmcs, AggregateStore<Cmc> store, ReactiveMongoTemplate mongo, Clock clock) {
        return new CmcImports(cmcs, store, mongo, clock);
    }

    @Bean
    ReferenceData referenceData(JsonMapper json, ReactiveMongoTemplate mongo, Clock clock,
                                ObjectProvider<OutboxRelay> relay) {
        return new ReferenceData(json, mongo, clock, relay);
    }

    @Bean
    CmcApplication cmcApplication(AggregateStore<Cmc> cmcs, Clock clock, ObjectProvider<OutboxRelay> relay,
                                  ReferenceData referenceData, JsonMapper json) {
        return new CmcApplication(cmcs, clock, relay, referenceData, json);
    }
}
