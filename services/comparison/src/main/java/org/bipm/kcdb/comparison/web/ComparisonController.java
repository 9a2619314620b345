package org.bipm.kcdb.comparison.web;

import java.net.URI;
import java.util.List;
import org.bipm.kcdb.comparison.application.ComparisonApplication;
import org.bipm.kcdb.comparison.domain.Actor;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonEvaluation;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.comparison.domain.EvaluationChoice;
import org.bipm.kcdb.comparison.domain.Registration;
import org.bipm.kcdb.comparison.domain.ResultSubmission;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.paging.Paging;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Comparisons (CONTRACT.md §4). */
@RestController
@RequestMapping("/api/comparisons")
class ComparisonController {

    private final ComparisonApplication comparisons;

    ComparisonController(ComparisonApplication comparisons) {
        this.comparisons = comparisons;
    }

    @PostMapping
    Mono<ResponseEntity<ComparisonView>> register(Caller caller, @RequestBody Registration registration) {
        return comparisons.register(caller, registration).map(saved -> ResponseEntity
                .created(URI.create("/api/comparisons/" + saved.aggregate().identifier()))
                .eTag(saved.etag()).body(view(saved)));
    }

    @GetMapping("/{identifier}")
    Mono<ResponseEntity<ComparisonView>> read(Caller caller, @PathVariable String identifier) {
        return comparisons.read(identifier).map(saved -> ResponseEntity.ok().eTag(saved.etag()).body(view(saved)));
    }

    /** The comparisons, a page at a time in identifier order (the platform's one paging rule, {@link Paging}). */
    @GetMapping
    Mono<Paging.Page<ComparisonView>> list(Caller caller, @RequestParam(required = false) String area,
                                           @RequestParam(required = false) ComparisonStatus status,
                                           @RequestParam(required = false) String participant,
                                           @RequestParam(required = false) Boolean overdue,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
        return comparisons.list(area, status, participant, overdue, new Paging(page, size))
                .map(found -> found.map(this::view));
    }

    @PostMapping("/{identifier}/status")
    Mono<ResponseEntity<ComparisonView>> moveTo(Caller caller, @PathVariable String identifier,
                                                @RequestBody StatusRequest request) {
        return comparisons.moveTo(caller, identifier, request.status())
                .map(saved -> ResponseEntity.ok().eTag(saved.etag()).body(view(saved)));
    }

    @PutMapping("/{identifier}/results/{institute}")
    Mono<ResultView> submitResult(Caller caller, @PathVariable String identifier, @PathVariable String institute,
                                  @RequestBody ResultSubmission submission) {
        return comparisons.submitResult(caller, identifier, institute, submission)
                .map(saved -> ResultView.of(saved.aggregate().resultOf(institute).orElseThrow()));
    }

    /**
     * The results the caller may see: blind to other participants until Draft A. Those who may not read the drafts
     * get the 404 its evaluations answer them, not an empty list that confirms the comparison exists.
     */
    @GetMapping("/{identifier}/results")
    Mono<List<ResultView>> results(Caller caller, @PathVariable String identifier) {
        Actor actor = ComparisonApplication.actor(caller);
        return visibleEvaluations(caller, identifier)
                .map(c -> c.resultsVisibleTo(actor).stream().map(ResultView::of).toList());
    }

    @PostMapping("/{identifier}/evaluations")
    Mono<ResponseEntity<EvaluationView>> evaluate(Caller caller, @PathVariable String identifier,
                                                  @RequestBody EvaluationChoice choice) {
        return comparisons.evaluate(caller, identifier, choice).map(saved -> {
            ComparisonEvaluation latest = saved.aggregate().latestEvaluation().orElseThrow();
            return ResponseEntity.created(URI.create("/api/comparisons/" + identifier + "/evaluations/"
                    + latest.number())).body(EvaluationView.of(latest, true));
        });
    }

    @GetMapping("/{identifier}/evaluations")
    Mono<List<EvaluationView>> evaluations(Caller caller, @PathVariable String identifier) {
        return visibleEvaluations(caller, identifier).map(c -> c.evaluations().stream()
                .map(e -> EvaluationView.of(e, c.currentEvaluation().filter(e::equals).isPresent())).toList());
    }

    @GetMapping("/{identifier}/evaluations/{number}")
    Mono<EvaluationView> evaluation(Caller caller, @PathVariable String identifier, @PathVariable int number) {
        return visibleEvaluations(caller, identifier).map(c -> c.evaluations().stream()
                .filter(e -> e.number() == number).findFirst()
                .map(e -> EvaluationView.of(e, c.currentEvaluation().filter(e::equals).isPresent()))
                .orElseThrow(() -> ApiProblem.notFound("Evaluation " + number + " of " + identifier)));
    }

    /**
     * The graph of equivalence of the latest evaluation. Public once the comparison is published, so the portal
     * and others can embed it; before that, for those who may read the draft reports.
     */
    @GetMapping(value = "/{identifier}/degrees-of-equivalence.svg", produces = "image/svg+xml")
    Mono<ResponseEntity<String>> graph(Caller caller, @PathVariable String identifier) {
        return visibleEvaluations(caller, identifier).map(c -> {
            ComparisonEvaluation latest = c.latestEvaluation()
                    .orElseThrow(() -> ApiProblem.notFound("An evaluation of " + identifier));
            return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                    .body(EquivalenceGraph.svg(c.identifier(), c.unit(),
                            latest.evaluation().degreesOfEquivalence()));
        });
    }

    private Mono<Comparison> visibleEvaluations(Caller caller, String identifier) {
        Actor actor = ComparisonApplication.actor(caller);
        // Someone who may not see the drafts learns nothing, not even that the comparison exists.
        return comparisons.read(identifier).map(Versioned::aggregate)
                .filter(c -> c.evaluationsVisibleTo(actor))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Comparison " + identifier)));
    }

    private ComparisonView view(Versioned<Comparison> saved) {
        return ComparisonView.of(saved, comparisons.overdue(saved.aggregate()));
    }

    record StatusRequest(ComparisonStatus status) {
    }
}
