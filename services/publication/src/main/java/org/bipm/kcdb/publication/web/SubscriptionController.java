package org.bipm.kcdb.publication.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.publication.application.FeedScope;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.bipm.kcdb.publication.domain.Webhook;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.WebhookQueries;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/** Webhooks of RMO systems (CONTRACT.md §6): register, list, remove, see parked deliveries and redeliver them. */
@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionController {

    private final AggregateStore<Webhook> webhooks;
    private final EventFeed feed;
    private final Clock clock;
    private final WebhookTargets targets;

    SubscriptionController(AggregateStore<Webhook> webhooks, EventFeed feed, Clock clock, WebhookTargets targets) {
        this.webhooks = webhooks;
        this.feed = feed;
        this.clock = clock;
        this.targets = targets;
    }

    /** New webhooks receive what happens from now on. */
    @PostMapping
    Mono<ResponseEntity<WebhookView>> register(Caller caller, @RequestBody WebhookRegistration registration) {
        entitled(caller);
        // The target's host is resolved: blocking, so off the event loop.
        return Mono.fromCallable(() -> {
            validate(registration, targets);
            return feed.latestPosition();
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(now -> {
            Webhook webhook = Webhook.register(UUID.randomUUID().toString(), caller.username(), registration.url(),
                    registration.secret(), set(registration.types()), set(registration.areas()),
                    set(registration.rmos()), set(registration.countries()), now, clock.instant(),
                    FeedScope.reader(caller));
            return webhooks.insert(webhook.id(), webhook, List.of());
        }).map(saved -> ResponseEntity.created(URI.create("/api/subscriptions/" + saved.aggregate().id()))
                .body(WebhookView.of(saved.aggregate())));
    }

    @GetMapping
    Mono<List<WebhookView>> list(Caller caller) {
        entitled(caller);
        return WebhookQueries.ownedBy(webhooks, caller.has(Role.KCDB_OFFICE) ? null : caller.username())
                .map(v -> WebhookView.of(v.aggregate())).collectList();
    }

    @GetMapping("/{id}")
    Mono<WebhookView> read(Caller caller, @PathVariable String id) {
        return owned(caller, id).map(v -> WebhookView.of(v.aggregate()));
    }

    @GetMapping("/{id}/parked")
    Mono<List<Webhook.Parked>> parked(Caller caller, @PathVariable String id) {
        return owned(caller, id).map(v -> v.aggregate().parked());
    }

    /** Sends the parked events again, oldest first, and reactivates a disabled webhook. */
    @PostMapping("/{id}/redeliveries")
    Mono<ResponseEntity<WebhookView>> redeliver(Caller caller, @PathVariable String id) {
        return Mono.defer(() -> owned(caller, id).flatMap(current -> webhooks.update(id, current.version(),
                                current.aggregate().redeliverParked(clock.instant()), List.of())
                        .switchIfEmpty(Mono.error(DeliveredMeanwhile::new))))
                .retryWhen(AGAIN_AFTER_A_DELIVERY)
                .map(saved -> ResponseEntity.accepted().body(WebhookView.of(saved.aggregate())));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> remove(Caller caller, @PathVariable String id) {
        return Mono.defer(() -> owned(caller, id).flatMap(current -> webhooks.delete(id, current.version())
                        .filter(Boolean::booleanValue).switchIfEmpty(Mono.error(DeliveredMeanwhile::new))))
                .retryWhen(AGAIN_AFTER_A_DELIVERY)
                .map(deleted -> ResponseEntity.noContent().<Void>build());
    }

    /**
     * The delivery worker writes a webhook after every attempt; the subscriber's request carries no version of its
     * own, so a write the worker made in between is no conflict of theirs: read again and apply the request again.
     */
    private static final Retry AGAIN_AFTER_A_DELIVERY = Retry.backoff(8, Duration.ofMillis(10))
            .filter(DeliveredMeanwhile.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> ApiProblem.conflict(
                    "The webhook kept changing while deliveries ran; try again.", "DELIVERING"));

    private static final class DeliveredMeanwhile extends RuntimeException {
        DeliveredMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** Someone else's webhook is answered like a missing one: its existence is nobody else's business. */
    private Mono<Versioned<Webhook>> owned(Caller caller, String id) {
        entitled(caller);
        return webhooks.find(id)
                .filter(v -> caller.has(Role.KCDB_OFFICE) || v.aggregate().owner().equals(caller.username()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Subscription " + id)));
    }

    private static void entitled(Caller caller) {
        if (!caller.hasAny(Role.RMO_SUBSCRIBER, Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Webhooks are for RMO subscribers and the KCDB office.");
        }
    }

    static void validate(WebhookRegistration r, WebhookTargets targets) {
        List<FieldError> errors = new ArrayList<>();
        if (r.url() == null || r.url().length() > 2048) {
            errors.add(new FieldError("url", "must be an absolute https URL of at most 2048 characters"));
        } else {
            targets.refusal(r.url()).ifPresent(why -> errors.add(new FieldError("url", why)));
        }
        if (r.secret() == null || r.secret().length() < 16 || r.secret().length() > 256) {
            errors.add(new FieldError("secret", "must be 16 to 256 characters"));
        } else if (r.secret().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("secret", "must not contain control characters"));
        }
        noNulls("types", r.types(), errors);
        noNulls("areas", r.areas(), errors);
        noNulls("rmos", r.rmos(), errors);
        noNulls("countries", r.countries(), errors);
        for (String type : set(r.types())) {
            if (type == null) {
                continue;
            }
            Optional<EventType> known = EventType.fromCeType(type);
            if (known.isEmpty()) {
                errors.add(new FieldError("types", "'" + type + "' is not an event type of the platform"));
            } else if (!FeedScope.fed(known.get())) {
                errors.add(new FieldError("types", "'" + type + "' is never delivered to subscribers"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "The webhook registration has invalid fields.", errors);
        }
    }

    private static void noNulls(String field, List<String> values, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be null"));
            }
        }
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new HashSet<>(values);
    }

    /** A webhook as its owner sees it; the secret never leaves the service. */
    record WebhookView(String id, String url, Set<String> types, Set<String> areas, Set<String> rmos,
                       Set<String> countries, Webhook.Status status, String disabledReason, long position,
                       int parked, int queuedForRedelivery, Instant createdAt) {

        static WebhookView of(Webhook w) {
            return new WebhookView(w.id(), w.url(), w.types(), w.areas(), w.rmos(), w.countries(), w.status(),
                    w.disabledReason(), w.position(), w.parked().size(), w.redeliveries().size(), w.createdAt());
        }
    }
}
