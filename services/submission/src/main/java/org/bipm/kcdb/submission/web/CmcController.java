package org.bipm.kcdb.submission.web;

import java.net.URI;
import java.util.List;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.CmcCommands;
import org.bipm.kcdb.submission.application.CmcQueries;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.submission.domain.HistoryEntry;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.paging.Paging;
import org.bipm.kcdb.support.web.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** CMC drafts and their submission (CONTRACT.md §2). */
@RestController
@RequestMapping("/api/cmcs")
class CmcController {

    private final CmcCommands cmcs;
    private final CmcQueries queries;

    CmcController(CmcCommands cmcs, CmcQueries queries) {
        this.cmcs = cmcs;
        this.queries = queries;
    }

    @PostMapping
    Mono<ResponseEntity<CmcView>> create(Caller caller, @RequestBody CmcRequest request) {
        return cmcs.create(caller, request.toContent()).map(created -> ResponseEntity
                .created(URI.create("/api/cmcs/" + created.aggregate().id()))
                .eTag(created.etag()).body(CmcView.of(created)));
    }

    /** A new draft that will supersede one of the institute's published CMCs once approved. */
    @PostMapping("/{kcdbCode}/modifications")
    Mono<ResponseEntity<CmcView>> modify(Caller caller, @PathVariable String kcdbCode,
                                         @RequestBody CmcRequest request) {
        return cmcs.modify(caller, kcdbCode, request.toContent()).map(created -> ResponseEntity
                .created(URI.create("/api/cmcs/" + created.aggregate().id()))
                .eTag(created.etag()).body(CmcView.of(created)));
    }

    /**
     * Asks for one of the institute's published CMCs to be deleted from the KCDB; the request goes through review
     * at once and, approved, the publication service deletes the CMC.
     */
    @PostMapping("/{kcdbCode}/deletion-requests")
    Mono<ResponseEntity<CmcView>> requestDeletion(Caller caller, @PathVariable String kcdbCode,
                                                  @RequestBody DeletionRequest request) {
        // the reason is judged after the caller's rights on the CMC (issue 17 item 5: authorization first)
        String reason = request == null ? null : request.reason();
        return cmcs.requestDeletion(caller, kcdbCode, reason).map(created -> ResponseEntity
                .created(URI.create("/api/cmcs/" + created.aggregate().id()))
                .eTag(created.etag()).body(CmcView.of(created)));
    }

    /** Why the institute no longer offers the service; required, the reviewers read it. */
    record DeletionRequest(String reason) {
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<CmcView>> read(Caller caller, @PathVariable String id) {
        return queries.read(caller, id).map(CmcController::withEtag);
    }

    /** The institute's CMCs a page at a time (the platform's one paging rule, {@link Paging}). */
    @GetMapping
    Mono<Paging.Page<CmcView>> list(Caller caller, @RequestParam(required = false) CmcStatus status,
                                    @RequestParam(required = false) String area,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
        Paging paging = new Paging(page, size);
        return queries.list(caller, status, area, page, size).map(CmcView::of).collectList()
                .zipWith(queries.count(caller, status, area))
                .map(result -> paging.of(result.getT1(), result.getT2()));
    }

    /** RFC 9110 conditional edit: If-Match is required (428 without it), {@code *} or the strong ETag read. */
    @PutMapping("/{id}")
    Mono<ResponseEntity<CmcView>> edit(Caller caller, @PathVariable String id,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @RequestBody CmcRequest request) {
        return cmcs.edit(caller, id, IfMatch.of(ifMatch).required(), request.toContent())
                .map(CmcController::withEtag);
    }

    /** Deleting a draft may be conditional; without If-Match it deletes whatever version is current. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(Caller caller, @PathVariable String id,
                                      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return cmcs.delete(caller, id, IfMatch.of(ifMatch))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping("/{id}/submit")
    Mono<ResponseEntity<CmcView>> submit(Caller caller, @PathVariable String id) {
        return cmcs.submit(caller, id).map(CmcController::withEtag);
    }

    @PostMapping("/{id}/withdraw")
    Mono<ResponseEntity<CmcView>> withdraw(Caller caller, @PathVariable String id,
                                           @RequestBody(required = false) WithdrawalRequest request) {
        String reason = request == null ? null : request.reason(); // judged by the CMC, after the rights
        return cmcs.withdraw(caller, id, reason).map(CmcController::withEtag);
    }

    /** Why the institute withdraws the CMC; optional. */
    record WithdrawalRequest(String reason) {
    }

    @GetMapping("/{id}/history")
    Mono<List<HistoryEntry>> history(Caller caller, @PathVariable String id) {
        return queries.history(caller, id);
    }

    private static ResponseEntity<CmcView> withEtag(Versioned<org.bipm.kcdb.submission.domain.Cmc> stored) {
        return ResponseEntity.ok().eTag(stored.etag()).body(CmcView.of(stored));
    }
}
