package org.bipm.kcdb.support.messaging;

import java.time.Instant;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The events each consumer has applied, keyed by (consumer, eventId) through the document id, which Mongo keeps
 * unique on every backend. Redelivery of an applied event is then a no-op.
 */
public class ProcessedEvents {

    static final String COLLECTION = "processed_events";

    private final ReactiveMongoTemplate mongo;
    private final EventMeters meters;

    public ProcessedEvents(ReactiveMongoTemplate mongo) {
        this(mongo, EventMeters.none());
    }

    public ProcessedEvents(ReactiveMongoTemplate mongo, EventMeters meters) {
        this.mongo = mongo;
        this.meters = meters;
    }

    /** Where the consumers count what they applied and what they skipped. */
    public EventMeters meters() {
        return meters;
    }

    public boolean alreadyApplied(String consumer, String eventId) {
        Boolean exists = mongo.exists(Query.query(Criteria.where("_id").is(key(consumer, eventId))), COLLECTION).block();
        return Boolean.TRUE.equals(exists);
    }

    public void markApplied(String consumer, String eventId, String type) {
        // false: another instance applied and marked it concurrently; nothing left to do.
        markFirst(consumer, eventId, type);
    }

    /**
     * Marks the event applied in one insert; false if it was marked already (the store refused the duplicate id),
     * i.e. the event was delivered and applied before.
     */
    public boolean markFirst(String consumer, String eventId, String type) {
        Document record = new Document("_id", key(consumer, eventId)).append("consumer", consumer)
                .append("eventId", eventId).append("type", type).append("appliedAt", Instant.now());
        try {
            mongo.insert(record, COLLECTION).block();
            return true;
        } catch (DuplicateKeyException alreadyMarked) {
            return false;
        }
    }

    private static String key(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }
}
