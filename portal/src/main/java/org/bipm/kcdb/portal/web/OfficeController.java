package org.bipm.kcdb.portal.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The KCDB office's pages: a published CMC greyed out, restored or deleted with a reason from the CMC's public page.
 * The forms appear only for the office and only where the CMC's status allows the change; the API decides again and
 * its refusal (409) is shown on the CMC's page.
 */
@Controller
class OfficeController {

    /** The status changes the office may post, each with the notice shown after the redirect. */
    static final Map<String, String> CHANGES = Map.of("grey-out", "greyedOut", "restore", "restored",
            "delete", "deleted");

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
}
