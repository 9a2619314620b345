package org.bipm.kcdb.review.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.review.application.ReviewDashboard;
import org.bipm.kcdb.review.application.ReviewQueries;
import org.bipm.kcdb.review.application.ReviewQueries.CaseFilter;
import org.bipm.kcdb.review.application.ReviewQueries.CaseOrder;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.paging.Paging;
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

    /** The filter value that stands for the caller's own RMO or areas. */
    static final String MINE = "mine";

    /** The values of the list's {@code sort}: a leading '-' for the latest first. */
    static final Map<String, CaseOrder> SORTS = Map.of("waiting", CaseOrder.WAITING, "deadline", CaseOrder.DEADLINE,
            "-deadline", CaseOrder.DEADLINE_DESCENDING, "opened", CaseOrder.OPENED,
            "-opened", CaseOrder.OPENED_DESCENDING);

    private final ReviewQueries queries;
    private final Clock clock;

    ReviewController(ReviewQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * The cases the caller sees, the overdue first, then the longest waiting in its stage; {@code assignedTo=me}: only
     * those waiting for the caller to act (their inbox). {@code area} (a metrology area) is beyond the CONTRACT's
     * filters. {@code rmo=mine} and {@code area=mine} stand for the caller's RMO and areas (from the token), so that a
     * page need not know them. {@code sort} orders otherwise (the JCRB dashboard pages the inter-RMO cases by
     * deadline). A page at a time ({@link Paging}): the order holds across pages (every order ends on the case id).
     */
    @GetMapping
    @Operation(summary = "The review cases the caller sees (or, with assignedTo=me, those waiting for them), overdue "
            + "first, then the longest waiting in its stage, or in the order sort names; a page at a time",
            description = "page counts from 0, size from 1 to 1000 (default 50); out of range: 400 invalid-fields. "
                    + "The answer is {page, size, totalElements, content}.")
    Mono<Paging.Page<ReviewSummaryView>> list(Caller caller, @RequestParam(required = false) String cmcId,
                                             @RequestParam(required = false) ReviewStage stage,
                                             @RequestParam(required = false) String rmo,
                                             @RequestParam(required = false) String area,
                                             @RequestParam(required = false) String assignedTo,
                                             @Parameter(description = "The order: waiting (the default: overdue "
                                                     + "first, then the longest waiting in its stage), deadline / "
                                                     + "-deadline (the inter-RMO deadline, nearest / latest first, "
                                                     + "cases without one last), opened / -opened (the opening "
                                                     + "date, oldest / newest first); ties by case id. Another "
                                                     + "value: 400 invalid-fields.",
                                                     schema = @Schema(allowableValues = {"waiting", "deadline",
                                                             "-deadline", "opened", "-opened"}))
                                             @RequestParam(defaultValue = "waiting") String sort,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
        Paging paging = new Paging(page, size);
        CaseOrder order = SORTS.get(sort);
        if (order == null) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "The cases cannot be sorted that way.",
                    List.of(new ApiProblem.FieldError("sort",
                            "must be one of waiting, deadline, -deadline, opened, -opened")));
        }
        if (assignedTo != null && !"me".equals(assignedTo)) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Only your own inbox can be listed.",
                    List.of(new ApiProblem.FieldError("assignedTo", "must be 'me'")));
        }
        String rmoFilter = MINE.equals(rmo) ? mine(caller.rmo(), "rmo") : rmo;
        CaseFilter filter = MINE.equals(area)
                ? new CaseFilter(cmcId, stage, rmoFilter, null, caller.areas())
                : new CaseFilter(cmcId, stage, rmoFilter, area);
        Instant now = clock.instant();
        // The store cuts by the filters; who sees a case, whether it waits for the caller and whether it is overdue
        // are the domain's rules on each case (the last one on the clock), so the page is cut after them.
        return queries.list(caller, filter, assignedTo != null, order).collectList()
                .map(all -> paging.of(all).map(found -> ReviewSummaryView.of(found.aggregate(), now)));
    }

    private static String mine(String value, String field) {
        if (value == null) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Your token names no " + field + ".",
                    List.of(new ApiProblem.FieldError(field, "'mine' needs the " + field + " claim in your token")));
        }
        return value;
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
