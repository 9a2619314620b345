package org.bipm.kcdb.review.web;

import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.application.ReviewQueries;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.web.ReviewRequests.CloseRequest;
import org.bipm.kcdb.review.web.ReviewRequests.CommentRequest;
import org.bipm.kcdb.review.web.ReviewRequests.DeadlineRequest;
import org.bipm.kcdb.review.web.ReviewRequests.DecisionRequest;
import org.bipm.kcdb.review.web.ReviewRequests.IntentRequest;
import org.bipm.kcdb.review.web.ReviewRequests.ReviewerRequest;
import org.bipm.kcdb.review.web.ReviewRequests.RmoDecisionRequest;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Acting on a case (CONTRACT.md §3). Each answers with the case as it now stands. Refusals, in this order
 * (authorization before the body, so a caller without rights learns nothing of the case or the body's rules): 403
 * for a role that has no part in the action, 404 for a case the caller does not see, 400 for missing or malformed
 * fields, 403 for a scope that has no part in this case, 409 naming the current stage, 422 for a request that breaks
 * a review rule.
 */
@RestController
@RequestMapping("/api/reviews/{id}")
class ReviewCommands {

    private final ReviewApplication reviews;
    private final ReviewQueries queries;

    ReviewCommands(ReviewApplication reviews, ReviewQueries queries) {
        this.reviews = reviews;
        this.queries = queries;
    }

    @PostMapping("/reviewers")
    Mono<ResponseEntity<ReviewCaseView>> assignReviewer(Caller caller, @PathVariable String id,
                                                        @RequestBody ReviewerRequest request) {
        return view(reviews.assignReviewer(caller, id, request::requireComplete, request.reviewer()));
    }

    @PostMapping("/comments")
    Mono<ResponseEntity<ReviewCaseView>> comment(Caller caller, @PathVariable String id,
                                                 @RequestBody CommentRequest request) {
        return view(reviews.comment(caller, id, request::requireComplete, request.text(), request.inReplyTo()));
    }

    @PostMapping("/decision")
    Mono<ResponseEntity<ReviewCaseView>> decide(Caller caller, @PathVariable String id,
                                                @RequestBody DecisionRequest request) {
        return view(reviews.decide(caller, id, request::requireComplete, request.decision(), request.comment(), request.qmsStatementRef()));
    }

    @PostMapping("/rmo-intents")
    Mono<ResponseEntity<ReviewCaseView>> declareIntent(Caller caller, @PathVariable String id,
                                                       @RequestBody IntentRequest request) {
        return view(reviews.declareIntent(caller, id, request::requireComplete, request.willReview(), request.deadline()));
    }

    @PostMapping("/rmo-decisions")
    Mono<ResponseEntity<ReviewCaseView>> rmoDecide(Caller caller, @PathVariable String id,
                                                   @RequestBody RmoDecisionRequest request) {
        return view(reviews.rmoDecide(caller, id, request::requireComplete, request.decision(), request.comment()));
    }

    @PostMapping("/deadline")
    Mono<ResponseEntity<ReviewCaseView>> extendDeadline(Caller caller, @PathVariable String id,
                                                        @RequestBody DeadlineRequest request) {
        return view(reviews.extendDeadline(caller, id, request::requireComplete, request.deadline()));
    }

    @PostMapping("/close")
    Mono<ResponseEntity<ReviewCaseView>> close(Caller caller, @PathVariable String id,
                                               @RequestBody CloseRequest request) {
        return view(reviews.close(caller, id, request::requireComplete, request.comment()));
    }

    private Mono<ResponseEntity<ReviewCaseView>> view(Mono<Versioned<ReviewCase>> changed) {
        return changed.flatMap(queries::file)
                .map(file -> ResponseEntity.ok().eTag(file.stored().etag()).body(ReviewCaseView.of(file)));
    }
}
