package org.bipm.kcdb.comparison.web;

import java.net.URI;
import java.util.List;
import org.bipm.kcdb.comparison.application.ComparisonApplication;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.comparison.domain.Registration;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
                .eTag(saved.etag()).body(ComparisonView.of(saved)));
    }

    @GetMapping("/{identifier}")
    Mono<ComparisonView> read(Caller caller, @PathVariable String identifier) {
        return comparisons.read(identifier).map(ComparisonView::of);
    }

    @GetMapping
    Mono<List<ComparisonView>> list(Caller caller, @RequestParam(required = false) String area,
                                    @RequestParam(required = false) ComparisonStatus status,
                                    @RequestParam(required = false) String participant) {
        return comparisons.list(area, status, participant).map(ComparisonView::of).collectList();
    }

    record ComparisonView(String identifier, String type, String organiser, String metrologyAreaLabel,
                          String measurand, String unit, String pilot, List<String> participants, String linkedTo,
                          String protocolReference, ComparisonStatus status, String registeredBy,
                          java.time.Instant registeredAt, long version) {

        static ComparisonView of(Versioned<Comparison> stored) {
            Comparison c = stored.aggregate();
            return new ComparisonView(c.identifier(), c.type(), c.organiser(), c.metrologyAreaLabel(), c.measurand(),
                    c.unit(), c.pilot(), c.participants(), c.linkedTo(), c.protocolReference(), c.status(),
                    c.registeredBy(), c.registeredAt(), stored.version());
        }
    }
}
