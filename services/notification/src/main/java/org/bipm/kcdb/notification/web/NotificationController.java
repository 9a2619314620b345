package org.bipm.kcdb.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bipm.kcdb.notification.application.Inbox;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.DeliveryChoice;
import org.bipm.kcdb.notification.domain.DeliveryState;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.domain.Preferences;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.paging.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The signed-in person's notifications (CONTRACT.md §7): their own inbox only, whoever they are. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "notifications", description = "The caller's in-app inbox, its live stream and their e-mail preferences")
class NotificationController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final Inbox inbox;

    NotificationController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "The caller's notices, newest first, a page at a time",
            description = "The platform's page ({page, size, totalElements, content}) as every list of its API: page"
                    + " from 0, size 1-" + Paging.MAX_SIZE + " (default " + Paging.DEFAULT_SIZE + "), anything else 400"
                    + " naming the parameter. With unreadOnly=true only the unread notices (totalElements is then"
                    + " their count). How many are unread in all: GET /api/notifications/unread-count.")
    Mono<Paging.Page<Inbox.Item>> page(Caller caller, @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
                                       @RequestParam(defaultValue = "false") boolean unreadOnly) {
        return inbox.page(caller, new Paging(page, size), unreadOnly);
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's notices are unread: {\"unread\": n} (the portal's header badge)",
            description = "Its own small resource, so that the inbox's list keeps the platform's one page shape and"
                    + " the badge is one count, not a page.")
    Mono<Map<String, Long>> unread(Caller caller) {
        return inbox.unread(caller).map(count -> Map.of("unread", count));
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Marks one of the caller's notices read; 404 for any other id")
    Mono<Void> read(Caller caller, @PathVariable String id) {
        return inbox.markRead(caller, id);
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks all the caller's notices read")
    Mono<Map<String, Long>> readAll(Caller caller) {
        return inbox.markAllRead(caller).map(count -> Map.of("marked", count));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: each new notice of the caller as it arrives (event 'notification')")
    Flux<ServerSentEvent<Inbox.Item>> stream(Caller caller) {
        // A comment at once, so the response starts before the first notice, and one every 20 s, so proxies keep
        // a quiet stream open.
        Flux<ServerSentEvent<Inbox.Item>> comments = Flux.interval(Duration.ZERO, KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<Inbox.Item>builder().comment(tick == 0 ? "notifications" : "keep-alive")
                        .build());
        return Flux.merge(comments, inbox.stream(caller).map(item -> ServerSentEvent.builder(item).id(item.id())
                .event("notification").build()));
    }

    @GetMapping("/preferences")
    @Operation(summary = "The caller's language and, per kind, immediate, daily digest or off (unset: immediate)")
    Mono<PreferencesView> preferences(Caller caller) {
        return inbox.preferences(caller).map(PreferencesView::of);
    }

    @PutMapping("/preferences")
    @Operation(summary = "Sets the caller's preferences; DEADLINE_OVERDUE cannot be OFF (422)")
    Mono<PreferencesView> choose(Caller caller, @RequestBody PreferencesView wanted) {
        return inbox.choose(caller, Inbox.preferencesOf(caller, wanted.language(), wanted.choices()))
                .map(PreferencesView::of);
    }

    @GetMapping("/deliveries")
    @Operation(summary = "KCDB office: the e-mails parked after their last attempt, oldest first, a page at a time",
            description = "The platform's page ({page, size, totalElements, content}): page from 0, size 1-"
                    + Paging.MAX_SIZE + " (default " + Paging.DEFAULT_SIZE + "), anything else 400 naming the"
                    + " parameter.")
    Mono<Paging.Page<DeliveryView>> parked(Caller caller, @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
        return inbox.parked(caller, page, size).map(parked -> parked.map(DeliveryView::of));
    }

    @PostMapping("/deliveries/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "KCDB office: sends a parked e-mail again")
    Mono<Void> resend(Caller caller, @PathVariable String id) {
        return inbox.resend(caller, id);
    }

    record PreferencesView(String language, Map<NotificationKind, DeliveryChoice> choices) {

        static PreferencesView of(Preferences preferences) {
            return new PreferencesView(preferences.language(), preferences.choices());
        }
    }

    record DeliveryView(String id, String username, String email, boolean digest, int letters, DeliveryState state,
                        int attempts, String lastError, Instant createdAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.username(), d.email(), d.digest(), d.letters().size(), d.state(),
                    d.attempts(), d.lastError(), d.createdAt());
        }
    }
}
