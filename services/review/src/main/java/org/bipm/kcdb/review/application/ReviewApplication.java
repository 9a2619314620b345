package org.bipm.kcdb.review.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.review.domain.CmcWriter;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.InterRmoRules;
import org.bipm.kcdb.review.domain.Actor;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.Reviewer;
import org.bipm.kcdb.review.domain.RmoDecision;
import org.bipm.kcdb.review.domain.UnsuitableReviewer;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.ReadTogether;
import org.bipm.kcdb.support.persistence.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The review's commands. Each loads the case, lets the domain decide, and writes the new case with its events in
 * one conditional update; a concurrent change makes the command run again on the newer case.
 */
public class ReviewApplication {

    private static final Logger log = LoggerFactory.getLogger(ReviewApplication.class);

    private final AggregateStore<ReviewCase> cases;
    private final StoredCases stored;
    private final ReviewQueries queries;
    private final InterRmoRules rules;
    private final Clock clock;
    private final Directory directory;

    public ReviewApplication(AggregateStore<ReviewCase> cases, StoredCases stored, ReviewQueries queries,
                             InterRmoRules rules, Clock clock, Directory directory) {
        this.cases = cases;
        this.stored = stored;
        this.queries = queries;
        this.directory = directory;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Opens the case of a submitted CMC under the current rules, or continues it on resubmission. A redelivered or
     * older submission changes nothing.
     */
    public void onSubmitted(CmcSubmitted submitted) {
        onSubmitted(List.of(submitted));
    }

    /** {@link #onSubmitted(CmcSubmitted)} for consecutive submissions of a poll, in their order. */
    public void onSubmitted(List<CmcSubmitted> submitted) {
        open(submitted, each -> ReviewCase.open(each, rules, clock.instant()));
    }

    /** A resubmission continues the case; one whose first submission never arrived here opens it. */
    public void onResubmitted(List<CmcResubmitted> resubmitted) {
        onSubmitted(resubmitted.stream().map(ReviewCase::asSubmission).toList());
    }

    public void onDeletionRequested(List<CmcDeletionRequested> requested) {
        open(requested, each -> ReviewCase.open(each, rules, clock.instant()), ReviewCase::asSubmission);
    }

    private void open(List<CmcSubmitted> submitted, Function<CmcSubmitted, Outcome<ReviewCase>> opening) {
        open(submitted, opening, Function.identity());
    }

    /**
     * The inserts come first, without a look, all of them in one round trip: nearly every submission opens a case,
     * so the common path is one round trip for a poll's run of them (issue 15 item 7, bench/README.md "The review's
     * case openings a run at a time"). A case that exists already (a redelivery, a resubmission, or a CMC twice in
     * the run) refuses its insert alone, and is continued like any resubmission, after the inserts and in the
     * events' order, which changes nothing for a round the case has reached. An event's effect depends only on its
     * own case, whose events keep their order: a later event of a CMC finds the case its earlier one inserted.
     */
    private <E> void open(List<E> events, Function<E, Outcome<ReviewCase>> opening,
                          Function<E, CmcSubmitted> submission) {
        List<AggregateStore.Created<ReviewCase>> created = new ArrayList<>(events.size());
        for (E event : events) {
            Outcome<ReviewCase> opened = opening.apply(event);
            created.add(new AggregateStore.Created<>(opened.aggregate().id(), opened.aggregate(), opened.events()));
        }
        Set<Integer> taken = cases.insertEach(created).block();
        for (int i = 0; i < events.size(); i++) {
            if (taken != null && taken.contains(i)) {
                CmcSubmitted continued = submission.apply(events.get(i));
                cases.change(created.get(i).id(), c -> c.resubmitted(continued, clock.instant())).block();
            }
        }
    }

    /** The institute withdrew the CMC; a case never opened here (nothing was submitted) has nothing to end. */
    public void onWithdrawn(CmcWithdrawn withdrawn) {
        String id = ReviewCase.idFor(withdrawn.cmcId());
        cases.change(id, c -> c.withdrawn(withdrawn.withdrawnBy(), withdrawn.reason(), clock.instant())).block();
    }

    /**
     * The chair names the reviewer by username (CONTRACT.md §3); who they are (institute, RMO, areas) is the
     * directory's word, which the domain's conflict-of-interest rules judge. An unknown user or one who is no TC
     * reviewer is a 422 on {@code reviewer}. The reviewer's own token is checked again when they comment.
     */
    public Mono<Versioned<ReviewCase>> assignReviewer(Caller caller, String id, Runnable fields, String username) {
        Actors.require(caller, "assign reviewers", Role.TC_CHAIR);
        Reviewer chair = Actors.reviewer(caller);
        // The directory is asked once the case is visible to the caller and the body complete; what it says of a
        // user tells nothing of the case.
        return queries.readable(caller, id).doOnNext(visible -> fields.run()).then(Mono.defer(() ->
                directory.user(username)
                .switchIfEmpty(Mono.error(() -> unsuitable("There is no user " + username + " in the directory.",
                        "unknown user")))
                .map(user -> {
                    if (!user.has(Role.TC_REVIEWER)) {
                        throw unsuitable(username + " is not a TC reviewer.", "not a TC reviewer");
                    }
                    // The user as the review's domain judges a reviewer: the directory's facts, not a token's or a chair's.
                    return new Reviewer(user.username(), user.institute(), user.rmo(), user.areas(), false);
                })
                .flatMap(reviewer -> change(caller, id, c -> c.assignReviewer(chair, reviewer, clock.instant())))));
    }

    private static UnsuitableReviewer unsuitable(String detail, String message) {
        return new UnsuitableReviewer(detail, message);
    }

    public Mono<Versioned<ReviewCase>> comment(Caller caller, String id, Runnable fields, String text,
                                               String inReplyTo) {
        Actors.require(caller, "comment on reviews", Role.TC_REVIEWER, Role.TC_CHAIR, Role.CMC_WRITER);
        return change(caller, id, fields, c -> c.comment(author(caller, c), text, inReplyTo, clock.instant()));
    }

    /**
     * The chair's intra-RMO decision. An approval cites the RMO's QMS statement; when the chair names none, the
     * statement the writer cited in the CMC stands, which the chair's approval confirms.
     */
    public Mono<Versioned<ReviewCase>> decide(Caller caller, String id, Runnable fields, Decision.Kind kind,
                                              String comment, String qmsStatementRef) {
        Actors.require(caller, "take intra-RMO decisions", Role.TC_CHAIR);
        return change(caller, id, fields, decision(caller, kind, comment, qmsStatementRef));
    }

    /** {@link #decide} on one case of a bulk request, whose body was checked for the whole request. */
    public Mono<Versioned<ReviewCase>> decide(BulkCases bulk, String id, Decision.Kind kind, String comment,
                                              String qmsStatementRef) {
        Actors.require(bulk.caller(), "take intra-RMO decisions", Role.TC_CHAIR);
        return change(bulk, id, decision(bulk.caller(), kind, comment, qmsStatementRef));
    }

    private Function<ReviewCase, Outcome<ReviewCase>> decision(Caller caller, Decision.Kind kind, String comment,
                                                               String qmsStatementRef) {
        return c -> c.decide(kind, Actors.reviewer(caller), comment,
                qmsStatementRef != null ? qmsStatementRef : c.content().qmsStatementRef(), clock.instant());
    }

    public Mono<Versioned<ReviewCase>> declareIntent(Caller caller, String id, Runnable fields, Boolean willReview,
                                                     Instant deadline) {
        Actors.require(caller, "declare an RMO's intent to review", Role.TC_CHAIR);
        return change(caller, id, fields, intent(caller, willReview, deadline));
    }

    /** {@link #declareIntent} on one case of a bulk request, whose body was checked for the whole request. */
    public Mono<Versioned<ReviewCase>> declareIntent(BulkCases bulk, String id, Boolean willReview, Instant deadline) {
        Actors.require(bulk.caller(), "declare an RMO's intent to review", Role.TC_CHAIR);
        return change(bulk, id, intent(bulk.caller(), willReview, deadline));
    }

    private Function<ReviewCase, Outcome<ReviewCase>> intent(Caller caller, Boolean willReview, Instant deadline) {
        return c -> c.declareIntent(Actors.reviewer(caller), willReview, deadline, clock.instant());
    }

    public Mono<Versioned<ReviewCase>> rmoDecide(Caller caller, String id, Runnable fields, RmoDecision.Kind kind,
                                                 String comment) {
        Actors.require(caller, "take an RMO's inter-RMO decision", Role.TC_CHAIR);
        return change(caller, id, fields, rmoDecision(caller, kind, comment));
    }

    /** {@link #rmoDecide} on one case of a bulk request, whose body was checked for the whole request. */
    public Mono<Versioned<ReviewCase>> rmoDecide(BulkCases bulk, String id, RmoDecision.Kind kind, String comment) {
        Actors.require(bulk.caller(), "take an RMO's inter-RMO decision", Role.TC_CHAIR);
        return change(bulk, id, rmoDecision(bulk.caller(), kind, comment));
    }

    private Function<ReviewCase, Outcome<ReviewCase>> rmoDecision(Caller caller, RmoDecision.Kind kind,
                                                                  String comment) {
        return c -> c.rmoDecide(Actors.reviewer(caller), kind, comment, clock.instant());
    }

    public Mono<Versioned<ReviewCase>> extendDeadline(Caller caller, String id, Runnable fields, Instant deadline) {
        Actors.require(caller, "extend inter-RMO deadlines", Role.JCRB_SECRETARY);
        return change(caller, id, fields, c -> c.extendDeadline(Actors.secretary(caller), deadline, clock.instant()));
    }

    public Mono<Versioned<ReviewCase>> close(Caller caller, String id, Runnable fields, String comment) {
        Actors.require(caller, "close review cases", Role.JCRB_SECRETARY);
        return change(caller, id, fields, c -> c.close(Actors.secretary(caller), comment, clock.instant()));
    }

    /**
     * Lets time act on every case the clock drives: closes intent windows, approves by the JCRB's rules, sends
     * reminders. Safe to run often and from several instances; returns how many cases changed.
     */
    public int advanceAll() {
        Long changed = stored.drivenByClock()
                .concatMap(read -> cases.apply(readThenFresh(read), c -> c.advance(clock.instant()))
                        .filter(AggregateStore.Applied::written)
                        .onErrorResume(e -> {
                            log.warn("Could not advance review case {}; the next tick retries: {}", read.id(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .count().block();
        return changed == null ? 0 : changed.intValue();
    }

    /**
     * The case as the clock's query read it, and read again by its id only when a conditional write found it
     * changed since: the tick read each case twice, the second time for nothing on nearly every tick, as the clock
     * changes a case a few times in its weeks of review (issue 15).
     */
    private Mono<Versioned<ReviewCase>> readThenFresh(Versioned<ReviewCase> read) {
        AtomicBoolean first = new AtomicBoolean(true);
        return Mono.defer(() -> first.getAndSet(false) ? Mono.just(read) : cases.find(read.id()));
    }

    /** The comment's author: the writer when the caller writes for the submitting institute, else a reviewer. */
    private static Actor author(Caller caller, ReviewCase reviewCase) {
        if (caller.has(Role.CMC_WRITER) && reviewCase.institute().equals(caller.institute())) {
            return new CmcWriter(caller.username(), caller.institute());
        }
        if (caller.hasAny(Role.TC_REVIEWER, Role.TC_CHAIR)) {
            return Actors.reviewer(caller);
        }
        return new CmcWriter(caller.username(), caller.institute());
    }

    private Mono<Versioned<ReviewCase>> change(Caller caller, String id,
                                               Function<ReviewCase, Outcome<ReviewCase>> command) {
        return change(caller, id, () -> { }, command);
    }

    /**
     * Authorization before the body (issue 17 item 5): the role was required before this, the case must be visible
     * to the caller (404 otherwise), and only then are the request's {@code fields} checked (400 naming each); the
     * domain then judges the caller's part in the case and the stage.
     */
    private Mono<Versioned<ReviewCase>> change(Caller caller, String id, Runnable fields,
                                               Function<ReviewCase, Outcome<ReviewCase>> command) {
        return cases.change(queries.readable(caller, id).doOnNext(visible -> fields.run()), command);
    }

    /**
     * A bulk request's cases (CONTRACT.md §7) read together in one query, as {@code caller} sees them, before any
     * of them is changed: one round trip for the request instead of one per case (issue 15, bench/README.md "The
     * bulk review commands"). Each case is then still changed by its own command, with its own conditional write
     * and events ({@code change(BulkCases, ...)}).
     */
    public Mono<BulkCases> bulk(Caller caller, List<String> ids) {
        return queries.readable(caller, ids).map(read -> new BulkCases(caller, new ReadTogether<>(cases, read)));
    }

    /**
     * A case of a bulk request changed as the single command changes it, starting from the copy read with the
     * others; a case not in the copy is looked up alone, as the single command looks it up ({@link ReadTogether}).
     */
    private Mono<Versioned<ReviewCase>> change(BulkCases bulk, String id,
                                               Function<ReviewCase, Outcome<ReviewCase>> command) {
        return bulk.copies().change(id, queries.readable(bulk.caller(), id), command);
    }
}
