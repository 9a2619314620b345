package org.bipm.kcdb.portal.web;

import java.util.Map;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The signed-in user's notifications (issue 13, item 7): the unread count in the header (loaded by htmx after the page,
 * so no page waits for it) and a page listing the notices, each linking to its CMC, review case or comparison.
 */
@Controller
class NotificationPageController {

    static final int PAGE_SIZE = 20;

    private final PlatformApi api;

    NotificationPageController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    /** A page of notices (the platform's page shape) and the unread count (its own resource), asked together. */
    @GetMapping("/notifications")
    Mono<Rendering> list(@RequestParam(defaultValue = "0") int page) {
        int current = Math.max(page, 0);
        return Mono.zip(api.getPaged("/api/notifications?page={page}&size={size}", current, PAGE_SIZE),
                unreadCount()).map(found -> Rendering.view("notifications")
                        .modelAttribute("items", found.getT1().items())
                        .modelAttribute("unread", found.getT2())
                        .modelAttribute("page", current)
                        .modelAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < found.getT1().total())
                        .build());
    }

    private Mono<Long> unreadCount() {
        return api.get("/api/notifications/unread-count")
                .map(found -> ((Number) found.body().getOrDefault("unread", 0)).longValue());
    }

    /** The header's badge: the number of unread notices, or nothing when there are none. */
    @GetMapping(path = "/notifications/unread", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    Mono<ResponseEntity<String>> unread() {
        return unreadCount().map(unread -> ResponseEntity.ok(unread == 0 ? "" : "<span class=\"badge\">"
                + HtmlUtils.htmlEscape(String.valueOf(unread)) + "</span>"));
    }

    @PostMapping("/notifications/{id}/read")
    Mono<Rendering> read(@PathVariable String id) {
        return api.post("/api/notifications/{id}/read", Map.of(), id)
                .thenReturn(Rendering.redirectTo("/notifications").build());
    }

    @PostMapping("/notifications/read-all")
    Mono<Rendering> readAll() {
        return api.post("/api/notifications/read-all", Map.of())
                .thenReturn(Rendering.redirectTo("/notifications").build());
    }
}
