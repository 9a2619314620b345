package org.bipm.kcdb.notification.persistence;

import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.notification.domain.ComparisonFile;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The notification service's own view of the cases and comparisons ({@code case_files}, {@code comparison_files}),
 * kept from the events: who belongs to each. Keyed by CMC id and comparison identifier, which are also the events'
 * Kafka keys, so one case's events are applied in order by one consumer.
 */
public class CaseFileStore {

    static final String CASES = "case_files";
    static final String COMPARISONS = "comparison_files";

    private final ReactiveMongoTemplate mongo;

    public CaseFileStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<CaseFile> caseFile(String cmcId) {
        return mongo.findById(cmcId, CaseFileDocument.class, CASES).map(CaseFileDocument::file)
                .defaultIfEmpty(CaseFile.of(cmcId));
    }

    public Mono<Void> save(CaseFile file) {
        return mongo.save(new CaseFileDocument(file.cmcId(), file), CASES).then();
    }

    public Mono<ComparisonFile> comparison(String identifier) {
        return mongo.findById(identifier, ComparisonFileDocument.class, COMPARISONS).map(ComparisonFileDocument::file);
    }

    public Flux<ComparisonFile> comparisons() {
        return mongo.findAll(ComparisonFileDocument.class, COMPARISONS).map(ComparisonFileDocument::file);
    }

    public Mono<Void> save(ComparisonFile file) {
        return mongo.save(new ComparisonFileDocument(file.identifier(), file), COMPARISONS).then();
    }

    record CaseFileDocument(String id, CaseFile file) {
    }

    record ComparisonFileDocument(String id, ComparisonFile file) {
    }
}
