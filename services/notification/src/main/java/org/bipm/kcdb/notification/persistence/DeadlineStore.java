package org.bipm.kcdb.notification.persistence;

import java.time.Duration;
import java.time.Instant;
import org.bipm.kcdb.notification.domain.Deadline;
import org.bipm.kcdb.notification.domain.DeadlinePhase;
import org.bipm.kcdb.notification.domain.Timetable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * The {@code deadlines} collection: every step of a review waiting on someone, with its due date and how far it has
 * been told. Like the deliveries, each change is one conditional single-document update, so two instances never tell
 * the same phase at once, and a claim left by a stopped instance is taken over after its lease.
 */
public class DeadlineStore {

    static final String COLLECTION = "deadlines";

    private final ReactiveMongoTemplate mongo;

    public DeadlineStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The indexes the scan and the events need on MongoDB (created at start, a no-op when they exist): the claim's
     * two branches (a reminder due: {@code phase}, {@code remindAt}; an escalation due: {@code phase}, {@code dueAt})
     * and a case's deadlines ({@code cmcId}), met or moved by every review event.
     */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("phase", Sort.Direction.ASC)
                .on("remindAt", Sort.Direction.ASC)).block();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("phase", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC)).block();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("cmcId", Sort.Direction.ASC)).block();
    }

    /**
     * Sets a deadline: new, or a new due date for the same step (waiting again). The same due date again (a
     * redelivered event) leaves it as it is, told or met.
     */
    public Mono<Void> set(Deadline deadline) {
        Query changed = Query.query(Criteria.where("_id").is(deadline.id()).and("dueAt").ne(deadline.dueAt()));
        Update update = new Update().set("cmcId", deadline.cmcId()).set("reviewId", deadline.reviewId())
                .set("step", deadline.step()).set("rmo", deadline.rmo()).set("area", deadline.area())
                .set("institute", deadline.institute()).set("person", deadline.person())
                .set("reviewingRmo", deadline.reviewingRmo())
                .set("setAt", deadline.setAt()).set("dueAt", deadline.dueAt()).set("remindAt", deadline.remindAt())
                .set("phase", DeadlinePhase.WAITING).unset("claimedUntil");
        return mongo.upsert(changed, update, COLLECTION).then()
                .onErrorResume(DuplicateKeyException.class, sameDueDate -> Mono.empty());
    }

    /**
     * The case's deadlines of the step (every step when null) for the person (everyone when null), and of the
     * reviewers of one RMO when the RMO is named, are met.
     */
    public Mono<Void> met(Timetable.Met met) {
        Criteria which = Criteria.where("cmcId").is(met.cmcId()).and("phase").ne(DeadlinePhase.MET);
        if (met.step() != null) {
            which = which.and("step").is(met.step());
        }
        if (met.person() != null) {
            which = which.and("person").is(met.person());
        }
        if (met.reviewingRmo() != null) {
            which = which.and("reviewingRmo").is(met.reviewingRmo());
        }
        return mongo.updateMulti(Query.query(which), new Update().set("phase", DeadlinePhase.MET).unset("claimedUntil"),
                COLLECTION).then();
    }

    /**
     * Gives a deadline more time: {@code moved} replaces {@code current} only if it is still as read (same due date
     * and phase; not met meanwhile). False when it changed; the caller reads it again.
     */
    public Mono<Boolean> move(Deadline current, Deadline moved) {
        Query unchanged = Query.query(Criteria.where("_id").is(current.id()).and("dueAt").is(current.dueAt())
                .and("phase").is(current.phase()));
        Update update = new Update().set("dueAt", moved.dueAt()).set("remindAt", moved.remindAt())
                .set("phase", moved.phase()).unset("claimedUntil");
        return mongo.updateFirst(unchanged, update, COLLECTION).map(result -> result.getModifiedCount() > 0);
    }

    /**
     * Claims the next deadline with something to tell at {@code now}: its reminder (waiting, reminder time passed)
     * or its escalation (waiting or reminded, due date passed), unless another instance holds it within its lease.
     */
    public Mono<Deadline> claimNext(Instant now, Duration lease) {
        Criteria due = new Criteria().orOperator(
                Criteria.where("phase").is(DeadlinePhase.WAITING).and("remindAt").lte(now),
                Criteria.where("phase").in(DeadlinePhase.WAITING, DeadlinePhase.REMINDED).and("dueAt").lte(now));
        Criteria free = new Criteria().orOperator(Criteria.where("claimedUntil").is(null),
                Criteria.where("claimedUntil").lt(now));
        return mongo.findAndModify(Query.query(new Criteria().andOperator(due, free)).with(Sort.by("remindAt")),
                new Update().set("claimedUntil", now.plus(lease)), FindAndModifyOptions.options().returnNew(true),
                Deadline.class, COLLECTION);
    }

    /**
     * Records that the claimed deadline's phase was told; false when it changed meanwhile (met, set anew, or taken
     * over by another instance after the lease).
     */
    public Mono<Boolean> told(Deadline claimed, DeadlinePhase phase) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(claimed.id()).and("phase").is(claimed.phase())
                                .and("dueAt").is(claimed.dueAt()).and("claimedUntil").is(claimed.claimedUntil())),
                        new Update().set("phase", phase).unset("claimedUntil"), COLLECTION)
                .map(result -> result.getModifiedCount() > 0);
    }

    public Mono<Deadline> find(String id) {
        return mongo.findById(id, Deadline.class, COLLECTION);
    }
}
