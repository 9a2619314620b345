package org.bipm.kcdb.notification.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.DeliveryChoice;
import org.bipm.kcdb.notification.domain.DeliveryState;
import org.bipm.kcdb.notification.domain.EscalationCannotBeTurnedOff;
import org.bipm.kcdb.notification.domain.InboxItem;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.domain.Preferences;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import org.bipm.kcdb.notification.persistence.InboxStore;
import org.bipm.kcdb.notification.persistence.PreferenceStore;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.paging.Paging;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a signed-in person reads and sets: their own inbox (never anyone else's), its stream, their preferences; and
 * for the KCDB office, the parked e-mails and their resending.
 */
public class Inbox {

    /** A notice as the inbox shows it, in the reader's language. */
    public record Item(String id, NotificationKind kind, String title, String text, String link, String subject,
                       Instant occurredAt, Instant createdAt, boolean read) {
    }

    private final InboxStore inbox;
    private final PreferenceStore preferences;
    private final DeliveryStore deliveries;
    private final MailComposer composer;
    private final Clock clock;
    private final Duration poll;

    public Inbox(InboxStore inbox, PreferenceStore preferences, DeliveryStore deliveries, MailComposer composer,
                 Clock clock, Duration poll) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.composer = composer;
        this.clock = clock;
        this.poll = poll;
    }

    /**
     * A page of the caller's notices, newest first, in the platform's one page shape ({@link Paging.Page}); the
     * unread count is its own resource ({@link #unread}), not part of the page.
     */
    public Mono<Paging.Page<Item>> page(Caller caller, Paging paging, boolean unreadOnly) {
        String me = caller.username();
        return language(me).flatMap(language -> Mono.zip(
                inbox.page(me, unreadOnly, paging.page(), paging.size()).map(item -> item(item, language))
                        .collectList(),
                inbox.count(me, unreadOnly))
                .map(t -> paging.of(t.getT1(), t.getT2())));
    }

    public Mono<Long> unread(Caller caller) {
        return inbox.count(caller.username(), true);
    }

    public Mono<Void> markRead(Caller caller, String id) {
        return inbox.markRead(caller.username(), id)
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(new NotFound("Notification " + id)));
    }

    public Mono<Long> markAllRead(Caller caller) {
        return inbox.markAllRead(caller.username());
    }

    /**
     * The caller's new notices as they arrive, from now on: the store is read every {@code poll}, so a notice
     * reaches the stream whichever instance of the service wrote it.
     */
    public Flux<Item> stream(Caller caller) {
        String me = caller.username();
        AtomicReference<Instant> since = new AtomicReference<>(clock.instant());
        Set<String> seen = new HashSet<>();
        return language(me).flatMapMany(language -> Flux.interval(Duration.ZERO, poll)
                .concatMap(tick -> inbox.since(me, since.get()).collectList())
                .concatMapIterable(items -> {
                    List<InboxItem> fresh = items.stream().filter(item -> seen.add(item.id())).toList();
                    items.stream().map(InboxItem::createdAt).max(Instant::compareTo).ifPresent(latest -> {
                        if (latest.isAfter(since.get())) {
                            // Items at the new cursor's very instant stay in seen; older ones may go.
                            since.set(latest);
                            seen.retainAll(items.stream().filter(i -> i.createdAt().equals(latest))
                                    .map(InboxItem::id).toList());
                        }
                    });
                    return fresh.stream().map(item -> item(item, language)).toList();
                }));
    }

    public Mono<Preferences> preferences(Caller caller) {
        return preferences.of(caller.username());
    }

    public Mono<Preferences> choose(Caller caller, Preferences wanted) {
        return preferences.save(wanted);
    }

    /** Builds the caller's preferences, refusing to turn off what cannot be (422 on that kind's field). */
    public static Preferences preferencesOf(Caller caller, String language,
                                            Map<NotificationKind, DeliveryChoice> choices) {
        if (language != null && !Set.of(Preferences.ENGLISH, Preferences.FRENCH).contains(language)) {
            throw new RuleViolation("invalid-fields", "Messages are written in English or French.",
                    List.of(new Violation("language", "must be en or fr")));
        }
        try {
            return new Preferences(caller.username(), language, choices);
        } catch (EscalationCannotBeTurnedOff e) {
            throw new RuleViolation("invalid-fields", e.getMessage(),
                    List.of(new Violation("choices." + e.kind(), "cannot be OFF")));
        }
    }

    /**
     * The KCDB office's page of parked e-mails, oldest first, in the platform's one page shape; the caller's rights
     * are judged before the page's parameters.
     */
    public Mono<Paging.Page<Delivery>> parked(Caller caller, int page, int size) {
        office(caller);
        Paging paging = new Paging(page, size);
        return Mono.zip(deliveries.page(DeliveryState.PARKED, paging.page(), paging.size()).collectList(),
                        deliveries.count(DeliveryState.PARKED))
                .map(t -> paging.of(t.getT1(), t.getT2()));
    }

    public Mono<Void> resend(Caller caller, String id) {
        office(caller);
        return deliveries.resend(id, clock.instant()).flatMap(resent -> resent ? Mono.<Void>empty()
                : Mono.error(new NotFound("Parked e-mail " + id)));
    }

    private static void office(Caller caller) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw new NotEntitled("Only the KCDB office sees and resends parked e-mails.");
        }
    }

    private Mono<String> language(String username) {
        return preferences.of(username).map(Preferences::language);
    }

    private Item item(InboxItem item, String language) {
        MailComposer.Told told = composer.told(item.letter(), language);
        return new Item(item.id(), item.kind(), told.title(), told.text(), item.link(), item.subject(),
                item.occurredAt(), item.createdAt(), item.read());
    }
}
