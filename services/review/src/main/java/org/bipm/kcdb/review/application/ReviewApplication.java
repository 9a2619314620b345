package org.bipm.kcdb.review.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.review.domain.CmcWriter;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.InterRmoRules;
import org.bipm.kcdb.review.domain.Participant;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.review.domain.Reviewer;
import org.bipm.kcdb.review.domain.RmoDecision;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The review's commands. Each loads the case, lets the domain decide, and writes the new case with its events in
 * one conditional update; a concurrent change makes the command run again on the newer case.
 */
public class ReviewApplication {

    private static final Logger log = LoggerFactory.getLogger(ReviewApplication.class);

    private final AggregateStore<ReviewCase> cases;
    private final ReviewQueries queries;
    private final InterRmoRules rules;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;
    private final Directory directory;

    public ReviewApplication(AggregateStore<ReviewCase> cases, ReviewQueries queries, InterRmoRules rules,
                             Clock clock, ObjectProvider<OutboxRelay> relay, Directory directory) {
        this.cases = cases;
        this.queries = queries;
        this.directory = directory;
        this.rules = rules;
        this.clock = clock;
        this.relay = relay;
    }

    /**
     * Opens the case of a submitted CMC under the current rules, or continues it on resubmission. A redelivered or
     * older submission changes nothing.
     */
    public void onSubmitted(CmcSubmitted submitted) {
        onSubmitted(submitted, () -> ReviewCase.open(submitted, rules, clock.instant()));
    }

    /** A resubmission continues the case; one whose first submission never arrived here opens it. */
    public void onResubmitted(CmcResubmitted resubmitted) {
        onSubmitted(ReviewCase.asSubmission(resubmitted));
    }

    public void onDeletionRequested(CmcDeletionRequested requested) {
        onSubmitted(ReviewCase.asSubmission(requested), () -> ReviewCase.open(requested, rules, clock.instant()));
    }

    private void onSubmitted(CmcSubmitted submitted, Supplier<ReviewCase.Transition> opening) {
        String id = ReviewCase.idFor(submitted.cmcId());
        if (cases.find(id).block() == null) {
            ReviewCase.Transition opened = opening.get();
            try {
                cases.insert(id, opened.reviewCase(), opened.events()).block();
                relay.ifAvailable(OutboxRelay::nudge);
                return;
            } catch (DuplicateKeyException openedMeanwhile) {
                // another delivery opened it: continue it below like any resubmission
            }
        }
        change(cases.find(id), c -> c.resubmitted(submitted, clock.instant())).block();
    }

    /** The institute withdrew the CMC; a case never opened here (nothing was submitted) has nothing to end. */
    public void onWithdrawn(CmcWithdrawn withdrawn) {
        String id = ReviewCase.idFor(withdrawn.cmcId());
        change(cases.find(id), c -> c.withdrawn(withdrawn.withdrawnBy(), withdrawn.reason(), clock.instant()))
                .block();
    }

    /**
     * The chair names the reviewer by username (CONTRACT.md §3); who they are (institute, RMO, areas) is the
     * directory's word, which the domain's conflict-of-interest rules judge. An unknown user or one who is no TC
     * reviewer is a 422 on {@code reviewer}. The reviewer's own token is checked again when they comment.
     */
    public Mono<Versioned<ReviewCase>> assignReviewer(Caller caller, String id, String username) {
        Participants.require(caller, "assign reviewers", Role.TC_CHAIR);
        Reviewer chair = Participants.reviewer(caller);
        // Asked before the case is read: what the directory says of a user tells nothing of the case.
        return directory.user(username)
                .switchIfEmpty(Mono.error(() -> unsuitable("There is no user " + username + " in the directory.",
                        "unknown user")))
                .map(user -> {
                    if (!user.has(Role.TC_REVIEWER)) {
                        throw unsuitable(username + " is not a TC reviewer.", "not a TC reviewer");
                    }
                    // The user as the review's domain judges a reviewer: the directory's facts, not a token's or a chair's.
                    return new Reviewer(user.username(), user.institute(), user.rmo(), user.areas(), false);
                })
                .flatMap(reviewer -> change(caller, id, c -> c.assignReviewer(chair, reviewer, clock.instant())));
    }

    private static ApiProblem unsuitable(String detail, String message) {
        return ApiProblem.invalid(HttpStatus.UNPROCESSABLE_CONTENT, detail,
                List.of(new ApiProblem.FieldError("reviewer", message)));
    }

    public Mono<Versioned<ReviewCase>> comment(Caller caller, String id, String text, String inReplyTo) {
        Participants.require(caller, "comment on reviews", Role.TC_REVIEWER, Role.TC_CHAIR, Role.CMC_WRITER);
        return change(caller, id, c -> c.comment(author(caller, c), text, inReplyTo, clock.instant()));
    }

