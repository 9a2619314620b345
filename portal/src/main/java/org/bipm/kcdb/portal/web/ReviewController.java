package org.bipm.kcdb.portal.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Flux;
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

    /** The stages in which the JCRB holds a case and its secretary may close it (the review service's rule). */
    static final Set<String> CLOSABLE = Set.of("RETURNED_TO_WRITER", "INTER_RMO_REVIEW");

    private final PlatformApi api;
    private final PlatformApi publicApi;

    ReviewController(@Qualifier("user") PlatformApi api, @Qualifier("anonymous") PlatformApi publicApi) {
        this.api = api;
        this.publicApi = publicApi;
    }

    /**
     * The inbox's views: what waits for the user, the cases of the user's RMO, those of the user's areas, everything
     * the user sees. The API resolves "mine" from the user's token; the overdue cases come first.
     */
    static final Map<String, String> VIEWS = Map.of("mine", "assignedTo=me", "rmo", "rmo=mine", "areas", "area=mine",
            "all", "");

    /** Cases on one page of the inbox. */
    static final int INBOX_PAGE_SIZE = 25;

    /** Inter-RMO cases on one page of the dashboard, as the review API sorts them: by deadline, the overdue first. */
    static final int INTER_RMO_PAGE_SIZE = 25;

    /**
     * The inbox, a page at a time, as the review API pages it (overdue first, then the longest waiting): the links to
     * the other pages keep the view and the stage; a page past the end shows the last one.
     */
    @GetMapping("/reviews")
    Mono<Rendering> inbox(@RequestParam(required = false) String stage,
                          @RequestParam(required = false) String view,
                          @RequestParam(defaultValue = "false") boolean mine,
                          @RequestParam(required = false) String page, WebSession session) {
        String shown = view != null && VIEWS.containsKey(view) ? view : mine || view == null ? "mine" : "all";
        String stageShown = stage != null && STAGES.contains(stage) ? stage : "";
        StringBuilder uri = new StringBuilder("/api/reviews?");
        List<Object> values = new ArrayList<>();
        if (!stageShown.isEmpty()) {
            uri.append("stage={stage}&");
            values.add(stageShown);
        }
        if (!VIEWS.get(shown).isEmpty()) {
            uri.append(VIEWS.get(shown)).append('&');
        }
        uri.append("page={page}&size={size}");
        int asked = pageNumber(page);
        Object bulk = session.getAttributes().remove(ReviewBulkController.BULK_RESULT);
        Mono<InboxPage> found = inboxPage(uri.toString(), values, asked)
                .flatMap(p -> p.cases().isEmpty() && p.total() > 0 && asked > 0
                        ? inboxPage(uri.toString(), values, (int) ((p.total() - 1) / INBOX_PAGE_SIZE))
                        : Mono.just(p));
        return Mono.zip(found, PageAdvice.signedIn())
                .map(t -> {
                    InboxPage p = t.getT1();
                    List<Map<String, Object>> cases = p.cases();
                    int pages = (int) Math.max(1, (p.total() + INBOX_PAGE_SIZE - 1) / INBOX_PAGE_SIZE);
                    return Rendering.view("reviews")
                            .modelAttribute("cases", cases)
                            .modelAttribute("total", p.total())
                            .modelAttribute("first", p.page() * INBOX_PAGE_SIZE + 1)
                            .modelAttribute("last", p.page() * INBOX_PAGE_SIZE + cases.size())
                            .modelAttribute("page", p.page())
                            .modelAttribute("pages", pages)
                            .modelAttribute("stage", stageShown)
                            .modelAttribute("view", shown)
                            .modelAttribute("views", t.getT2().rmo() == null ? List.of("mine", "all")
                                    : List.of("mine", "rmo", "areas", "all"))
                            .modelAttribute("mine", "mine".equals(shown))
                            .modelAttribute("stages", STAGES)
                            .modelAttribute("bulk", bulk == null ? Map.of() : bulk)
                            .modelAttribute("canBulk", t.getT2().has("tc-chair") && !cases.isEmpty())
                            .build();
                });
    }

    /** One page of the inbox (or of the dashboard's inter-RMO cases) as the API answers it. */
    private record InboxPage(int page, List<Map<String, Object>> cases, long total) {
    }

    private Mono<InboxPage> inboxPage(String uri, List<Object> values, int page) {
        List<Object> all = new ArrayList<>(values);
        all.add(page);
        all.add(INBOX_PAGE_SIZE);
        return api.getPaged(uri, all.toArray()).map(found -> new InboxPage(page, found.items(), found.total()));
    }

    /** The dashboard's link to another page of its inter-RMO cases, with the filters it shows. */
    private static String dashboardPage(String rmo, String area, int page) {
        org.springframework.web.util.UriComponentsBuilder link =
                org.springframework.web.util.UriComponentsBuilder.fromPath("/dashboard");
        if (rmo != null && !rmo.isBlank()) {
            link.queryParam("rmo", rmo);
        }
        if (area != null && !area.isBlank()) {
            link.queryParam("area", area);
        }
        return link.queryParam("page", page).encode().build().toUriString();
    }

    /** One page of the cases in inter-RMO review, nearest deadline first (the overdue ones lead), as the API pages. */
    private Mono<InboxPage> interRmoPage(int page) {
        return api.getPaged("/api/reviews?stage={stage}&sort=deadline&page={page}&size={size}", "INTER_RMO_REVIEW",
                page, INTER_RMO_PAGE_SIZE).map(found -> new InboxPage(page, found.items(), found.total()));
    }

    /** A page number as a link or a user typed it: not a number, or below the first, is the first. */
    static int pageNumber(String page) {
        try {
            return page == null ? 0 : Math.max(0, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The JCRB's view: cases per stage (drawn as bars), the ages of open cases, how many are overdue, and the cases in
     * inter-RMO review with the nearest deadline first.
     */
    @GetMapping("/dashboard")
    Mono<Rendering> dashboard(@RequestParam(required = false) String rmo, @RequestParam(required = false) String area,
                              @RequestParam(required = false) String page) {
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
        int asked = pageNumber(page);
        Mono<InboxPage> interRmoPage = interRmoPage(asked)
                .flatMap(p -> p.cases().isEmpty() && p.total() > 0 && asked > 0
                        ? interRmoPage((int) ((p.total() - 1) / INTER_RMO_PAGE_SIZE)) // past the end: the last
                        : Mono.just(p));
        return Mono.zip(api.get(uri.toString(), values.toArray()), interRmoPage)
                .map(t -> {
                    Map<String, Object> dashboard = t.getT1().body();
                    long most = dashboard.get("byStage") instanceof Map<?, ?> byStage
                            ? byStage.values().stream().mapToLong(v -> ((Number) v).longValue()).max().orElse(0) : 0;
                    InboxPage interRmo = t.getT2();
                    return Rendering.view("dashboard")
                            .modelAttribute("dashboard", dashboard)
                            .modelAttribute("ageChart", AgeChart.of(dashboard.get("ageHistogram")))
                            .modelAttribute("most", Math.max(most, 1))
                            .modelAttribute("interRmo", interRmo.cases())
                            .modelAttribute("page", interRmo.page())
                            .modelAttribute("pages", (int) Math.max(1,
                                    (interRmo.total() + INTER_RMO_PAGE_SIZE - 1) / INTER_RMO_PAGE_SIZE))
                            .modelAttribute("previousPage", dashboardPage(rmo, area, interRmo.page() - 1))
                            .modelAttribute("nextPage", dashboardPage(rmo, area, interRmo.page() + 1))
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
        boolean willReview = Boolean.TRUE.equals(form.willReview());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("willReview", willReview);
        if (willReview && form.deadline() != null && !form.deadline().isBlank()) {
            body.put("deadline", endOfDay(form.deadline()));
        }
        return act(id, "/api/reviews/{id}/rmo-intents", body, "declared");
    }

    @PostMapping("/reviews/{id}/rmo-decisions")
    Mono<Rendering> rmoDecision(@PathVariable String id, @ModelAttribute RmoDecisionForm form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", form.decision());
        if (form.comment() != null && !form.comment().isBlank()) {
            body.put("comment", form.comment());
        }
        return act(id, "/api/reviews/{id}/rmo-decisions", body, "rmoDecided");
    }

    /** The JCRB secretary gives the reviewing RMOs until the end of the chosen day (UTC). */
    @PostMapping("/reviews/{id}/deadline")
    Mono<Rendering> extend(@PathVariable String id, @ModelAttribute DeadlineForm form) {
        String deadline = form.deadline() == null ? "" : form.deadline();
        return act(id, "/api/reviews/{id}/deadline", Map.of("deadline", deadline.isBlank() ? "" : endOfDay(deadline)),
                "extended");
    }

    /**
     * The JCRB secretary closes a case the JCRB holds (returned to its writer, or in inter-RMO review before it is
     * settled), which rejects the CMC. The reason is required; a refusal (422 on {@code comment}, 409 when the stage no
     * longer allows it) comes back as the case page with the problem next to the reason, as typed.
     */
    @PostMapping("/reviews/{id}/close")
    Mono<Rendering> close(@PathVariable String id, @ModelAttribute CloseForm form) {
        String comment = form.comment() == null ? "" : form.comment();
        return api.post("/api/reviews/{id}/close", Map.of("comment", comment), id)
                .map(ok -> Rendering.redirectTo("/reviews/" + id + "?done=closed").build())
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem) : page(id, null, null, FormRefusal.close(problem, comment)));
    }

    /**
     * A day picked in a date field as the instant the API reads: the end of that day, UTC. Anything that is not a
     * date goes as typed, and the API's refusal names the field.
     */
    static String endOfDay(String day) {
        try {
            return LocalDate.parse(day.strip()).atTime(23, 59, 59).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return day.strip();
        }
    }

    // The case page's forms. WebFlux's @RequestParam reads only the query string, never a posted form: the posted
    // fields are bound as model attributes.
    record CommentForm(String text, String inReplyTo) {
    }

    record DecisionForm(String decision, String comment, String qmsStatementRef) {
    }

    record IntentForm(Boolean willReview, String deadline) {
    }

    record RmoDecisionForm(String decision, String comment) {
    }

    record DeadlineForm(String deadline) {
    }

    record CloseForm(String comment) {
    }

    /**
     * A refusal of one of the case page's forms that is shown next to that form's field rather than at the top: which
     * form, the problem, and what was typed (kept in the field).
     */
    record FormRefusal(String form, ApiProblem problem, String typed) {
        static FormRefusal assign(ApiProblem problem) {
            return new FormRefusal("assign", problem, null);
        }

        static FormRefusal close(ApiProblem problem, String typed) {
            return new FormRefusal("close", problem, typed);
        }

        ApiProblem of(String name) {
            return form.equals(name) ? problem : null;
        }
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
                        ? Mono.error(problem) : page(id, null, null, FormRefusal.assign(problem)));
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

    private Mono<Rendering> page(String id, String done, ApiProblem problem, FormRefusal refused) {
        return Mono.zip(api.get("/api/reviews/{id}", id), PageAdvice.signedIn()).flatMap(t -> {
            Map<String, Object> reviewCase = t.getT1().body();
            PageAdvice.PortalUser user = t.getT2();
            Mono<List<Map<String, Object>>> reviewers = !mayAssign(reviewCase, user) ? Mono.just(List.of())
                    : api.getList("/api/directory/reviewers?rmo={rmo}&area={area}", user.rmo(),
                            String.valueOf(reviewCase.getOrDefault("area", "")));
            Mono<Optional<List<Map<String, Object>>>> directory = reviewers.map(Optional::of)
                    .onErrorResume(ApiProblem.class, p -> p.status() == 401 ? Mono.error(p)
                            : Mono.just(Optional.empty()));
            return Mono.zip(directory, supportingComparisons(reviewCase)).map(found -> render(reviewCase, user, done,
                    problem, refused, mayAssign(reviewCase, user), found.getT1().orElse(List.of()),
                    found.getT1().isEmpty(), found.getT2()));
        });
    }

    /**
     * Each comparison the CMC cites, with the submitting institute's degree of equivalence from the case (the latest
     * evaluation the review service has seen) and the comparison's published evaluation from the public KCDB, where
     * there is one (an unpublished or unknown comparison, or a public API that does not answer, leaves it out).
     */
    @SuppressWarnings("unchecked")
    private Mono<List<Map<String, Object>>> supportingComparisons(Map<String, Object> reviewCase) {
        List<Object> cited = reviewCase.get("cmc") instanceof Map<?, ?> cmc
                && cmc.get("supportingComparisons") instanceof List<?> list ? (List<Object>) list : List.of();
        List<Object> evidence = reviewCase.get("supportingEvidence") instanceof List<?> list ? (List<Object>) list
                : List.of();
        return Flux.fromIterable(cited).map(String::valueOf).concatMap(identifier -> publicApi
                        .get("/api/kcdb/comparisons/{identifier}", identifier)
                        .map(found -> Optional.of(found.body()))
                        .onErrorResume(ApiProblem.class, p -> Mono.just(Optional.empty()))
                        .map(published -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("identifier", identifier);
                            evidence.stream().filter(e -> e instanceof Map<?, ?> m
                                    && identifier.equals(m.get("comparison"))).findFirst()
                                    .ifPresent(e -> row.put("evidence", readable((Map<String, Object>) e)));
                            published.ifPresent(p -> row.put("published", p));
                            return row;
                        }))
                .collectList();
    }

    /** The degree of equivalence as a reviewer reads it: d and U(d) to four significant digits. */
    private static Map<String, Object> readable(Map<String, Object> evidence) {
        Map<String, Object> shown = new LinkedHashMap<>(evidence);
        for (String number : List.of("d", "expandedUncertainty")) {
            if (evidence.get(number) instanceof Number value) {
                shown.put(number, significant(value.doubleValue()));
            }
        }
        return shown;
    }

    /** A measured value to four significant digits, in scientific notation when it is very small or large. */
    static String significant(double value) {
        double magnitude = Math.abs(value);
        return value == 0 || magnitude >= 1e-3 && magnitude < 1e6
                ? new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString()
                : String.format(java.util.Locale.ROOT, "%.3e", value);
    }

    /** The comments as threads: each comment followed by its replies, as deep as they go. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> threads(Object comments) {
        List<Map<String, Object>> all = comments instanceof List<?> list
                ? list.stream().filter(c -> c instanceof Map<?, ?>).map(c -> (Map<String, Object>) c).toList()
                : List.of();
        Set<Object> ids = all.stream().map(c -> c.get("id")).collect(Collectors.toSet());
        Map<Object, List<Map<String, Object>>> replies = new LinkedHashMap<>();
        List<Map<String, Object>> roots = new ArrayList<>();
        for (Map<String, Object> comment : all) {
            Object parent = comment.get("inReplyTo");
            if (parent != null && ids.contains(parent) && !parent.equals(comment.get("id"))) {
                replies.computeIfAbsent(parent, k -> new ArrayList<>()).add(comment);
            } else {
                roots.add(comment);
            }
        }
        return roots.stream().map(root -> node(root, replies, 0)).toList();
    }

    private static Map<String, Object> node(Map<String, Object> comment, Map<Object, List<Map<String, Object>>> replies,
                                            int depth) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("comment", comment);
        // A thread deeper than the page can indent is cut rather than followed without end.
        node.put("replies", depth > 20 ? List.of() : replies.getOrDefault(comment.get("id"), List.of()).stream()
                .map(reply -> node(reply, replies, depth + 1)).toList());
        return node;
    }

    /** The RMO's round of inter-RMO review as the user's RMO stands in it. */
    private static boolean inRound(Map<String, Object> reviewCase, PageAdvice.PortalUser user, String list) {
        return "INTER_RMO_REVIEW".equals(reviewCase.get("stage")) && user.has("tc-chair") && user.rmo() != null
                && reviewCase.get("interRmoReview") instanceof Map<?, ?> round
                && round.get(list) instanceof List<?> rmos && rmos.contains(user.rmo());
    }

    /** A reviewing RMO's chair decides once a round: approve or object. */
    static boolean mayDecideForRmo(Map<String, Object> reviewCase, PageAdvice.PortalUser user) {
        if (!inRound(reviewCase, user, "reviewingRmos")) {
            return false;
        }
        Object current = ((Map<?, ?>) reviewCase.get("interRmoReview")).get("round");
        return !(reviewCase.get("decisions") instanceof List<?> decisions) || decisions.stream()
                .noneMatch(d -> d instanceof Map<?, ?> decision && "INTER_RMO".equals(decision.get("tier"))
                        && user.rmo().equals(decision.get("rmo"))
                        && String.valueOf(current).equals(String.valueOf(decision.get("round"))));
    }

    private Rendering render(Map<String, Object> reviewCase, PageAdvice.PortalUser user, String done,
                             ApiProblem problem, FormRefusal refused, boolean canAssign,
                             List<Map<String, Object>> reviewers, boolean directoryUnavailable,
                             List<Map<String, Object>> comparisons) {
        String stage = String.valueOf(reviewCase.get("stage"));
        boolean canClose = CLOSABLE.contains(stage) && user.has("jcrb-secretary");
        ApiProblem assignProblem = refused == null ? null : refused.of("assign");
        ApiProblem closeProblem = refused == null ? null : refused.of("close");
        if (assignProblem != null && !canAssign && problem == null) {
            problem = assignProblem; // the form is gone (the case moved on): the refusal is shown at the top
            assignProblem = null;
        }
        if (closeProblem != null && !canClose && problem == null) {
            problem = closeProblem;
            closeProblem = null;
        }
        ApiProblem shown = problem != null ? problem : refused != null ? refused.problem() : null;
        boolean ownRmo = user.rmo() != null && user.rmo().equals(reviewCase.get("rmo"));
        // Before the API answered with a round (an older case view), any other RMO's chair is offered the intent.
        boolean canDeclare = reviewCase.get("interRmoReview") instanceof Map<?, ?>
                ? inRound(reviewCase, user, "undeclaredRmos")
                : "INTER_RMO_REVIEW".equals(stage) && user.has("tc-chair") && !ownRmo;
        Rendering.Builder<?> page = Rendering.view("review")
                .status(shown == null ? HttpStatus.OK : HttpStatus.valueOf(shown.status()))
                .modelAttribute("reviewCase", reviewCase)
                .modelAttribute("done", done == null ? "" : done)
                .modelAttribute("threads", threads(reviewCase.get("comments")))
                .modelAttribute("comparisons", comparisons)
                .modelAttribute("canComment", !List.of("APPROVED", "REJECTED", "WITHDRAWN").contains(stage))
                .modelAttribute("canDecide", "INTRA_RMO_REVIEW".equals(stage) && user.has("tc-chair") && ownRmo)
                .modelAttribute("canDeclare", canDeclare)
                .modelAttribute("canDecideForRmo", mayDecideForRmo(reviewCase, user))
                .modelAttribute("canExtend", "INTER_RMO_REVIEW".equals(stage) && user.has("jcrb-secretary"))
                .modelAttribute("canClose", canClose)
                .modelAttribute("closeComment", closeProblem != null ? refused.typed() : "")
                .modelAttribute("canAssign", canAssign)
                .modelAttribute("reviewers", reviewers)
                .modelAttribute("directoryUnavailable", directoryUnavailable);
        if (problem != null) {
            page.modelAttribute("problem", problem);
        }
        if (assignProblem != null) {
            page.modelAttribute("assignProblem", assignProblem);
        }
        if (closeProblem != null) {
            page.modelAttribute("closeProblem", closeProblem);
        }
        return page.build();
    }
}
