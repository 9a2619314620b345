package org.bipm.kcdb.review.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.bipm.kcdb.review.application.BulkCases;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.RmoDecision;
import org.bipm.kcdb.review.web.ReviewRequests.DecisionRequest;
import org.bipm.kcdb.review.web.ReviewRequests.IntentRequest;
import org.bipm.kcdb.review.web.ReviewRequests.RmoDecisionRequest;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.support.web.Bulk;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A chair's action on many cases of a cycle in one request (CONTRACT.md §7). The body is the single action's body
 * plus {@code cases}, checked as the single action checks it (400 for the whole request); each case then goes
 * through the single action on its own, with its own change and events, and is answered with its stage afterwards
 * or with the problem the single action gives (404 a case the caller does not see, 409 naming the current stage,
 * 403 out of scope, 422 a broken review rule).
 */
@RestController
@RequestMapping("/api/reviews")
class ReviewBulkCommands {

    private static final String LIMITS = " A repeated case is acted on once and answered once. At most 500 cases"
            + " (400 batch-too-large beyond); 403 for a caller who is not a tc-chair. " + Bulk.STORE_UNAVAILABLE;

    private final ReviewApplication reviews;

    ReviewBulkCommands(ReviewApplication reviews) {
        this.reviews = reviews;
    }

    @Operation(summary = "The chair's intra-RMO decision on many cases", description = "Each case as POST "
            + "/api/reviews/{id}/decision would decide it; 200 with one result per distinct case in the order named:"
            + " {id, status} (the case's stage now) or {id, problem} (what the single decision answers)." + LIMITS)
    @PostMapping("/bulk-decision")
    Mono<Bulk.Results> decide(Caller caller, @RequestBody BulkDecisionRequest request) {
        requireChair(caller, "take intra-RMO decisions");
        new DecisionRequest(request.decision(), request.comment(), request.qmsStatementRef()).requireComplete();
        return run(caller, request.cases(), "/api/reviews/{id}/decision", (cases, id) -> reviews.decide(cases, id,
                request.decision(), request.comment(), request.qmsStatementRef()));
    }

    @Operation(summary = "An RMO's intent on many cases in inter-RMO review", description = "Each case as POST "
            + "/api/reviews/{id}/rmo-intents would take it; 200 with one result per distinct case in the order named:"
            + " {id, status} (the case's stage now) or {id, problem} (what the single declaration answers)." + LIMITS)
    @PostMapping("/bulk-rmo-intents")
    Mono<Bulk.Results> declareIntents(Caller caller, @RequestBody BulkIntentRequest request) {
        requireChair(caller, "declare an RMO's intent to review");
        new IntentRequest(request.willReview(), request.deadline()).requireComplete();
        return run(caller, request.cases(), "/api/reviews/{id}/rmo-intents",
                (cases, id) -> reviews.declareIntent(cases, id, request.willReview(), request.deadline()));
    }

    @Operation(summary = "An RMO's inter-RMO decision on many cases", description = "Each case as POST "
            + "/api/reviews/{id}/rmo-decisions would take it; 200 with one result per distinct case in the order "
            + "named: {id, status} (the case's stage now) or {id, problem} (what the single decision answers)."
            + LIMITS)
    @PostMapping("/bulk-rmo-decisions")
    Mono<Bulk.Results> rmoDecide(Caller caller, @RequestBody BulkRmoDecisionRequest request) {
        requireChair(caller, "take an RMO's inter-RMO decision");
        new RmoDecisionRequest(request.decision(), request.comment()).requireComplete();
        return run(caller, request.cases(), "/api/reviews/{id}/rmo-decisions",
                (cases, id) -> reviews.rmoDecide(cases, id, request.decision(), request.comment()));
    }

    /**
     * Every bulk action is a chair's: a caller without the role is refused once for the whole request, as the single
     * action refuses it, instead of once per case, and before the body is read (authorization first).
     */
    private static void requireChair(Caller caller, String action) {
        if (!caller.has(Role.TC_CHAIR)) {
            throw ApiProblem.forbidden("Your roles do not allow you to " + action + ".");
        }
    }

    /** The request's cases read in one query, then each changed on its own by the single action's command. */
    private Mono<Bulk.Results> run(Caller caller, List<String> cases, String single,
                                   BiFunction<BulkCases, String, Mono<Versioned<ReviewCase>>> command) {
        List<String> ids = Bulk.ids("cases", cases);
        return reviews.bulk(caller, ids).flatMap(read -> Bulk.run(ids,
                id -> command.apply(read, id).map(saved -> saved.aggregate().stage().name()), single));
    }

    /** {@code qmsStatementRef}: as for the single decision, by default the one each CMC cites. */
    record BulkDecisionRequest(List<String> cases, Decision.Kind decision, String comment, String qmsStatementRef) {
    }

    record BulkIntentRequest(List<String> cases, Boolean willReview, Instant deadline) {
    }

    record BulkRmoDecisionRequest(List<String> cases, RmoDecision.Kind decision, String comment) {
    }
}
