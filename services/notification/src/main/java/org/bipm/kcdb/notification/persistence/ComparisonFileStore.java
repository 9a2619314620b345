package org.bipm.kcdb.notification.persistence;

import org.bipm.kcdb.notification.domain.ComparisonFile;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The notification service's own view of the comparisons ({@code comparison_files}), kept from the events: who takes
 * part in each. Keyed by comparison identifier, the events' Kafka key, and all of a comparison's events come on one
 * topic, so one consumer applies them in order.
 */
public class ComparisonFileStore {

    static final String COMPARISONS = "comparison_files";

    private final ReactiveMongoTemplate mongo;

    public ComparisonFileStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
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

    record ComparisonFileDocument(String id, ComparisonFile file) {
    }
}
