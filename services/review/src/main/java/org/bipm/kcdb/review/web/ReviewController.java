package org.bipm.kcdb.review.web;

import java.util.List;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Review cases (CONTRACT.md §3). */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private final ReviewApplication reviews;

    ReviewController(ReviewApplication reviews) {
        this.reviews = reviews;
    }

    @GetMapping
    Mono<List<ReviewCaseView>> list(Caller caller, @RequestParam(required = false) String cmcId,
                                    @RequestParam(required = false) ReviewStage stage,
                                    @RequestParam(required = false) String rmo) {
        return reviews.list(caller, cmcId, stage, rmo).map(ReviewCaseView::of).collectList();
    }

    @GetMapping("/{id}")
    Mono<ReviewCaseView> read(Caller caller, @PathVariable String id) {
        return reviews.read(caller, id).map(ReviewCaseView::of);
    }

    @PostMapping("/{id}/decision")
    Mono<ReviewCaseView> decide(Caller caller, @PathVariable String id, @RequestBody DecisionRequest request) {
        if (request.decision() == null) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "A decision is required.",
                    List.of(new ApiProblem.FieldError("decision", "must be APPROVE, RETURN or REJECT")));
        }
        if (request.decision() != Decision.Kind.APPROVE && (request.comment() == null || request.comment().isBlank())) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Say why the CMC is returned or rejected.",
                    List.of(new ApiProblem.FieldError("comment", "is required when returning or rejecting")));
        }
        return reviews.decide(caller, id, request.decision(), request.comment(), request.qmsStatementRef())
                .map(ReviewCaseView::of);
    }

    /** {@code qmsStatementRef}: for an approval, the RMO's QMS statement; defaults to the one the CMC cites. */
    record DecisionRequest(Decision.Kind decision, String comment, String qmsStatementRef) {
    }

    /** A case as reviewers see it. */
    record ReviewCaseView(String id, String cmcId, ReviewStage stage, String institute, String country, String rmo,
                          String area, int round, long version, java.time.Instant openedAt,
                          org.bipm.kcdb.events.CmcContent cmc, List<Decision> decisions,
                          List<org.bipm.kcdb.review.domain.CaseHistoryEntry> history) {

        static ReviewCaseView of(Versioned<ReviewCase> stored) {
            ReviewCase c = stored.aggregate();
            return new ReviewCaseView(c.id(), c.cmcId(), c.stage(), c.institute(), c.country(), c.rmo(), c.area(),
                    c.round(), stored.version(), c.openedAt(), c.content(), c.decisions(), c.history());
        }
    }
}
