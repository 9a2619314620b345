package org.bipm.kcdb.review.application;

import java.time.Clock;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.review.domain.Reviewer;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Review use cases: opening cases from submissions, decisions, and the reviewers' queries. */
public class ReviewApplication {

    private final AggregateStore<ReviewCase> cases;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;

    public ReviewApplication(AggregateStore<ReviewCase> cases, Clock clock, ObjectProvider<OutboxRelay> relay) {
        this.cases = cases;
        this.clock = clock;
        this.relay = relay;
    }

    /** Opens the case of a submitted CMC, or continues it on resubmission. Safe to call twice. */
    public void onSubmitted(CmcSubmitted submitted) {
        String id = ReviewCase.idFor(submitted.cmcId());
        Versioned<ReviewCase> existing = cases.find(id).block();
        if (existing == null) {
            ReviewCase.Transition opened = ReviewCase.open(submitted, clock.instant());
            try {
                cases.insert(id, opened.reviewCase(), opened.events()).block();
            } catch (DuplicateKeyException alreadyOpened) {
                return;
            }
        } else {
            ReviewCase.Transition next = existing.aggregate().resubmitted(submitted, clock.instant());
            if (next.events().isEmpty()) {
                return;
            }
            if (cases.update(id, existing.version(), next.reviewCase(), next.events()).block() == null) {
                throw new IllegalStateException("Review case " + id + " changed concurrently; retrying");
            }
        }
        relay.ifAvailable(OutboxRelay::nudge);
    }

    /**
     * The chair's intra-RMO decision. An approval cites the RMO's QMS statement; when the chair names none, the
     * statement the writer cited in the CMC stands, which the chair's approval confirms.
     */
    public Mono<Versioned<ReviewCase>> decide(Caller caller, String id, Decision.Kind kind, String comment,
                                              String qmsStatementRef) {
        return read(caller, id).flatMap(current -> {
            ReviewCase reviewCase = current.aggregate();
            String qms = qmsStatementRef != null ? qmsStatementRef : reviewCase.content().qmsStatementRef();
            ReviewCase.Transition next = reviewCase.decide(kind, reviewer(caller), comment, qms, clock.instant());
            return cases.update(id, current.version(), next.reviewCase(), next.events())
                    .switchIfEmpty(Mono.error(() -> ApiProblem.staleVersion(current.version())))
                    .doOnSuccess(saved -> relay.ifAvailable(OutboxRelay::nudge));
        });
    }

    public Mono<Versioned<ReviewCase>> read(Caller caller, String id) {
        requireReviewRole(caller);
        return cases.find(id).filter(found -> mayRead(caller, found.aggregate()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Review case " + id)));
    }

    public Flux<Versioned<ReviewCase>> list(Caller caller, String cmcId, ReviewStage stage, String rmo) {
        requireReviewRole(caller);
        Criteria criteria = new Criteria();
        if (!caller.has(Role.JCRB_SECRETARY)) {
            criteria = criteria.and("rmo").is(caller.rmo());
        } else if (rmo != null) {
            criteria = criteria.and("rmo").is(rmo);
        }
        if (cmcId != null) {
            criteria = criteria.and("cmcId").is(cmcId);
        }
        if (stage != null) {
            criteria = criteria.and("stage").is(stage.name());
        }
        // Oldest first: the inbox shows what has waited longest at the top.
        return cases.find(Query.query(criteria).with(Sort.by("openedAt")).limit(1000));
    }

    private static boolean mayRead(Caller caller, ReviewCase reviewCase) {
        return caller.has(Role.JCRB_SECRETARY) || reviewCase.visibleTo(reviewer(caller));
    }

    private static void requireReviewRole(Caller caller) {
        if (!caller.hasAny(Role.TC_CHAIR, Role.TC_REVIEWER, Role.JCRB_SECRETARY)) {
            throw ApiProblem.forbidden("Only TC reviewers and chairs, and the JCRB secretary, see review cases.");
        }
    }

    static Reviewer reviewer(Caller caller) {
        return new Reviewer(caller.username(), caller.institute(), caller.rmo(), caller.areas(),
                caller.has(Role.TC_CHAIR));
    }
}