    /**
     * The chair's intra-RMO decision. An approval cites the RMO's QMS statement; when the chair names none, the
     * statement the writer cited in the CMC stands, which the chair's approval confirms.
     */
    public Mono<Versioned<ReviewCase>> decide(Caller caller, String id, Decision.Kind kind, String comment,
                                              String qmsStatementRef) {
        Participants.require(caller, "take intra-RMO decisions", Role.TC_CHAIR);
        return change(caller, id, c -> c.decide(kind, Participants.reviewer(caller), comment,
                qmsStatementRef != null ? qmsStatementRef : c.content().qmsStatementRef(), clock.instant()));
    }

    public Mono<Versioned<ReviewCase>> declareIntent(Caller caller, String id, boolean willReview, Instant deadline) {
        Participants.require(caller, "declare an RMO's intent to review", Role.TC_CHAIR);
        return change(caller, id, c -> c.declareIntent(Participants.reviewer(caller), willReview, deadline,
                clock.instant()));
    }

    public Mono<Versioned<ReviewCase>> rmoDecide(Caller caller, String id, RmoDecision.Kind kind, String comment) {
        Participants.require(caller, "take an RMO's inter-RMO decision", Role.TC_CHAIR);
        return change(caller, id, c -> c.rmoDecide(Participants.reviewer(caller), kind, comment, clock.instant()));
    }

    public Mono<Versioned<ReviewCase>> extendDeadline(Caller caller, String id, Instant deadline) {
        Participants.require(caller, "extend inter-RMO deadlines", Role.JCRB_SECRETARY);
        return change(caller, id, c -> c.extendDeadline(Participants.secretary(caller), deadline, clock.instant()));
    }

    public Mono<Versioned<ReviewCase>> close(Caller caller, String id, String comment) {
        Participants.require(caller, "close review cases", Role.JCRB_SECRETARY);
        return change(caller, id, c -> c.close(Participants.secretary(caller), comment, clock.instant()));
    }

    /**
     * Lets time act on every case the clock drives: closes intent windows, approves by the JCRB's rules, sends
     * reminders. Safe to run often and from several instances; returns how many cases changed.
     */
    public int advanceAll() {
        List<String> clockDriven = Arrays.stream(ReviewStage.values()).filter(ReviewStage::drivenByClock)
                .map(Enum::name).toList();
        Long changed = cases.find(Query.query(Criteria.where("stage").in(clockDriven)))
                .map(found -> found.aggregate().id())
                .concatMap(id -> apply(cases.find(id), c -> c.advance(clock.instant()))
                        .filter(Applied::changed)
                        .onErrorResume(e -> {
                            log.warn("Could not advance review case {}; the next tick retries: {}", id, e.toString());
                            return Mono.empty();
                        }))
                .count().block();
        return changed == null ? 0 : changed.intValue();
    }

    /** The comment's author: the writer when the caller writes for the submitting institute, else a reviewer. */
    private static Participant author(Caller caller, ReviewCase reviewCase) {
        if (caller.has(Role.CMC_WRITER) && reviewCase.institute().equals(caller.institute())) {
            return new CmcWriter(caller.username(), caller.institute());
        }
        if (caller.hasAny(Role.TC_REVIEWER, Role.TC_CHAIR)) {
            return Participants.reviewer(caller);
        }
        return new CmcWriter(caller.username(), caller.institute());
    }

    private Mono<Versioned<ReviewCase>> change(Caller caller, String id,
                                               Function<ReviewCase, ReviewCase.Transition> command) {
        return change(queries.readable(caller, id), command);
    }

    private Mono<Versioned<ReviewCase>> change(Mono<Versioned<ReviewCase>> load,
                                               Function<ReviewCase, ReviewCase.Transition> command) {
        return apply(load, command).map(Applied::stored);
    }

    private Mono<Applied> apply(Mono<Versioned<ReviewCase>> load, Function<ReviewCase, ReviewCase.Transition> command) {
        return Mono.defer(() -> load.flatMap(current -> {
                    ReviewCase.Transition next = command.apply(current.aggregate());
                    if (!next.changed(current.aggregate()) && next.events().isEmpty()) {
                        return Mono.just(new Applied(current, false));
                    }
                    return cases.update(current.aggregate().id(), current.version(), next.reviewCase(), next.events())
                            .switchIfEmpty(Mono.error(ConcurrentChange::new))
                            .map(saved -> {
                                if (!next.events().isEmpty()) {
                                    relay.ifAvailable(OutboxRelay::nudge);
                                }
                                return new Applied(saved, true);
                            });
                }))
                .retryWhen(Retry.backoff(5, Duration.ofMillis(10)).filter(ConcurrentChange.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new ApiProblem(HttpStatus.CONFLICT,
                                "concurrent-change", "The review case is being changed by others; try again.",
                                null)));
    }

    private record Applied(Versioned<ReviewCase> stored, boolean changed) {
    }

    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super(null, null, false, false);
        }
    }
}
