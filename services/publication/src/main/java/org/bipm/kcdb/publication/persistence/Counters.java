package org.bipm.kcdb.publication.persistence;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Named counters, each one document incremented atomically in the store: concurrent approvals, several
 * instances and restarts never receive the same number twice.
 */
public class Counters {

    static final String COLLECTION = "counters";

    private final ReactiveMongoTemplate mongo;

    public Counters(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public long next(String name) {
        return next(name, 1);
    }

    /** Takes {@code count} numbers at once, in one round trip: answers the last, so they are last-count+1 to last. */
    public long next(String name, int count) {
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(name)),
                new Update().inc("value", (long) count), FindAndModifyOptions.options().returnNew(true).upsert(true),
                Document.class, COLLECTION).block();
        if (counter == null) {
            throw new IllegalStateException("Counter " + name + " could not be incremented");
        }
        return ((Number) counter.get("value")).longValue();
    }

    /** Makes sure the counter is at least {@code floor}, e.g. after importing codes allocated elsewhere. */
    public void raiseTo(String name, long floor) {
        mongo.upsert(Query.query(Criteria.where("_id").is(name).and("value").lt(floor)),
                new Update().set("value", floor), COLLECTION).onErrorComplete().block();
    }
}
