package org.bipm.kcdb.submission.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.CmcCommands;
import org.bipm.kcdb.submission.application.Writers;
import org.bipm.kcdb.support.web.Bulk;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Acting on many of the institute's CMCs in one request, each as its single action (CONTRACT.md §7). */
@RestController
@RequestMapping("/api/cmcs")
class CmcBulkController {

    private final CmcCommands cmcs;

    CmcBulkController(CmcCommands cmcs) {
        this.cmcs = cmcs;
    }

    @Operation(summary = "Submit many drafts", description = """
            Each id is submitted as POST /api/cmcs/{id}/submit would submit it: its own change and its own \
            cmc.submitted (or cmc.resubmitted) event, not all-or-nothing. 200 with one result per distinct id in \
            the order named: {id, status} (the CMC's status now) or {id, problem} (the problem the single submit \
            answers: 404 not the institute's, 409 in another status, 422 incomplete with errors[]). A repeated id \
            is submitted once and answered once. At most 500 ids (400 batch-too-large beyond); 403 for a caller \
            who is not a writer of an institute.\s""" + Bulk.STORE_UNAVAILABLE)
    @PostMapping("/bulk-submit")
    Mono<Bulk.Results> submit(Caller caller, @RequestBody BulkSubmitRequest request) {
        Writers.requireWriter(caller);
        List<String> ids = Bulk.ids("ids", request.ids());
        return cmcs.bulk(caller, ids).flatMap(read -> Bulk.run(ids, id -> cmcs.submit(read, id)
                .map(saved -> saved.aggregate().status().name()), "/api/cmcs/{id}/submit"));
    }

    /** The drafts (or returned CMCs) to submit, by id. */
    record BulkSubmitRequest(List<String> ids) {
    }
}
