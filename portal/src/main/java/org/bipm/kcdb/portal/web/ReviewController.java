package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.ApiProblem;
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
import reactor.core.publisher.Mono;

/**
 * TC chairs', reviewers' and the JCRB's pages: the inbox of review cases and a case with its comments, decisions and
 * history. A form appears only where the case's stage and the user's role allow the action; the API decides again
 * and its refusal is shown on the case page.
 */
@Controller
class ReviewController {

    static final List<String> STAGES = List.of("INTRA_RMO_REVIEW", "RETURNED_TO_WRITER", "INTER_RMO_REVIEW",
            "APPROVED", "REJECTED", "WITHDRAWN");

    private final PlatformApi api;

    ReviewController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/reviews")
    Mono<Rendering> inbox(@RequestParam(required = false) String stage,
                          @RequestParam(defaultValue = "false") boolean mine) {
        StringBuilder uri = new StringBuilder("/api/reviews?");
        List<Object> values = new ArrayList<>();
        if (stage != null && STAGES.contains(stage)) {
            uri.append("stage={stage}&");
            values.add(stage);
        }
        if (mine) {
            uri.append("assignedTo=me");
        }
        return api.getList(uri.toString(), values.toArray()).map(cases -> Rendering.view("reviews")
                .modelAttribute("cases", cases)
                .modelAttribute("stage", stage == null ? "" : stage)
                .modelAttribute("mine", mine)
                .modelAttribute("stages", STAGES)
                .build());
    }

    /**
     * The JCRB's view: cases per stage (drawn as bars), the ages of open cases, how many are overdue, and the cases in
     * inter-RMO review with the nearest deadline first.
     */
    @GetMapping("/dashboard")
    Mono<Rendering> dashboard(@RequestParam(required = false) String rmo, @RequestParam(required = false) String area) {
        StringBuilder uri = new StringBuilder("/api/reviews/dashboard?");
        List<Object> values = new ArrayList<>();
        if (rmo != null && !rmo.isBlank()) {
            uri.append("rmo={rmo}&");
            values.add(rmo);
        }
        if (area != null && !area.isBlank()) {
            uri.append("area={area}");
            values.add(area);
        }
        return Mono.zip(api.get(uri.toString(), values.toArray()),
                        api.getList("/api/reviews?stage={stage}", "INTER_RMO_REVIEW"))
                .map(t -> {
                    Map<String, Object> dashboard = t.getT1().body();
                    long most = dashboard.get("byStage") instanceof Map<?, ?> byStage
                            ? byStage.values().stream().mapToLong(v -> ((Number) v).longValue()).max().orElse(0) : 0;
                    List<Map<String, Object>> interRmo = new ArrayList<>(t.getT2());
                    interRmo.sort(java.util.Comparator.comparing(c -> String.valueOf(c.getOrDefault("deadline",
                            "9999"))));
                    return Rendering.view("dashboard")
                            .modelAttribute("dashboard", dashboard)
                            .modelAttribute("most", Math.max(most, 1))
                            .modelAttribute("interRmo", interRmo)
                            .modelAttribute("rmo", rmo == null ? "" : rmo)
                            .modelAttribute("area", area == null ? "" : area)
                            .modelAttribute("rmos", List.of("AFRIMETS", "APMP", "COOMET", "EURAMET", "GULFMET", "SIM"))
                            .modelAttribute("areas", WriterController.AREAS)
                            .build();
                });
    }

    @GetMapping("/reviews/{id}")
    Mono<Rendering> show(@PathVariable String id, @RequestParam(required = false) String done) {
        return page(id, done, null);
    }

    @PostMapping("/reviews/{id}/comments")
    Mono<Rendering> comment(@PathVariable String id, @ModelAttribute CommentForm form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", form.text() == null ? "" : form.text());
        if (form.inReplyTo() != null && !form.inReplyTo().isBlank()) {
            body.put("inReplyTo", form.inReplyTo());
        }
        return act(id, "/api/reviews/{id}/comments", body, "commented");
    }

    @PostMapping("/reviews/{id}/decision")
    Mono<Rendering> decide(@PathVariable String id, @ModelAttribute DecisionForm form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", form.decision());
        body.put("comment", form.comment());
        if (form.qmsStatementRef() != null && !form.qmsStatementRef().isBlank()) {
            body.put("qmsStatementRef", form.qmsStatementRef());
        }
        return act(id, "/api/reviews/{id}/decision", body, "decided");
    }

    @PostMapping("/reviews/{id}/rmo-intents")
    Mono<Rendering> intent(@PathVariable String id, @ModelAttribute IntentForm form) {
        return act(id, "/api/reviews/{id}/rmo-intents", Map.of("willReview", Boolean.TRUE.equals(form.willReview())),
                "declared");
    }

    // The case page's forms. WebFlux's @RequestParam reads only the query string, never a posted form: the posted
    // fields are bound as model attributes.
    record CommentForm(String text, String inReplyTo) {
    }

    record DecisionForm(String decision, String comment, String qmsStatementRef) {
    }

    record IntentForm(Boolean willReview) {
    }

