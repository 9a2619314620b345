package org.bipm.kcdb.review.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bipm.kcdb.review.domain.CmcWriter;
import org.bipm.kcdb.review.domain.Actor;
import org.bipm.kcdb.review.domain.InterRmoReview;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.review.domain.SupportingEvidence;
import org.bipm.kcdb.review.persistence.ComparisonDegrees;
import org.bipm.kcdb.review.persistence.StoredCases;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the review's actors see of it: a case, their inbox, the dashboard. Who sees a case is the domain's rule
 * ({@link ReviewCase#visibleTo}); a case one may not see is "not found", so that its existence does not leak.
 */
public class ReviewQueries {

    /** Enough for every open case of the platform; the KCDB reviews a few thousand CMCs a year. */
    private static final int SCAN_LIMIT = 5000;

    private final AggregateStore<ReviewCase> cases;
    private final StoredCases stored;
    private final ComparisonDegrees degrees;
    private final Clock clock;

    public ReviewQueries(AggregateStore<ReviewCase> cases, StoredCases stored, ComparisonDegrees degrees,
                         Clock clock) {
        this.cases = cases;
        this.stored = stored;
        this.degrees = degrees;
        this.clock = clock;
    }

    /** The case if the caller takes part in the review (as reviewer, chair, writer or JCRB secretary) and sees it. */
    public Mono<Versioned<ReviewCase>> readable(Caller caller, String id) {
        List<Actor> actors = Actors.of(caller);
        if (actors.isEmpty()) {
            return Mono.error(new NotEntitled("Your roles take no part in the review of CMCs."));
        }
        return cases.find(id)
                .filter(found -> actors.stream().anyMatch(p -> found.aggregate().visibleTo(p)))
                .switchIfEmpty(Mono.error(() -> new NotFound("Review case " + id)));
    }

    /**
     * The cases of {@code ids} the caller sees, by id, read in one query (a bulk request's cases); those missing are
     * not there or not the caller's to see, and {@link #readable(Caller, String)} says which, as for a single case.
     */
    public Mono<Map<String, Versioned<ReviewCase>>> readable(Caller caller, Collection<String> ids) {
        List<Actor> actors = Actors.of(caller);
        if (actors.isEmpty()) {
            return Mono.just(Map.of());
        }
        return cases.findAll(ids)
                .filter(found -> actors.stream().anyMatch(p -> found.aggregate().visibleTo(p)))
                .collectMap(Versioned::id);
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
        return list(caller, filter, inbox, CaseOrder.WAITING);
    }

    /** The same cases in the given {@code order}. */
    public Flux<Versioned<ReviewCase>> list(Caller caller, CaseFilter filter, boolean inbox, CaseOrder order) {
        List<Actor> actors = reviewActors(caller);
        Instant now = clock.instant();
        StoredCases.Within within = caller.has(Role.JCRB_SECRETARY) ? null
                : new StoredCases.Within(caller.rmo(), caller.username());
        return stored.matching(filter.cmcId(), filter.stage(), filter.rmo(), filter.area(), filter.areas(), within,
                        SCAN_LIMIT)
                .filter(found -> actors.stream().anyMatch(p -> inbox ? found.aggregate().awaits(p, now)
                        : found.aggregate().visibleTo(p)))
                .sort(Comparator.comparing((Versioned<ReviewCase> v) -> v.aggregate(), order.comparator(now)));
    }

    /**
     * The orders of a case list, each ending on the case's id so that pages never overlap nor skip a case: what has
     * waited longest (the overdue first), the inter-RMO deadline (nearest or latest first, cases without one last),
     * the opening date (oldest or newest first).
     */
    public enum CaseOrder {
        WAITING, DEADLINE, DEADLINE_DESCENDING, OPENED, OPENED_DESCENDING;

        Comparator<ReviewCase> comparator(Instant now) {
            Comparator<Instant> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
            Comparator<ReviewCase> order = switch (this) {
                case WAITING -> Comparator.comparing((ReviewCase c) -> !c.overdue(now))
                        .thenComparing(ReviewCase::inStageSince);
                case DEADLINE -> Comparator.comparing(ReviewQueries::deadline, nullsLast);
                case DEADLINE_DESCENDING -> Comparator.comparing(ReviewQueries::deadline,
                        Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
                case OPENED -> Comparator.comparing(ReviewCase::openedAt);
                case OPENED_DESCENDING -> Comparator.comparing(ReviewCase::openedAt, Comparator.reverseOrder());
            };
            return order.thenComparing(ReviewCase::id);
        }
    }

    private static Instant deadline(ReviewCase c) {
        return c.interRmoReview().map(InterRmoReview::deadline).orElse(null);
    }

    public Mono<ReviewDashboard> dashboard(Caller caller, CaseFilter filter) {
        Instant now = clock.instant();
        return list(caller, filter, false).map(Versioned::aggregate).collectList()
                .map(all -> ReviewDashboard.of(filter, all, now));
    }

    /** Only the review's own roles list cases; a writer reads the case of their CMC by its id. */
    private static List<Actor> reviewActors(Caller caller) {
        Actors.require(caller, "list review cases", Role.TC_REVIEWER, Role.TC_CHAIR, Role.JCRB_SECRETARY);
        List<Actor> actors = new ArrayList<>(Actors.of(caller));
        actors.removeIf(p -> p instanceof CmcWriter);
        return actors;
    }

    /**
     * The query parameters of the list and the dashboard; each one left out does not filter. {@code areas}: any of
     * these metrology areas (the caller's own, for {@code area=mine}); an empty set matches nothing.
     */
    public record CaseFilter(String cmcId, ReviewStage stage, String rmo, String area, Set<String> areas) {

        public CaseFilter(String cmcId, ReviewStage stage, String rmo, String area) {
            this(cmcId, stage, rmo, area, null);
        }
    }

    /** A case with what the reviewer is shown beside it. */
    public record CaseFile(Versioned<ReviewCase> stored, List<SupportingEvidence> supportingEvidence, Instant asOf) {
    }
}
