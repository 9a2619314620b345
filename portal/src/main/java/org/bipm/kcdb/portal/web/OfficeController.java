package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The KCDB office's pages: a published CMC greyed out, restored or deleted with a reason from the CMC's public page.
 * The forms appear only for the office and only where the CMC's status allows the change; the API decides again and
 * its refusal (409) is shown on the CMC's page. The office's page uploads migration files (a KCDB search response, the
 * KCDB's comparisons, one of its reference-data tables) and shows the import's report, or the records the API
 * refused with their errors.
 */
@Controller
class OfficeController {

    /** The status changes the office may post, each with the notice shown after the redirect. */
    static final Map<String, String> CHANGES = Map.of("grey-out", "greyedOut", "restore", "restored",
            "delete", "deleted");

    static final String IMPORT_RESULT = OfficeController.class.getName() + ".import";

    private final PlatformApi api;
    private final PlatformApi publicApi;

    OfficeController(@Qualifier("user") PlatformApi api, @Qualifier("anonymous") PlatformApi publicApi) {
        this.api = api;
        this.publicApi = publicApi;
    }

    // The posted fields are bound as a model attribute: WebFlux's @RequestParam never reads a posted form.
    record StatusChangeForm(String reason, String confirm) {
    }

    @PostMapping("/office/cmc/{kcdbCode}/{change}")
    Mono<Rendering> change(@PathVariable String kcdbCode, @PathVariable String change,
                           @ModelAttribute StatusChangeForm form) {
        String done = CHANGES.get(change);
        if (done == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        String page = "/kcdb/" + UriUtils.encodePathSegment(kcdbCode, java.nio.charset.StandardCharsets.UTF_8);
        if ("delete".equals(change) && !"yes".equals(form.confirm())) {
            // Deletion needs the confirmation box ticked; nothing is sent to the API without it.
            return Mono.just(Rendering.redirectTo(page + "?done=deleteNotConfirmed").build());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (form.reason() != null && !form.reason().isBlank()) {
            body.put("reason", form.reason());
        }
        return api.post("/api/kcdb/office/cmc/{kcdbCode}/" + change, body, kcdbCode)
                .map(ok -> Rendering.redirectTo(page + "?done=" + done).build())
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem)
                        : publicApi.get("/api/kcdb/cmc/{kcdbCode}", kcdbCode).map(found -> Rendering.view("kcdb-cmc")
                        .status(HttpStatus.valueOf(problem.status()))
                        .modelAttribute("cmc", found.body())
                        .modelAttribute("done", "")
                        .modelAttribute("problem", problem)
                        .build()));
    }

    /** The office's page; the outcome of an upload waits in the session across its redirect and is shown once. */
    @GetMapping("/office")
    Mono<Rendering> office(WebSession session) {
        Object result = session.getAttributes().remove(IMPORT_RESULT);
        return Mono.just(Rendering.view("office").modelAttribute("result", result == null ? Map.of() : result)
                .modelAttribute("kcdbTables", KCDB_TABLES)
                .modelAttribute("parentFields", PARENT_FIELDS)
                .build());
    }

    /**
     * Forwards the uploaded file, as it is, to the migration ({@code POST /api/kcdb/imports} takes
     * {@code application/json}), then redirects to the office's page with the report or the refusal kept in the
     * session. The file is read from the multipart body: WebFlux's @RequestParam never reads a posted form.
     */
    @PostMapping("/office/imports")
    Mono<Rendering> upload(ServerWebExchange exchange) {
        return forward(exchange, "cmcs", "/api/kcdb/imports");
    }

    /** The comparisons of today's KCDB, forwarded as they are to {@code POST /api/kcdb/imports/comparisons}. */
    @PostMapping("/office/imports/comparisons")
    Mono<Rendering> uploadComparisons(ServerWebExchange exchange) {
        return forward(exchange, "comparisons", "/api/kcdb/imports/comparisons");
    }

    /**
     * A KCDB {@code /referenceData/{table}} response, forwarded as it is to
     * {@code POST /api/kcdb/imports/reference-data/{table}}, with the parent a tree table was asked with
     * ({@code areaId=3}) as the KCDB path names it.
     */
    @PostMapping("/office/imports/reference-data")
    Mono<Rendering> uploadReferenceData(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(parts -> {
            String table = value(parts.getFirst("table"));
            String parentField = value(parts.getFirst("parentField"));
            String parentId = value(parts.getFirst("parentId"));
            if (!KCDB_TABLES.contains(table)) {
                return exchange.getSession().map(session -> {
                    session.getAttributes().put(IMPORT_RESULT, Map.of("kind", "referenceData", "noTable", true));
                    return Rendering.redirectTo("/office").build();
                });
            }
            String uri = "/api/kcdb/imports/reference-data/{table}";
            if (PARENT_FIELDS.contains(parentField) && !parentId.isBlank()) {
                return forward(exchange, "referenceData", uri + "?" + parentField + "={parent}", table, parentId);
            }
            return forward(exchange, "referenceData", uri, table);
        });
    }

    /** The KCDB's reference-data tables the publication service imports, and the parents its tree tables name. */
    static final List<String> KCDB_TABLES = List.of("domain", "metrologyArea", "branch", "service", "subService",
            "individualService", "country", "quantity", "analyte", "category", "nuclide", "radiationMedium",
            "radiationSource");
    static final List<String> PARENT_FIELDS = List.of("domainCode", "areaId", "branchId", "serviceId",
            "subServiceId");

    private static String value(Part part) {
        return part instanceof org.springframework.http.codec.multipart.FormFieldPart field ? field.value().strip()
                : "";
    }

    private Mono<Rendering> forward(ServerWebExchange exchange, String kind, String uri, Object... variables) {
        Rendering back = Rendering.redirectTo("/office").build();
        return Mono.zip(exchange.getMultipartData(), exchange.getSession()).flatMap(t -> {
            WebSession session = t.getT2();
            Part part = t.getT1().getFirst("file");
            if (!(part instanceof FilePart file) || file.filename().isBlank()) {
                session.getAttributes().put(IMPORT_RESULT, Map.of("kind", kind, "noFile", true));
                return Mono.just(back);
            }
            return api.postJson(uri, file.content(), variables)
                    .map(answer -> {
                        session.getAttributes().put(IMPORT_RESULT, outcome(kind, file.filename(), answer.body(),
                                null));
                        return back;
                    })
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isUnavailable() || problem.status() == 401) {
                            return Mono.error(problem);
                        }
                        session.getAttributes().put(IMPORT_RESULT, outcome(kind, file.filename(), problem.body(),
                                problem));
                        return Mono.just(back);
                    });
        });
    }

    /** What the page shows of an import: the counts, the refused records with their errors, the problem's message. */
    private static Map<String, Object> outcome(String kind, String filename, Map<String, Object> body,
                                               ApiProblem problem) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("kind", kind);
        outcome.put("file", filename);
        outcome.put("fieldErrors", problem == null ? Map.of() : new LinkedHashMap<>(problem.fieldErrors()));
        outcome.put("refused", problem != null);
        if (problem != null) {
            outcome.put("message", problem.detail() != null ? problem.detail()
                    : problem.title() != null ? problem.title() : "");
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String count : List.of("table", "parent", "received", "imported", "updated", "unchanged",
                "rejectedCount", "changed")) {
            if (body.get(count) != null) {
                counts.put(count, body.get(count));
            }
        }
        outcome.put("counts", counts);
        outcome.put("rejected", rejected(body.get("rejected")));
        return outcome;
    }

    private static List<Map<String, Object>> rejected(Object value) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!(value instanceof List<?> records)) {
            return rows;
        }
        for (Object item : records) {
            if (!(item instanceof Map<?, ?> record)) {
                continue;
            }
            List<String> errors = new ArrayList<>();
            if (record.get("errors") instanceof List<?> list) {
                for (Object error : list) {
                    errors.add(error instanceof Map<?, ?> e
                            ? (e.get("field") != null ? e.get("field") + ": " : "") + e.get("message")
                            : String.valueOf(error));
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", record.get("index") == null ? "" : record.get("index"));
            // A CMC is named by its KCDB code, a comparison by its identifier.
            Object name = record.get("kcdbCode") != null ? record.get("kcdbCode") : record.get("identifier");
            row.put("kcdbCode", name == null ? "" : name);
            row.put("errors", errors);
            rows.add(row);
        }
        return rows;
    }
}