    /**
     * Assigns a TC reviewer chosen from the directory's list: the body is exactly {@code {"reviewer": ...}}. A refusal
     * (422 on {@code reviewer}, 403, 409) comes back as the case page with the problem next to the list.
     */
    @PostMapping("/reviews/{id}/reviewers")
    Mono<Rendering> assign(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .map(form -> Map.<String, Object>of("reviewer", form.getFirst("reviewer") == null ? ""
                        : form.getFirst("reviewer")))
                .flatMap(body -> api.post("/api/reviews/{id}/reviewers", body, id))
                .map(ok -> Rendering.redirectTo("/reviews/" + id + "?done=assigned").build())
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem) : page(id, null, null, problem));
    }

    private Mono<Rendering> act(String id, String uri, Map<String, Object> body, String done) {
        return api.post(uri, body, id)
                .map(ok -> Rendering.redirectTo("/reviews/" + id + "?done=" + done).build())
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem) : page(id, null, problem));
    }

    private Mono<Rendering> page(String id, String done, ApiProblem problem) {
        return page(id, done, problem, null);
    }

    /**
     * Whether the user may assign reviewers to the case, as the review service decides it: the submitting RMO's chair
     * during intra-RMO review; during inter-RMO review, the chair of an RMO that reviews in the current round and has
     * not decided yet.
     */
    @SuppressWarnings("unchecked")
    static boolean mayAssign(Map<String, Object> reviewCase, PageAdvice.PortalUser user) {
        if (!user.has("tc-chair") || user.rmo() == null) {
            return false;
        }
        String stage = String.valueOf(reviewCase.get("stage"));
        if ("INTRA_RMO_REVIEW".equals(stage)) {
            return user.rmo().equals(reviewCase.get("rmo"));
        }
        if (!"INTER_RMO_REVIEW".equals(stage) || user.rmo().equals(reviewCase.get("rmo"))
                || !(reviewCase.get("interRmoReview") instanceof Map<?, ?> round)
                || !(round.get("reviewingRmos") instanceof List<?> reviewing) || !reviewing.contains(user.rmo())) {
            return false;
        }
        Object current = round.get("round");
        List<Object> decisions = reviewCase.get("decisions") instanceof List<?> d ? (List<Object>) d : List.of();
        return decisions.stream().noneMatch(d -> d instanceof Map<?, ?> decision
                && user.rmo().equals(decision.get("rmo"))
                && (current == null || String.valueOf(current).equals(String.valueOf(decision.get("round")))));
    }

    private Mono<Rendering> page(String id, String done, ApiProblem problem, ApiProblem assignProblem) {
        return Mono.zip(api.get("/api/reviews/{id}", id), PageAdvice.signedIn()).flatMap(t -> {
            Map<String, Object> reviewCase = t.getT1().body();
            PageAdvice.PortalUser user = t.getT2();
            if (!mayAssign(reviewCase, user)) {
                return Mono.just(render(reviewCase, user, done, problem, assignProblem, false, List.of(), false));
            }
            return api.getList("/api/directory/reviewers?rmo={rmo}&area={area}", user.rmo(),
                            String.valueOf(reviewCase.getOrDefault("area", "")))
                    .map(reviewers -> render(reviewCase, user, done, problem, assignProblem, true, reviewers, false))
                    .onErrorResume(ApiProblem.class, p -> p.status() == 401 ? Mono.error(p)
                            : Mono.just(render(reviewCase, user, done, problem, assignProblem, true, List.of(),
                            true)));
        });
    }

    private Rendering render(Map<String, Object> reviewCase, PageAdvice.PortalUser user, String done,
                             ApiProblem problem, ApiProblem assignProblem, boolean canAssign,
                             List<Map<String, Object>> reviewers, boolean directoryUnavailable) {
        if (assignProblem != null && !canAssign && problem == null) {
            problem = assignProblem; // the form is gone (the case moved on): the refusal is shown at the top
            assignProblem = null;
        }
        ApiProblem shown = problem != null ? problem : assignProblem;
        String stage = String.valueOf(reviewCase.get("stage"));
        boolean ownRmo = user.rmo() != null && user.rmo().equals(reviewCase.get("rmo"));
        Rendering.Builder<?> page = Rendering.view("review")
                .status(shown == null ? HttpStatus.OK : HttpStatus.valueOf(shown.status()))
                .modelAttribute("reviewCase", reviewCase)
                .modelAttribute("done", done == null ? "" : done)
                .modelAttribute("canComment", !List.of("APPROVED", "REJECTED", "WITHDRAWN").contains(stage))
                .modelAttribute("canDecide", "INTRA_RMO_REVIEW".equals(stage) && user.has("tc-chair") && ownRmo)
                .modelAttribute("canDeclare", "INTER_RMO_REVIEW".equals(stage) && user.has("tc-chair")
                        && !ownRmo)
                .modelAttribute("canAssign", canAssign)
                .modelAttribute("reviewers", reviewers)
                .modelAttribute("directoryUnavailable", directoryUnavailable);
        if (problem != null) {
            page.modelAttribute("problem", problem);
        }
        if (assignProblem != null) {
            page.modelAttribute("assignProblem", assignProblem);
        }
        return page.build();
    }
}
