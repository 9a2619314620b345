package org.bipm.kcdb.notification.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.DeliveryState;
import org.bipm.kcdb.support.persistence.InsertEach;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code deliveries} collection: every e-mail before, while and after it is sent. Each change of state is one
 * conditional single-document update, so two senders never both take the same e-mail.
 */
public class DeliveryStore {

    static final String COLLECTION = "deliveries";

    private final ReactiveMongoTemplate mongo;

    public DeliveryStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The indexes the senders' claim needs on MongoDB (created at start, a no-op when they exist): an e-mail due
     * ({@code state}, {@code nextAttemptAt}) and one left mid-send ({@code state}, {@code claimedAt}).
     */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC)).block();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("claimedAt", Sort.Direction.ASC)).block();
    }

    /** Records the e-mail; false when it was recorded already (a redelivered event). */
    public Mono<Boolean> enqueue(Delivery delivery) {
        return mongo.insert(delivery, COLLECTION).thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(false));
    }

    /** Records the e-mails of one notice in one round trip; those recorded already are left as they are. */
    public Mono<Void> enqueueAll(List<Delivery> deliveries) {
        return InsertEach.records(mongo, COLLECTION, deliveries).then();
    }

    /**
     * Takes an e-mail claimed by a sender that did not finish within the lease (it stopped mid-send), if any. This and
     * {@link #claimDue} are two queries, each of one {@code state}, rather than one {@code $or} of both: an index on
     * {@code state} then serves each (the local store serves no {@code $or}, and would read every e-mail ever sent on
     * every round).
     */
    public Mono<Delivery> claimLeftMidSend(Instant now, Duration lease) {
        return claim(Query.query(Criteria.where("state").is(DeliveryState.SENDING).and("claimedAt")
                .lt(now.minus(lease))).with(Sort.by("claimedAt")), now);
    }

    /**
     * The ids of up to {@code limit} pending e-mails due by {@code now}, the first due first: what a sender then takes
     * one at a time ({@link #claimDue(String, Instant)}). Found a batch at a time, not with each claim: the local store
     * answers a sorted query by reading and sorting every pending e-mail, so a claim that sorted them each time cost a
     * pass over the whole backlog per e-mail (after the pipeline benchmark's 2 000 reviewed CMCs, the store's busy
     * three minutes; bench/README.md, item 3); MongoDB walks its ({@code state}, {@code nextAttemptAt}) index either way.
     */
    public Flux<String> dueIds(Instant now, int limit) {
        Query due = Query.query(Criteria.where("state").is(DeliveryState.PENDING).and("nextAttemptAt").lte(now))
                .with(Sort.by("nextAttemptAt")).limit(limit);
        due.fields().include("_id");
        return mongo.find(due, Document.class, COLLECTION).map(found -> found.getString("_id"));
    }

    /** Takes the e-mail if it is still pending and due: another sender may have taken it since it was found due. */
    public Mono<Delivery> claimDue(String id, Instant now) {
        return claim(Query.query(Criteria.where("_id").is(id).and("state").is(DeliveryState.PENDING)
                .and("nextAttemptAt").lte(now)), now);
    }

    private Mono<Delivery> claim(Query query, Instant now) {
        return mongo.findAndModify(query, new Update().set("state", DeliveryState.SENDING).set("claimedAt", now),
                FindAndModifyOptions.options().returnNew(true), Delivery.class, COLLECTION);
    }

    public Mono<Void> sent(String id, Instant at) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").is(DeliveryState.SENDING)),
                new Update().set("state", DeliveryState.SENT).set("sentAt", at).unset("claimedAt"), COLLECTION).then();
    }

    /** A failed attempt: tried again at {@code nextAttemptAt}, or parked when {@code nextAttemptAt} is null. */
    public Mono<Void> failed(String id, int attempts, Instant nextAttemptAt, String error) {
        Update update = new Update().set("attempts", attempts).set("lastError", error).unset("claimedAt");
        if (nextAttemptAt == null) {
            update.set("state", DeliveryState.PARKED);
        } else {
            update.set("state", DeliveryState.PENDING).set("nextAttemptAt", nextAttemptAt);
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").is(DeliveryState.SENDING)),
                update, COLLECTION).then();
    }

    public Flux<Delivery> inState(DeliveryState state) {
        return mongo.find(Query.query(Criteria.where("state").is(state)).with(Sort.by("createdAt")), Delivery.class,
                COLLECTION);
    }

    /** A page of the deliveries in one state, oldest first (ties by id, so pages neither repeat nor skip one). */
    public Flux<Delivery> page(DeliveryState state, int page, int size) {
        return mongo.find(Query.query(Criteria.where("state").is(state))
                .with(Sort.by(Sort.Order.asc("createdAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size),
                Delivery.class, COLLECTION);
    }

    public Mono<Long> count(DeliveryState state) {
        return mongo.count(Query.query(Criteria.where("state").is(state)), COLLECTION);
    }

    public Mono<Delivery> find(String id) {
        return mongo.findById(id, Delivery.class, COLLECTION);
    }

    /** A parked e-mail goes back to the queue with its attempts reset; false when it is not parked. */
    public Mono<Boolean> resend(String id, Instant now) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").is(DeliveryState.PARKED)),
                        new Update().set("state", DeliveryState.PENDING).set("attempts", 0).set("nextAttemptAt", now)
                                .unset("lastError"), COLLECTION)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** Moves a person's notices awaiting the digest into the digest {@code digestId}. */
    public Mono<Void> gatherInto(String username, String digestId) {
        return mongo.updateMulti(Query.query(Criteria.where("state").is(DeliveryState.AWAITING_DIGEST)
                        .and("username").is(username)),
                new Update().set("state", DeliveryState.IN_DIGEST).set("digestId", digestId), COLLECTION).then();
    }

    public Mono<List<Delivery>> gathered(String digestId) {
        return mongo.find(Query.query(Criteria.where("state").is(DeliveryState.IN_DIGEST).and("digestId")
                .is(digestId)).with(Sort.by("createdAt")), Delivery.class, COLLECTION).collectList();
    }

    public Mono<Void> digested(String digestId) {
        return mongo.updateMulti(Query.query(Criteria.where("state").is(DeliveryState.IN_DIGEST).and("digestId")
                .is(digestId)), new Update().set("state", DeliveryState.DIGESTED), COLLECTION).then();
    }
}
