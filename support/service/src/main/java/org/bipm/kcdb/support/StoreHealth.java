package org.bipm.kcdb.support;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Store health by {@code ping}, which every MongoDB-protocol server answers. Boot's own indicator asks
 * {@code hello}, which the local Mongo-wire store does not know, and would report a healthy store as down.
 */
class StoreHealth implements ReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    StoreHealth(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.getMongoDatabase()
                .flatMap(db -> Mono.from(db.runCommand(new Document("ping", 1)))
                        .thenReturn(Health.up().withDetail("database", db.getName()).build()))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }
}
