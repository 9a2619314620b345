package org.bipm.kcdb.submission;

import java.time.Clock;
import org.bipm.kcdb.submission.application.CmcCommands;
import org.bipm.kcdb.submission.application.CmcQueries;
import org.bipm.kcdb.submission.application.DraftRules;
import org.bipm.kcdb.submission.application.MigrationHandOver;
import org.bipm.kcdb.submission.application.ReferenceData;
import org.bipm.kcdb.submission.application.StatusChanges;
import org.bipm.kcdb.submission.application.imports.CmcImports;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.persistence.ImportJobs;
import org.bipm.kcdb.submission.persistence.ReferenceChanges;
import org.bipm.kcdb.submission.persistence.StoredCmcs;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submission service: NMI CMC drafts, validation and submission. The use cases are wired here; the stores are
 * declared in {@code persistence}, the clock comes from support.
 */
@SpringBootApplication
public class SubmissionApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubmissionApplication.class, args);
    }

    @Bean
    ReferenceData referenceData(JsonMapper json, ReferenceChanges changes, Clock clock,
                                ObjectProvider<OutboxRelay> relay) {
        return new ReferenceData(json, changes, clock, relay);
    }

    @Bean
    DraftRules draftRules(ReferenceData referenceData, JsonMapper json) {
        return new DraftRules(referenceData, json);
    }

    @Bean
    CmcCommands cmcCommands(AggregateStore<Cmc> cmcs, StoredCmcs stored, DraftRules drafts, Clock clock) {
        return new CmcCommands(cmcs, stored, drafts, clock);
    }

    @Bean
    CmcQueries cmcQueries(AggregateStore<Cmc> cmcs, StoredCmcs stored) {
        return new CmcQueries(cmcs, stored);
    }

    @Bean
    StatusChanges statusChanges(AggregateStore<Cmc> cmcs) {
        return new StatusChanges(cmcs);
    }

    @Bean
    MigrationHandOver migrationHandOver(AggregateStore<Cmc> cmcs) {
        return new MigrationHandOver(cmcs);
    }

    @Bean
    CmcImports cmcImports(DraftRules drafts, AggregateStore<Cmc> store, StoredCmcs stored, ImportJobs jobs,
                          Clock clock) {
        return new CmcImports(drafts, store, stored, jobs, clock);
    }
}
