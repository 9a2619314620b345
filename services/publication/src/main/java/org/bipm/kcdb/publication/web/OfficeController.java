package org.bipm.kcdb.publication.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bipm.kcdb.publication.application.PublicationApplication;
import org.bipm.kcdb.publication.domain.IllegalPublicationTransition;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The KCDB office's hand on published records: grey out (a CMC not offered for now, e.g. while an institute's
 * quality system is under review), restore, delete. Token required: these paths are carved out of the public KCDB.
 */
@RestController
@RequestMapping("/api/kcdb/office/cmc/{kcdbCode}")
class OfficeController {

    static final int MAX_REASON = 2000;

    private final PublicationApplication publication;
    private final Clock clock;

    private final ReferenceChanges changes;

    OfficeController(PublicationApplication publication, Clock clock, ReferenceChanges changes) {
        this.changes = changes;
        this.publication = publication;
        this.clock = clock;
    }

    @PostMapping("/grey-out")
    Mono<Map<String, Object>> greyOut(Caller caller, @PathVariable String kcdbCode,
                                      @RequestBody(required = false) Reason reason) {
        return apply(caller, kcdbCode, reason, cmc -> cmc.greyOut(caller.username(), text(reason), clock.instant()));
    }

    @PostMapping("/restore")
    Mono<Map<String, Object>> restore(Caller caller, @PathVariable String kcdbCode,
                                      @RequestBody(required = false) Reason reason) {
        return apply(caller, kcdbCode, reason, cmc -> cmc.restore(caller.username(), text(reason), clock.instant()));
    }

    @PostMapping("/delete")
    Mono<Map<String, Object>> delete(Caller caller, @PathVariable String kcdbCode,
                                     @RequestBody(required = false) Reason reason) {
        return apply(caller, kcdbCode, reason, cmc -> cmc.delete(caller.username(), text(reason), clock.instant()));
    }

    private Mono<Map<String, Object>> apply(Caller caller, String kcdbCode, Reason reason,
                                            Function<PublishedCmc, Outcome<PublishedCmc>> action) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Only the KCDB office changes the status of published CMCs.");
        }
        if (reason != null && reason.reason() != null && reason.reason().length() > MAX_REASON) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "The reason is too long.",
                    List.of(new ApiProblem.FieldError("reason", "at most " + MAX_REASON + " characters")));
        }
        return publication.change(kcdbCode, action)
                // the state as the KCDB API names statuses ("Greyed out"), not the shared mapping's enum name
                .onErrorMap(IllegalPublicationTransition.class,
                        e -> ApiProblem.conflict(e.getMessage(), e.current().label()))
                .map(saved -> KcdbRecords.toApi(saved.aggregate(), true, changes));
    }

    private static String text(Reason reason) {
        return reason == null ? null : reason.reason();
    }

    /** Why: shown to the RMOs in the event. */
    record Reason(String reason) {
    }
}
