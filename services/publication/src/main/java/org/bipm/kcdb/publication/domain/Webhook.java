package org.bipm.kcdb.publication.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An RMO system's webhook: where to deliver, what it wants, and how far delivery has come in the event feed.
 * Events are delivered one at a time in feed order. A failing event is retried with exponential backoff, then
 * parked; later events about the same subject are parked behind it, so a receiver never sees a CMC's events out of
 * order. Parked events go out again, in order, on request. Too many failures in a row disable the webhook.
 *
 * @param position       the feed position of the last event delivered or parked
 * @param redeliveries   parked events queued again, delivered before anything new
 * @param attempts       failed attempts at the event now being delivered
 * @param failuresInARow failed attempts since the last success, across events
 * @param reader         whose eyes the events are for, as {@code FeedScope} reads it: {@code *} for the JCRB and the
 *                       KCDB office (everything), an RMO's acronym (its own CMCs, the inter-RMO reviews it takes part
 *                       in, public facts), null for public facts only (webhooks registered before the feed was scoped)
 */
public record Webhook(String id, String owner, String url, String secret, Set<String> types, Set<String> areas,
                      Set<String> rmos, Set<String> countries, Status status, long position, int attempts,
                      int failuresInARow, Instant nextAttemptAt, List<Parked> parked, List<Parked> redeliveries,
                      Instant createdAt, String disabledReason, String reader) {

    public enum Status {
        ACTIVE, DISABLED
    }

    /** An event that could not be delivered: its feed position, subject, and the last error seen. */
    public record Parked(long position, String eventId, String subject, int attempts, String lastError,
                         Instant parkedAt) {
    }

    /** Retry and disable rules; the defaults retry for about a minute before parking. */
    public record Policy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int disableAfterFailures) {

        public static final Policy DEFAULT = new Policy(6, Duration.ofSeconds(1), Duration.ofMinutes(5), 50);

        Duration backoff(int attempt) {
            long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** The next event the receiver is due: a queued redelivery first, otherwise whatever follows the position. */
    public record Due(long position, String eventId, String subject, boolean redelivery) {
    }

    public Webhook {
        types = types == null ? Set.of() : Set.copyOf(types);
        areas = areas == null ? Set.of() : Set.copyOf(areas);
        rmos = rmos == null ? Set.of() : Set.copyOf(rmos);
        countries = countries == null ? Set.of() : Set.copyOf(countries);
        parked = parked == null ? List.of() : List.copyOf(parked);
        redeliveries = redeliveries == null ? List.of() : List.copyOf(redeliveries);
    }

    /** Moves past feed entries the webhook is not to receive, without touching the attempts. */
    public Webhook passed(long upTo) {
        return upTo <= position ? this : new Webhook(id, owner, url, secret, types, areas, rmos, countries, status,
                upTo, attempts, failuresInARow, nextAttemptAt, parked, redeliveries, createdAt, disabledReason, reader);
    }

    public static Webhook register(String id, String owner, String url, String secret, Set<String> types,
                                   Set<String> areas, Set<String> rmos, Set<String> countries, long startAfter,
                                   Instant now, String reader) {
        return new Webhook(id, owner, url, secret, types, areas, rmos, countries, Status.ACTIVE, startAfter, 0, 0,
                now, List.of(), List.of(), now, null, reader);
    }

    public boolean readyAt(Instant now) {
        return status == Status.ACTIVE && !nextAttemptAt.isAfter(now);
    }

    public Optional<Parked> nextRedelivery() {
        return redeliveries.isEmpty() ? Optional.empty() : Optional.of(redeliveries.get(0));
    }

    /** Whether an event about {@code subject} must wait behind a parked one, to keep that subject's order. */
    public boolean heldBack(String subject) {
        return subject != null && parked.stream().anyMatch(p -> subject.equals(p.subject()));
    }

    /** The receiver accepted the event. */
    public Webhook delivered(Due due, Instant now) {
        List<Parked> queue = due.redelivery() ? redeliveries.subList(1, redeliveries.size()) : redeliveries;
        long next = due.redelivery() ? position : due.position();
        return new Webhook(id, owner, url, secret, types, areas, rmos, countries, status, next, 0, 0, now, parked,
                queue, createdAt, null, reader);
    }

    /** An event behind a parked one about the same subject waits with it. */
    public Webhook parkedBehind(Due due, Instant now) {
        return park(due, 0, "waiting behind an earlier parked event about " + due.subject(), now, failuresInARow);
    }

    /** The receiver refused or could not be reached; retry later, park after the last attempt, disable if hopeless. */
    public Webhook failed(Due due, String error, Policy policy, Instant now) {
        int tried = attempts + 1;
        int inARow = failuresInARow + 1;
        if (tried >= policy.maxAttempts()) {
            Webhook afterParking = park(due, tried, error, now, inARow);
            return inARow >= policy.disableAfterFailures() ? afterParking.disabled(inARow, now) : afterParking;
        }
        Webhook retrying = new Webhook(id, owner, url, secret, types, areas, rmos, countries, status, position, tried,
                inARow, now.plus(policy.backoff(tried)), parked, redeliveries, createdAt, null, reader);
        return inARow >= policy.disableAfterFailures() ? retrying.disabled(inARow, now) : retrying;
    }

    /** Parked events go out again, oldest first, before anything new; a disabled webhook becomes active again. */
    public Webhook redeliverParked(Instant now) {
        List<Parked> queue = new ArrayList<>(redeliveries);
        queue.addAll(parked);
        queue.sort(java.util.Comparator.comparingLong(Parked::position));
        return new Webhook(id, owner, url, secret, types, areas, rmos, countries, Status.ACTIVE, position, 0, 0, now,
                List.of(), queue, createdAt, null, reader);
    }

    private Webhook park(Due due, int tried, String error, Instant now, int inARow) {
        List<Parked> all = new ArrayList<>(parked);
        all.add(new Parked(due.position(), due.eventId(), due.subject(), tried, error, now));
        List<Parked> queue = due.redelivery() ? redeliveries.subList(1, redeliveries.size()) : redeliveries;
        long next = due.redelivery() ? position : due.position();
        return new Webhook(id, owner, url, secret, types, areas, rmos, countries, status, next, 0, inARow, now, all,
                queue, createdAt, null, reader);
    }

    private Webhook disabled(int inARow, Instant now) {
        return new Webhook(id, owner, url, secret, types, areas, rmos, countries, Status.DISABLED, position, attempts,
                inARow, nextAttemptAt, parked, redeliveries, createdAt,
                inARow + " failed deliveries in a row (last at " + now + ")", reader);
    }
}
