package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bipm.kcdb.publication.application.ComparisonImport;
import org.bipm.kcdb.publication.application.KcdbImport;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/** {@code POST /api/kcdb/imports} (CONTRACT.md §5): the KCDB office migrates published CMCs from today's KCDB. */
@RestController
class ImportController {

    private final KcdbImport imports;
    private final ComparisonImport comparisons;

    ImportController(KcdbImport imports, ComparisonImport comparisons) {
        this.imports = imports;
        this.comparisons = comparisons;
    }

    /** Today's KCDB comparisons, in the shape of {@code GET /api/kcdb/comparisons/{identifier}}. */
    @PostMapping(value = "/api/kcdb/imports/comparisons", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ComparisonImport.Report> importComparisons(Caller caller, ServerWebExchange exchange) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Only the KCDB office imports comparisons.");
        }
        return comparisons.run(exchange.getRequest().getBody())
                .onErrorMap(KcdbImport.InvalidUpload.class, e -> badUpload(e.getMessage()))
                .onErrorMap(KcdbImport.MalformedRecords.class, ImportController::malformed)
                .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> badUpload("The upload is larger than " + ComparisonImport.MAX_UPLOAD_BYTES / (1024 * 1024)
                                + " MB."))
                .onErrorMap(JacksonException.class, e -> badUpload("The upload is not valid JSON (" + where(e)
                        + "); nothing was imported."));
    }

    @PostMapping(value = "/api/kcdb/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<KcdbImport.Report> importCmcs(Caller caller, ServerWebExchange exchange) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Only the KCDB office imports CMCs.");
        }
        return imports.run(exchange.getRequest().getBody())
                .onErrorMap(KcdbImport.InvalidUpload.class, e -> badUpload(e.getMessage()))
                .onErrorMap(KcdbImport.MalformedRecords.class, ImportController::malformed)
                .onErrorMap(JacksonException.class, e -> badUpload("The upload is not valid JSON (" + where(e)
                        + "). Records before that point were imported; importing the corrected file again adds "
                        + "only what is missing."));
    }

    /** 422 naming every refused record (index, code) and field, also flat as {@code errors[].field = data[i].f}. */
    private static ApiProblem malformed(KcdbImport.MalformedRecords e) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("errors", e.errors());
        properties.put("received", e.received());
        properties.put("rejectedCount", e.rejectedCount());
        properties.put("rejected", e.rejected());
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-records", e.getMessage(), properties);
    }

    private static ApiProblem badUpload(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-upload", detail, null);
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
