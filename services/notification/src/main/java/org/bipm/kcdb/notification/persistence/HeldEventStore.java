package org.bipm.kcdb.notification.persistence;

import java.time.Instant;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.notification.domain.HeldEvent;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code held_events} collection: review events waiting for their CMC's submission, keyed by event id (a
 * redelivered event is held once), the event kept as its JSON and type as it came. A case's events are given back in
 * the order they were held, to the microsecond ({@code order}: the store's dates keep milliseconds only): the order
 * the consumer read them in, which is the order of the case's partition (their {@code occurredAt} may be equal).
 */
public class HeldEventStore {

    static final String COLLECTION = "held_events";

    private final ReactiveMongoTemplate mongo;
    private final JsonMapper json;

    public HeldEventStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /** A case's held events ({@code cmcId}, after every submission) and the scan for the overdue ({@code heldAt}). */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("cmcId", Sort.Direction.ASC)).block();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("heldAt", Sort.Direction.ASC)).block();
    }

    /** Holds the event; one held already (the same event redelivered) is left as it is. */
    public Mono<Void> hold(HeldEvent held) {
        IntegrationEvent event = held.event();
        Document document = new Document("_id", event.eventId().toString()).append("cmcId", held.cmcId())
                .append("type", EventType.of(event).ceType()).append("event", json.writeValueAsString(event))
                .append("heldAt", held.heldAt()).append("order", micros(held.heldAt()));
        return mongo.insert(document, COLLECTION).then()
                .onErrorResume(DuplicateKeyException.class, heldBefore -> Mono.empty());
    }

    /** The case's held events, in the order they were read. */
    public Flux<HeldEvent> of(String cmcId) {
        return find(Query.query(Criteria.where("cmcId").is(cmcId)));
    }

    /**
     * Every event held since before {@code cutoff}, in the order they were read, but those kept for their submission
     * after their wait ({@link #keep}).
     */
    public Flux<HeldEvent> heldBefore(Instant cutoff) {
        return find(Query.query(Criteria.where("heldAt").lt(cutoff).and("kept").ne(true)));
    }

    /** The event waits for its submission however long: only the submission releases it. */
    public Mono<Void> keep(HeldEvent held) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(held.event().eventId().toString())),
                new Update().set("kept", true), COLLECTION).then();
    }

    /** The event was applied: it is held no more. */
    public Mono<Void> release(HeldEvent held) {
        return mongo.remove(Query.query(Criteria.where("_id").is(held.event().eventId().toString())), COLLECTION)
                .then();
    }

    private Flux<HeldEvent> find(Query query) {
        return mongo.find(query.with(Sort.by("order")), Document.class, COLLECTION).map(this::held);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private HeldEvent held(Document document) {
        EventType type = EventType.fromCeType(document.getString("type")).orElseThrow(
                () -> new IllegalStateException("Held event of unknown type " + document.getString("type")));
        IntegrationEvent event = json.readerFor(type.payloadType())
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(document.getString("event"));
        return new HeldEvent(document.getString("cmcId"), event, document.getDate("heldAt").toInstant());
    }
}
