package org.bipm.kcdb.notification.persistence;

import java.time.Instant;
import java.util.List;
import org.bipm.kcdb.notification.domain.InboxItem;
import org.bipm.kcdb.support.persistence.InsertEach;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code inbox_items} collection: each person's notices, newest first; every query is scoped to one person. */
public class InboxStore {

    static final String COLLECTION = "inbox_items";

    private final ReactiveMongoTemplate mongo;

    public InboxStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Each reader's notices, newest first, and what arrived since ({@code username}, {@code createdAt}): read by the
     * inbox and, every second, by each open stream (created at start, a no-op when it exists).
     */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("username", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC)).block();
    }

    /** Adds the item; false when it is there already (a redelivered event). */
    public Mono<Boolean> add(InboxItem item) {
        return mongo.insert(item, COLLECTION).thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(false));
    }

    /**
     * Adds the items of one notice in one round trip: an unordered bulk insert, so an item that is there already (a
     * redelivered event, or one applied again after a crash part-way) is refused alone and the others are added.
     */
    public Mono<Void> addAll(List<InboxItem> items) {
        return InsertEach.records(mongo, COLLECTION, items).then();
    }

    public Flux<InboxItem> page(String username, boolean unreadOnly, int page, int size) {
        return mongo.find(mine(username, unreadOnly).with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .skip((long) page * size).limit(size), InboxItem.class, COLLECTION);
    }

    public Mono<Long> count(String username, boolean unreadOnly) {
        return mongo.count(mine(username, unreadOnly), COLLECTION);
    }

    /** Items added at or after {@code since}, oldest first (the stream's polling). */
    public Flux<InboxItem> since(String username, Instant since) {
        return mongo.find(Query.query(Criteria.where("username").is(username).and("createdAt").gte(since))
                .with(Sort.by("createdAt", "_id")), InboxItem.class, COLLECTION);
    }

    /** Marks one of the person's items read; false when they have no such item. */
    public Mono<Boolean> markRead(String username, String id) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("username").is(username)),
                new Update().set("read", true), COLLECTION).map(result -> result.getMatchedCount() > 0);
    }

    public Mono<Long> markAllRead(String username) {
        return mongo.updateMulti(mine(username, true), new Update().set("read", true), COLLECTION)
                .map(result -> result.getModifiedCount());
    }

    private static Query mine(String username, boolean unreadOnly) {
        Criteria criteria = Criteria.where("username").is(username);
        if (unreadOnly) {
            criteria = criteria.and("read").is(false);
        }
        return Query.query(criteria);
    }
}
