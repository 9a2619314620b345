package org.bipm.kcdb.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * A chair's actions on the cases checked in the inbox, each one request to the review service's bulk commands: approve
 * (the submitting RMO's decision), declare that the chair's RMO will not review or will review by a day, approve as a
 * reviewing RMO. The service acts on each case on its own; its answer per case (the stage afterwards, or the problem's
 * message) waits in the session for the inbox the request redirects to, and is shown once.
 */
@Controller
class ReviewBulkController {

    static final String BULK_RESULT = ReviewBulkController.class.getName() + ".result";

    private final PlatformApi api;

    ReviewBulkController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    @PostMapping("/reviews/bulk")
    Mono<Rendering> bulk(ServerWebExchange exchange) {
        return Mono.zip(exchange.getFormData(), exchange.getSession()).flatMap(t -> {
            MultiValueMap<String, String> form = t.getT1();
            WebSession session = t.getT2();
            String view = form.getFirst("view") != null && ReviewController.VIEWS.containsKey(form.getFirst("view"))
                    ? form.getFirst("view") : "mine";
            // Back to the inbox as it was shown: the same view, stage and page.
            String stage = form.getFirst("stage");
            int page = ReviewController.pageNumber(form.getFirst("page"));
            Rendering back = Rendering.redirectTo(UriComponentsBuilder.fromPath("/reviews").queryParam("view", view)
                    .queryParamIfPresent("stage", Optional.ofNullable(stage).filter(ReviewController.STAGES::contains))
                    .queryParamIfPresent("page", Optional.of(page).filter(p -> p > 0))
                    .build().toUriString()).build();
            List<String> cases = form.getOrDefault("cases", List.of()).stream()
                    .filter(id -> id != null && !id.isBlank()).distinct().toList();
            String action = form.getFirst("action");
            Request request = request(action, cases, form);
            if (cases.isEmpty() || request == null) {
                session.getAttributes().put(BULK_RESULT, Map.of("nothingSelected", true));
                return Mono.just(back);
            }
            return api.post(request.uri(), request.body())
                    .map(answer -> {
                        session.getAttributes().put(BULK_RESULT, Map.of("action", action,
                                "results", BulkResults.rows(answer.body())));
                        return back;
                    })
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isUnavailable() || problem.status() == 401) {
                            return Mono.error(problem);
                        }
                        session.getAttributes().put(BULK_RESULT, Map.of("message", BulkResults.message(problem.detail(),
                                problem.title()), "errors", problem.fieldErrors()));
                        return Mono.just(back);
                    });
        });
    }

    private record Request(String uri, Map<String, Object> body) {
    }

    /** The bulk command's body: the single action's body plus {@code cases}; blank optional fields left out. */
    private static Request request(String action, List<String> cases, MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cases", cases);
        String comment = form.getFirst("comment");
        switch (action == null ? "" : action) {
            case "approve" -> {
                body.put("decision", "APPROVE");
                putIfPresent(body, "comment", comment);
                putIfPresent(body, "qmsStatementRef", form.getFirst("qmsStatementRef"));
                return new Request("/api/reviews/bulk-decision", body);
            }
            case "no-review" -> {
                body.put("willReview", false);
                return new Request("/api/reviews/bulk-rmo-intents", body);
            }
            case "will-review" -> {
                body.put("willReview", true);
                String deadline = form.getFirst("deadline");
                if (deadline != null && !deadline.isBlank()) {
                    body.put("deadline", ReviewController.endOfDay(deadline));
                }
                return new Request("/api/reviews/bulk-rmo-intents", body);
            }
            case "rmo-approve" -> {
                body.put("decision", "APPROVE");
                putIfPresent(body, "comment", comment);
                return new Request("/api/reviews/bulk-rmo-decisions", body);
            }
            default -> {
                return null;
            }
        }
    }

    private static void putIfPresent(Map<String, Object> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }
}
