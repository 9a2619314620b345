package org.bipm.kcdb.review.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.review.domain.CmcWriter;
import org.bipm.kcdb.review.domain.Participant;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What participants see of the review: a case, their inbox, the dashboard. Who sees a case is the domain's rule
 * ({@link ReviewCase#visibleTo}); a case one may not see is "not found", so that its existence does not leak.
 */
public class ReviewQueries {

    /** Enough for every open case of the platform; the KCDB reviews a few thousand CMCs a year. */
    private static final int SCAN_LIMIT = 5000;

    private final AggregateStore<ReviewCase> cases;
    private final ComparisonDegrees degrees;
    private final Clock clock;

    public ReviewQueries(AggregateStore<ReviewCase> cases, ComparisonDegrees degrees, Clock clock) {
        this.cases = cases;
        this.degrees = degrees;
        this.clock = clock;
    }

    /** The case if the caller takes part in the review (as reviewer, chair, writer or JCRB secretary) and sees it. */
    public Mono<Versioned<ReviewCase>> readable(Caller caller, String id) {
        List<Participant> participants = Participants.of(caller);
        if (participants.isEmpty()) {
            return Mono.error(ApiProblem.forbidden("Your roles take no part in the review of CMCs."));
        }
        return cases.find(id)
                .filter(found -> participants.stream().anyMatch(p -> found.aggregate().visibleTo(p)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Review case " + id)));
    }

    public Mono<CaseFile> file(Versioned<ReviewCase> stored) {
        ReviewCase c = stored.aggregate();
        return degrees.of(c.institute(), c.content().supportingComparisons()).collectList()
                .map(evidence -> new CaseFile(stored, evidence, clock.instant()));
    }

    /**
     * The cases the caller sees, or with {@code inbox} only those waiting for them; the overdue ones (a reviewing RMO
     * past its deadline, undecided) first, then what has waited longest in its stage.
     */
    public Flux<Versioned<ReviewCase>> list(Caller caller, CaseFilter filter, boolean inbox) {
        List<Participant> participants = reviewParticipants(caller);
        Instant now = clock.instant();
        List<Criteria> criteria = new ArrayList<>(filter.criteria());
        if (!caller.has(Role.JCRB_SECRETARY)) {
            criteria.add(within(caller));
        }
        Query query = Query.query(criteria.isEmpty() ? new Criteria() : new Criteria().andOperator(criteria));
        return cases.find(query.limit(SCAN_LIMIT))
                .filter(found -> participants.stream().anyMatch(p -> inbox ? found.aggregate().awaits(p, now)
                        : found.aggregate().visibleTo(p)))
                .sort(Comparator.comparing((Versioned<ReviewCase> v) -> !v.aggregate().overdue(now))
                        .thenComparing(v -> v.aggregate().inStageSince())
                        .thenComparing(v -> v.aggregate().id()));
    }

    public Mono<ReviewDashboard> dashboard(Caller caller, CaseFilter filter) {
        Instant now = clock.instant();
        return list(caller, filter, false).map(Versioned::aggregate).collectList()
                .map(all -> ReviewDashboard.of(filter, all, now));
    }

    /** Only the review's own roles list cases; a writer reads the case of their CMC by its id. */
    private static List<Participant> reviewParticipants(Caller caller) {
        Participants.require(caller, "list review cases", Role.TC_REVIEWER, Role.TC_CHAIR, Role.JCRB_SECRETARY);
        List<Participant> participants = new ArrayList<>(Participants.of(caller));
        participants.removeIf(p -> p instanceof CmcWriter);
        return participants;
    }

    /** A coarse store-side cut of what the caller may see; the domain's rule decides case by case afterwards. */
    private static Criteria within(Caller caller) {
        return new Criteria().orOperator(Criteria.where("rmo").is(caller.rmo()),
                Criteria.where("interRmoReviews.askedRmos").is(caller.rmo()),
                Criteria.where("assignments.reviewer").is(caller.username()));
    }

    /**
     * The query parameters of the list and the dashboard; each one left out does not filter. {@code areas}: any of
     * these metrology areas (the caller's own, for {@code area=mine}); an empty set matches nothing.
     */
    public record CaseFilter(String cmcId, ReviewStage stage, String rmo, String area, Set<String> areas) {

        public CaseFilter(String cmcId, ReviewStage stage, String rmo, String area) {
            this(cmcId, stage, rmo, area, null);
        }

        List<Criteria> criteria() {
            List<Criteria> criteria = new ArrayList<>();
            if (cmcId != null) {
                criteria.add(Criteria.where("cmcId").is(cmcId));
            }
            if (stage != null) {
                criteria.add(Criteria.where("stage").is(stage.name()));
            }
            if (rmo != null) {
                criteria.add(Criteria.where("rmo").is(rmo));
            }
            if (area != null) {
                criteria.add(Criteria.where("area").is(area));
            }
            if (areas != null) {
                criteria.add(Criteria.where("area").in(areas));
            }
            return criteria;
        }
    }

    /** A case with what the reviewer is shown beside it. */
    public record CaseFile(Versioned<ReviewCase> stored, List<SupportingEvidence> supportingEvidence, Instant asOf) {
    }
}
