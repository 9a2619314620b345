package org.bipm.kcdb.portal.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The comparison coordinator's (and the KCDB office's) pages: the comparisons they coordinate or take part in, and a
 * comparison's page where its status moves on, a participant's result is entered and the comparison is evaluated.
 * The posted fields are read from the form body ({@link ServerWebExchange#getFormData()}); each change is answered
 * with a redirect to the comparison's page, and a refusal brings the page back with the problem next to its fields.
 */
@Controller
class CoordinationController {

    static final List<String> METHODS = List.of("WEIGHTED_MEAN", "ARITHMETIC_MEAN", "MEDIAN", "POWER_MODERATED_MEAN",
            "DERSIMONIAN_LAIRD", "LINKED");

    private final PlatformApi api;

    CoordinationController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    /** Comparisons on one page of the list. */
    static final int PAGE_SIZE = 20;

    /**
     * The comparisons of the user's institute (all of them for the KCDB office), a page at a time as the comparison
     * API pages them, in identifier order.
     */
    @GetMapping("/coordination")
    Mono<Rendering> list(@RequestParam(required = false) String page) {
        int asked = ReviewController.pageNumber(page);
        return PageAdvice.signedIn().flatMap(user -> {
            Mono<PlatformApi.ListPage> found = user.has("kcdb-office") || user.institute() == null
                    ? api.getPaged("/api/comparisons?page={page}&size={size}", asked, PAGE_SIZE)
                    : api.getPaged("/api/comparisons?participant={institute}&page={page}&size={size}",
                            user.institute(), asked, PAGE_SIZE);
            return found.map(comparisons -> Rendering.view("coordination")
                    .modelAttribute("comparisons", comparisons.items())
                    .modelAttribute("total", comparisons.total())
                    .modelAttribute("page", asked)
                    .modelAttribute("pages", Math.max(1, (comparisons.total() + PAGE_SIZE - 1) / PAGE_SIZE))
                    .modelAttribute("mayRegister", user.has("comparison-coordinator") || user.has("kcdb-office"))
                    .build());
        });
    }

    static final List<String> REGISTRATION_FIELDS = List.of("identifier", "type", "organiser", "metrologyAreaLabel",
            "measurand", "unit", "pilot", "participants", "linkedTo", "linkingLaboratories", "protocolReference",
            "plannedStart", "plannedEnd");

    @GetMapping("/coordination/new")
    Mono<Rendering> registrationForm() {
        return PageAdvice.signedIn()
                .map(user -> {
                    Map<String, Object> form = new LinkedHashMap<>();
                    form.put("type", "KEY");
                    form.put("pilot", user.institute());
                    return registration(form, null);
                });
    }

    /** Registration: the lists (participants, linking laboratories) are typed separated by commas. */
    @PostMapping("/coordination/new")
    Mono<Rendering> register(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> typed = new LinkedHashMap<>();
            for (String field : REGISTRATION_FIELDS) {
                String value = text(form, field);
                typed.put(field, value);
                if (value == null) {
                    continue;
                }
                body.put(field, field.equals("participants") || field.equals("linkingLaboratories")
                        ? java.util.Arrays.stream(value.split("[,;\\s]+")).filter(v -> !v.isBlank()).toList()
                        : value);
            }
            return api.post("/api/comparisons", body)
                    .map(saved -> Rendering.redirectTo("/coordination/" + saved.body().getOrDefault("identifier",
                            typed.get("identifier")) + "?done=registered").build())
                    .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                            ? Mono.error(problem) : Mono.just(registration(typed, problem)));
        });
    }

    private static Rendering registration(Map<String, Object> form, ApiProblem problem) {
        Rendering.Builder<?> page = Rendering.view("coordination-new").modelAttribute("form", form)
                .modelAttribute("errors", problem == null ? Map.of() : fieldsOf(problem));
        if (problem != null) {
            HttpStatus status = HttpStatus.resolve(problem.status());
            page.modelAttribute("problem", problem).status(status == null ? HttpStatus.BAD_GATEWAY : status);
        }
        return page.build();
    }

    /** A list's element error ({@code participants[2]}) is shown next to the list's one field. */
    private static Map<String, String> fieldsOf(ApiProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.fieldErrors().forEach((field, message) -> errors.merge(field.replaceAll("\\[\\d+]$", ""),
                message, (a, b) -> a + "; " + b));
        return errors;
    }

    @GetMapping("/coordination/{identifier}")
    Mono<Rendering> comparison(@PathVariable String identifier,
                               @RequestParam(required = false) String done) {
        return page(identifier, done, null, Map.of(), Map.of());
    }

    /**
     * The graph of equivalence with the user's token: before publication the API shows it only to the participants,
     * the pilot and the office, and the browser's own request to the API would carry no token.
     */
    @GetMapping("/coordination/{identifier}/degrees-of-equivalence.svg")
    Mono<ResponseEntity<byte[]>> graph(@PathVariable String identifier) {
        return api.getImage("/api/comparisons/{identifier}/degrees-of-equivalence.svg", identifier)
                .map(svg -> ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                        .body(svg))
                .onErrorResume(ApiProblem.class, problem -> Mono.just(ResponseEntity
                        .status(problem.isUnavailable() ? 503 : problem.status()).build()));
    }

    @PostMapping("/coordination/{identifier}/status")
    Mono<Rendering> move(@PathVariable String identifier, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", form.getFirst("status"));
            return after(api.post("/api/comparisons/{identifier}/status", body, identifier), identifier, "moved",
                    Map.of(), Map.of());
        });
    }

    @PostMapping("/coordination/{identifier}/results")
    Mono<Rendering> result(@PathVariable String identifier, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String institute = text(form, "institute");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("value", number(text(form, "value")));
            body.put("standardUncertainty", number(text(form, "standardUncertainty")));
            body.put("unit", text(form, "unit"));
            String reason = text(form, "correctionReason");
            if (reason != null) {
                body.put("correctionReason", reason);
            }
            Map<String, Object> typed = new LinkedHashMap<>(body);
            typed.put("institute", institute);
            if (institute == null) {
                return page(identifier, null, null, typed, Map.of(), Map.of("institute", "required"));
            }
            return after(api.put("/api/comparisons/{identifier}/results/{institute}", null, body, identifier,
                    institute), identifier, "result", typed, Map.of());
        });
    }

    @PostMapping("/coordination/{identifier}/evaluations")
    Mono<Rendering> evaluate(@PathVariable String identifier, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("method", text(form, "method"));
            List<String> excluded = new ArrayList<>();
            if (form.get("excludedFromReference") != null) {
                form.get("excludedFromReference").stream().filter(s -> s != null && !s.isBlank())
                        .forEach(excluded::add);
            }
            body.put("excludedFromReference", excluded);
            body.put("coverageFactor", number(text(form, "coverageFactor")));
            return after(api.post("/api/comparisons/{identifier}/evaluations", body, identifier), identifier,
                    "evaluated", Map.of(), body);
        });
    }

    private Mono<Rendering> after(Mono<?> call, String identifier, String done, Map<String, Object> resultForm,
                                  Map<String, Object> evaluationForm) {
        return call.map(ok -> Rendering.redirectTo("/coordination/" + identifier + "?done=" + done).build())
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem) : page(identifier, null, problem, resultForm, evaluationForm));
    }

    private Mono<Rendering> page(String identifier, String done, ApiProblem problem, Map<String, Object> resultForm,
                                 Map<String, Object> evaluationForm) {
        return page(identifier, done, problem, resultForm, evaluationForm,
                problem == null ? Map.of() : problem.fieldErrors());
    }

    private Mono<Rendering> page(String identifier, String done, ApiProblem problem, Map<String, Object> resultForm,
                                 Map<String, Object> evaluationForm, Map<String, String> errors) {
        Mono<List<Map<String, Object>>> results = api.getList("/api/comparisons/{identifier}/results", identifier)
                .onErrorResume(ApiProblem.class, p -> p.isUnavailable() ? Mono.error(p) : Mono.just(List.of()));
        Mono<List<Map<String, Object>>> evaluations = api.getList("/api/comparisons/{identifier}/evaluations",
                        identifier)
                .onErrorResume(ApiProblem.class, p -> p.isUnavailable() ? Mono.error(p) : Mono.just(List.of()));
        return Mono.zip(api.get("/api/comparisons/{identifier}", identifier), results, evaluations,
                        PageAdvice.signedIn())
                .map(all -> {
                    Map<String, Object> comparison = all.getT1().body();
                    ComparisonRights rights = ComparisonRights.of(comparison, all.getT4());
                    Map<String, Object> latest = all.getT3().stream()
                            .filter(e -> Boolean.TRUE.equals(e.get("current"))).findFirst()
                            .orElse(all.getT3().isEmpty() ? null : all.getT3().get(all.getT3().size() - 1));
                    Rendering.Builder<?> page = Rendering.view("coordination-comparison")
                            .modelAttribute("comparison", comparison)
                            .modelAttribute("history", ComparisonHistory.of(comparison, all.getT2(), all.getT3()))
                            .modelAttribute("results", all.getT2())
                            .modelAttribute("evaluation", latest)
                            .modelAttribute("rights", rights)
                            .modelAttribute("methods", METHODS)
                            .modelAttribute("resultForm", resultForm)
                            .modelAttribute("evaluationForm", evaluationForm)
                            .modelAttribute("errors", errors);
                    EquivalenceMatrix matrix = latest == null ? null : EquivalenceMatrix.of(latest);
                    if (matrix != null) {
                        page.modelAttribute("matrix", matrix);
                    }
                    if (done != null) {
                        page.modelAttribute("done", done);
                    }
                    if (problem != null) {
                        page.modelAttribute("problem", problem);
                        HttpStatus status = HttpStatus.resolve(problem.status());
                        page.status(status == null ? HttpStatus.UNPROCESSABLE_CONTENT : status);
                    } else if (!errors.isEmpty()) {
                        page.status(HttpStatus.BAD_REQUEST);
                    }
                    return page.build();
                });
    }

    private static String text(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A typed number as a JSON number; what is not one goes as typed, for the API to name the field. */
    private static Object number(String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return new BigDecimal(typed.replace(',', '.'));
        } catch (NumberFormatException e) {
            return typed;
        }
    }
}
