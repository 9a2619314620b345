package org.bipm.kcdb.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * What the CMC form asks while the writer types (htmx), answered by the submission service's own rules and unit
 * reader ({@code POST /api/cmcs/validation}, {@code GET /api/reference-data/units}): the fault of the field just
 * left, and a range in SI base units. The portal decides nothing: it shows what the API says.
 */
@Controller
class CmcChecksController {

    /** The ranges whose SI conversion the form shows, by their JSON path. */
    private static final List<String> RANGES = List.of("cmc", "cmcUncertainty");

    private final PlatformApi api;

    CmcChecksController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    /** The field just left, again, with the API's fault for it (or none): the draft rules, as a save applies them. */
    @PostMapping("/cmcs/check")
    Mono<Rendering> check(@RequestParam String field, @ModelAttribute("form") CmcForm form) {
        return faults(form).map(errors -> Rendering.view("cmc-parts :: checked")
                .modelAttribute("name", field)
                .modelAttribute("label", "")
                .modelAttribute("value", valueOf(form, field))
                .modelAttribute("errors", errors.containsKey(field) ? Map.of(field, errors.get(field)) : Map.of())
                .build());
    }

    /** The range as the service would store it in SI base units, or how its unit reads, or why it does not. */
    @PostMapping("/cmcs/conversion")
    Mono<Rendering> conversion(@RequestParam String range, @ModelAttribute("form") CmcForm form) {
        String name = RANGES.contains(range) ? range : "cmc";
        CmcForm.Range typed = name.equals("cmc") ? form.getCmc() : form.getCmcUncertainty();
        if (typed == null || typed.getUnit() == null || typed.getUnit().isBlank()) {
            return Mono.just(conversionView(name, Map.of()));
        }
        Mono<Map<String, Object>> byUnit = api.get("/api/reference-data/units?symbol={s}", typed.getUnit().strip())
                .<Map<String, Object>>map(unit -> Map.of("unit", unit.body()))
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem)
                        : Mono.just(Map.of("unitProblem", problem.detail() == null ? "" : problem.detail())));
        return api.post("/api/cmcs/validation", form.toBody())
                .flatMap(answer -> Mono.justOrEmpty(answer.body().get(name + "BaseUnit")))
                .<Map<String, Object>>map(base -> Map.of("base", base))
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        ? Mono.error(problem) : Mono.empty())
                .switchIfEmpty(byUnit)
                .map(model -> conversionView(name, model));
    }

    private static Rendering conversionView(String range, Map<String, Object> model) {
        return Rendering.view("cmc-parts :: conversion").modelAttribute("range", range).model(model).build();
    }

    /** The API's faults by field: a 200's {@code errors}, or a refused body's (a number that does not read: 400). */
    @SuppressWarnings("unchecked")
    private Mono<Map<String, String>> faults(CmcForm form) {
        return api.post("/api/cmcs/validation", form.toBody())
                .map(answer -> {
                    Map<String, String> errors = new LinkedHashMap<>();
                    if (answer.body().get("errors") instanceof List<?> list) {
                        for (Object item : list) {
                            if (item instanceof Map<?, ?> e && e.get("field") != null) {
                                errors.putIfAbsent(String.valueOf(e.get("field")), String.valueOf(e.get("message")));
                            }
                        }
                    }
                    return errors;
                })
                .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                        || problem.fieldErrors().isEmpty() ? Mono.error(problem) : Mono.just(problem.fieldErrors()));
    }

    /** The value as typed: the field's name is its JSON path, which is also its bean path in the form. */
    private static String valueOf(CmcForm form, String field) {
        try {
            Object value = PropertyAccessorFactory.forBeanPropertyAccess(form).getPropertyValue(field);
            return value == null ? "" : value.toString();
        } catch (BeansException e) {
            return "";
        }
    }
}
