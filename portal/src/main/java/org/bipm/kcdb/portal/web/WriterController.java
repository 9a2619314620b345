package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.ApiResponse;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The CMC writer's pages: the institute's CMCs, the physics CMC form with its cascading classification, a CMC with its
 * actions and history. Every change is a POST that redirects to the CMC's page (post/redirect/get), so reloading or
 * a double click never sends it twice; a refusal re-renders the form with the API's message and field errors.
 */
@Controller
class WriterController {

    static final int PAGE_SIZE = 20;
    static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "INTRA_RMO_REVIEW", "RETURNED",
            "INTER_RMO_REVIEW", "APPROVED", "PUBLISHED", "REJECTED", "WITHDRAWN");
    static final List<String> AREAS = List.of("AUV", "EM", "L", "M", "PR", "T", "TF", "QM", "RI");
    private static final Set<String> EDITABLE = Set.of("DRAFT", "RETURNED");
    private static final Set<String> WITHDRAWABLE = Set.of("SUBMITTED", "INTRA_RMO_REVIEW", "INTER_RMO_REVIEW");

    static final String BULK_RESULT = "kcdb.portal.bulkSubmitResult";

    private final PlatformApi api;

    WriterController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/cmcs")
    Mono<Rendering> list(@RequestParam(required = false) String status, @RequestParam(required = false) String area,
                         @RequestParam(defaultValue = "0") int page, WebSession session) {
        // The outcome of a bulk submission, kept in the session across its redirect and shown once.
        Object bulk = session.getAttributes().remove(BULK_RESULT);
        StringBuilder uri = new StringBuilder("/api/cmcs?page={page}&size={size}");
        List<Object> values = new ArrayList<>(List.of(Math.max(page, 0), PAGE_SIZE));
        if (status != null && STATUSES.contains(status)) {
            uri.append("&status={status}");
            values.add(status);
        }
        if (area != null && AREAS.contains(area)) {
            uri.append("&area={area}");
            values.add(area);
        }
        return api.get(uri.toString(), values.toArray()).map(found -> Rendering.view("cmcs")
                .modelAttribute("result", found.body())
                .modelAttribute("status", status == null ? "" : status)
                .modelAttribute("area", area == null ? "" : area)
                .modelAttribute("page", Math.max(page, 0))
                .modelAttribute("pageSize", PAGE_SIZE)
                .modelAttribute("statuses", STATUSES)
                .modelAttribute("areas", AREAS)
                .modelAttribute("bulk", bulk == null ? Map.of() : bulk)
                .build());
    }

    /**
     * Submits the checked drafts and returned CMCs in one request ({@code {"ids": [...]}}); the API answers each id on
     * its own. The results (id, status afterwards or the problem's message; nothing else) wait in the session for the
     * list page the answer redirects to.
     */
    @PostMapping("/cmcs/bulk-submit")
    Mono<Rendering> bulkSubmit(ServerWebExchange exchange) {
        return Mono.zip(exchange.getFormData(), exchange.getSession()).flatMap(t -> {
            List<String> ids = t.getT1().getOrDefault("ids", List.of()).stream()
                    .filter(id -> id != null && !id.isBlank()).distinct().toList();
            WebSession session = t.getT2();
            Rendering back = Rendering.redirectTo("/cmcs").build();
            if (ids.isEmpty()) {
                session.getAttributes().put(BULK_RESULT, Map.of("nothingSelected", true));
                return Mono.just(back);
            }
            return api.post("/api/cmcs/bulk-submit", Map.of("ids", ids))
                    .map(answer -> {
                        session.getAttributes().put(BULK_RESULT, Map.of("results", BulkResults.rows(answer.body())));
                        return back;
                    })
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isUnavailable() || problem.status() == 401) {
                            return Mono.error(problem);
                        }
                        session.getAttributes().put(BULK_RESULT, Map.of("message", BulkResults.message(problem.detail(),
                                problem.title())));
                        return Mono.just(back);
                    });
        });
    }

    /** A new CMC of one of the three domains ({@code ?domain=PHYSICS}, {@code CHEM-BIO}, {@code RADIATION}). */
    @GetMapping("/cmcs/new")
    Mono<Rendering> newCmc(@RequestParam(defaultValue = "PHYSICS") String domain) {
        CmcForm form = new CmcForm();
        form.setDomainCode(DOMAINS.contains(domain) ? domain : "PHYSICS");
        return form(form, null, null, HttpStatus.OK);
    }

    static final List<String> DOMAINS = List.of("PHYSICS", DomainChoices.CHEMISTRY, DomainChoices.RADIATION);

    /** The classification's selects again, for the choices below the one just changed (htmx). */
    @GetMapping("/cmcs/classification")
    Mono<Rendering> classification(@ModelAttribute("form") CmcForm form) {
        if (DomainChoices.isChemistry(form) || DomainChoices.isRadiation(form)) {
            return DomainChoices.load(api, form).map(choices -> Rendering.view("cmc-domain :: "
                            + (DomainChoices.isChemistry(form) ? "chemistry" : "radiation"))
                    .modelAttribute("form", form).modelAttribute("domainChoices", choices)
                    .modelAttribute("errors", Map.of()).build());
        }
        return Classification.load(api, form).map(choices -> Rendering.view("cmc-form :: classification")
                .modelAttribute("form", form).modelAttribute("choices", choices)
                .modelAttribute("errors", Map.of()).build());
    }

    @PostMapping("/cmcs")
    Mono<Rendering> create(@ModelAttribute("form") CmcForm form) {
        return api.post("/api/cmcs", form.toBody())
                .map(created -> redirect(created.body().get("id"), "saved"))
                .onErrorResume(ApiProblem.class, problem -> refused(form, null, problem));
    }

    @GetMapping("/cmcs/{id}")
    Mono<Rendering> show(@PathVariable String id, @RequestParam(required = false) String done) {
        return page(id, done, null, HttpStatus.OK);
    }

    @GetMapping("/cmcs/{id}/edit")
    Mono<Rendering> edit(@PathVariable String id) {
        return api.get("/api/cmcs/{id}", id)
                .flatMap(found -> form(CmcForm.of(found.body(), found.etag()), id, null, HttpStatus.OK));
    }

    @PostMapping("/cmcs/{id}")
    Mono<Rendering> save(@PathVariable String id, @ModelAttribute("form") CmcForm form) {
        String ifMatch = form.getEtag() == null || form.getEtag().isBlank() ? "*" : form.getEtag();
        return api.put("/api/cmcs/{id}", ifMatch, form.toBody(), id)
                .map(saved -> redirect(id, "saved"))
                .onErrorResume(ApiProblem.class, problem -> refused(form, id, problem));
    }

    @PostMapping("/cmcs/{id}/submit")
    Mono<Rendering> submit(@PathVariable String id) {
        return api.post("/api/cmcs/{id}/submit", null, id)
                .map(submitted -> redirect(id, "submitted"))
                .onErrorResume(ApiProblem.class, problem -> !problem.fieldErrors().isEmpty()
                        // Incomplete: the form, with each missing or wrong field marked.
                        ? api.get("/api/cmcs/{id}", id).flatMap(found ->
                                form(CmcForm.of(found.body(), found.etag()), id, problem,
                                        HttpStatus.UNPROCESSABLE_CONTENT))
                        : problemOnPage(id, problem));
    }

    @PostMapping("/cmcs/{id}/withdraw")
    Mono<Rendering> withdraw(@PathVariable String id, @ModelAttribute WithdrawalForm form) {
        String reason = form.reason();
        Map<String, Object> body = reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason.strip());
        return api.post("/api/cmcs/{id}/withdraw", body, id)
                .map(withdrawn -> redirect(id, "withdrawn"))
                .onErrorResume(ApiProblem.class, problem -> problemOnPage(id, problem));
    }

    /**
     * A modification of one of the institute's published CMCs: the form filled with the published content, posting
     * a new draft that, approved, publishes the next version under the same code.
     */
    @GetMapping("/cmcs/{id}/modification")
    Mono<Rendering> modification(@PathVariable String id) {
        return api.get("/api/cmcs/{id}", id).flatMap(found -> {
            Object code = found.body().get("kcdbCode");
            if (!"PUBLISHED".equals(found.body().get("status")) || code == null) {
                return page(id, null, new ApiProblem(409, "Conflict", "Only a published CMC can be modified.",
                        Map.of()), HttpStatus.CONFLICT);
            }
            CmcForm form = CmcForm.of(found.body(), null);
            return form(form, null, "/cmcs/modifications/" + code, String.valueOf(code), null, HttpStatus.OK);
        });
    }

    @PostMapping("/cmcs/modifications/{kcdbCode}")
    Mono<Rendering> modify(@PathVariable String kcdbCode, @ModelAttribute("form") CmcForm form) {
        return api.post("/api/cmcs/{code}/modifications", form.toBody(), kcdbCode)
                .map(created -> redirect(created.body().get("id"), "modification"))
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        || problem.status() == 403 || problem.status() == 404
                        ? Mono.error(problem)
                        : form(form, null, "/cmcs/modifications/" + kcdbCode, kcdbCode, problem,
                                HttpStatus.valueOf(problem.status())));
    }

    /**
     * Asks for the published CMC's deletion, with the reason the reviewers read; the request is a new CMC under review
     * at once, so the answer shows that one.
     */
    @PostMapping("/cmcs/{id}/deletion-request")
    Mono<Rendering> requestDeletion(@PathVariable String id, @ModelAttribute WithdrawalForm form) {
        String reason = form.reason() == null ? "" : form.reason().strip();
        return api.get("/api/cmcs/{id}", id)
                .flatMap(found -> api.post("/api/cmcs/{code}/deletion-requests", Map.of("reason", reason),
                        String.valueOf(found.body().get("kcdbCode"))))
                .map(created -> redirect(created.body().get("id"), "deletionRequested"))
                .onErrorResume(ApiProblem.class, problem -> problemOnPage(id, problem));
    }

    /** The withdrawal form, bound as a model attribute (WebFlux's @RequestParam reads only the query string). */
    record WithdrawalForm(String reason) {
    }

    private Mono<Rendering> problemOnPage(String id, ApiProblem problem) {
        if (problem.isUnavailable() || problem.status() == 401) {
            return Mono.error(problem);
        }
        return page(id, null, problem, HttpStatus.valueOf(problem.status()));
    }

    private Mono<Rendering> page(String id, String done, ApiProblem problem, HttpStatus status) {
        return Mono.zip(api.get("/api/cmcs/{id}", id), api.getList("/api/cmcs/{id}/history", id))
                .map(t -> {
                    ApiResponse cmc = t.getT1();
                    String current = String.valueOf(cmc.body().get("status"));
                    Rendering.Builder<?> page = Rendering.view("cmc").status(status)
                            .modelAttribute("cmc", cmc.body())
                            .modelAttribute("history", RecordText.readableChanges(t.getT2()))
                            .modelAttribute("editable", EDITABLE.contains(current))
                            .modelAttribute("withdrawable", WITHDRAWABLE.contains(current))
                            .modelAttribute("published", "PUBLISHED".equals(current)
                                    && cmc.body().get("kcdbCode") != null)
                            .modelAttribute("done", done == null ? "" : done);
                    if (problem != null) {
                        page.modelAttribute("problem", problem);
                    }
                    return page.build();
                });
    }

    private Mono<Rendering> refused(CmcForm form, String id, ApiProblem problem) {
        if (problem.isUnavailable() || problem.status() == 401 || problem.status() == 404
                || problem.status() == 403) {
            return Mono.error(problem);
        }
        return form(form, id, problem, HttpStatus.valueOf(problem.status()));
    }

    private Mono<Rendering> form(CmcForm form, String id, ApiProblem problem, HttpStatus status) {
        return form(form, id, id == null ? "/cmcs" : "/cmcs/" + id, null, problem, status);
    }

    /**
     * The form of the CMC's domain, posting to {@code action}; {@code modifies} is the KCDB code of the published CMC
     * a modification replaces (null otherwise).
     */
    Mono<Rendering> form(CmcForm form, String id, String action, String modifies, ApiProblem problem,
                         HttpStatus status) {
        boolean physics = !DomainChoices.isChemistry(form) && !DomainChoices.isRadiation(form);
        Mono<Classification> classification = physics ? Classification.load(api, form)
                : Mono.just(new Classification(List.of(), List.of(), List.of(), List.of(), List.of()));
        return Mono.zip(classification, DomainChoices.load(api, form)).map(loaded -> {
            Rendering.Builder<?> page = Rendering.view("cmc-form").status(status)
                    .modelAttribute("form", form)
                    .modelAttribute("choices", loaded.getT1())
                    .modelAttribute("domainChoices", loaded.getT2())
                    .modelAttribute("formAction", action)
                    .modelAttribute("modifies", modifies == null ? "" : modifies)
                    .modelAttribute("cmcId", id == null ? "" : id)
                    .modelAttribute("errors", problem == null ? Map.of() : problem.fieldErrors());
            if (problem != null) {
                page.modelAttribute("problem", problem);
            }
            return page.build();
        });
    }

    private static Rendering redirect(Object id, String done) {
        return Rendering.redirectTo("/cmcs/" + id + "?done=" + done).build();
    }
}
