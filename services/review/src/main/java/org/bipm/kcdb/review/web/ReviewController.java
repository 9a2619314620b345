package org.bipm.kcdb.review.web;

import java.util.List;
import org.bipm.kcdb.review.application.ReviewDashboard;
import org.bipm.kcdb.review.application.ReviewQueries;
import org.bipm.kcdb.review.application.ReviewQueries.CaseFilter;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Reading the review (CONTRACT.md §3): a case, the lists and inboxes, the dashboard. */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private final ReviewQueries queries;

    ReviewController(ReviewQueries queries) {
        this.queries = queries;
    }

    /**
     * The cases the caller sees, the longest waiting in its stage first; {@code assignedTo=me}: only those waiting
     * for the caller to act (their inbox). {@code area} (a metrology area) is beyond the CONTRACT's filters.
     */
    @GetMapping
    Mono<List<ReviewSummaryView>> list(Caller caller, @RequestParam(required = false) String cmcId,
                                       @RequestParam(required = false) ReviewStage stage,
                                       @RequestParam(required = false) String rmo,
                                       @RequestParam(required = false) String area,
                                       @RequestParam(required = false) String assignedTo) {
        if (assignedTo != null && !"me".equals(assignedTo)) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Only your own inbox can be listed.",
                    List.of(new ApiProblem.FieldError("assignedTo", "must be 'me'")));
        }
        return queries.list(caller, new CaseFilter(cmcId, stage, rmo, area), assignedTo != null)
                .map(found -> ReviewSummaryView.of(found.aggregate())).collectList();
    }

    @GetMapping("/dashboard")
    Mono<ReviewDashboard> dashboard(Caller caller, @RequestParam(required = false) String rmo,
                                    @RequestParam(required = false) String area) {
        return queries.dashboard(caller, new CaseFilter(null, null, rmo, area));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ReviewCaseView>> read(Caller caller, @PathVariable String id) {
        return queries.readable(caller, id).flatMap(queries::file)
                .map(file -> ResponseEntity.ok().eTag(file.stored().etag()).body(ReviewCaseView.of(file)));
    }
}
