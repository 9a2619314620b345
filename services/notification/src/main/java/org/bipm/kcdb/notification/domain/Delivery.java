package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import java.util.List;

/**
 * One e-mail to one person, recorded before it is sent so that nothing is lost (the outbox of the notification
 * service). Its id is derived from what it tells ({@code <eventId>:<username>}, or {@code digest:<username>:<day>}),
 * so telling the same thing twice finds the record already there.
 *
 * @param letters     what the e-mail tells: one notice, or a day's notices in a digest
 * @param attempts    failed attempts so far
 * @param claimedAt   when a sender took it (state SENDING); a claim older than the lease is taken again
 * @param digestId    for a notice awaiting the digest: the digest that carries it
 */
public record Delivery(String id, String username, String email, String name, String language, boolean digest,
                       List<Letter> letters, DeliveryState state, int attempts, Instant nextAttemptAt,
                       Instant claimedAt, String lastError, Instant sentAt, String digestId, Instant createdAt) {

    public Delivery {
        letters = letters == null ? List.of() : List.copyOf(letters);
    }

    public static Delivery immediate(String id, String username, String email, String name, String language,
                                     Letter letter, Instant now) {
        return new Delivery(id, username, email, name, language, false, List.of(letter), DeliveryState.PENDING, 0,
                now, null, null, null, null, now);
    }

    public static Delivery forDigest(String id, String username, String email, String name, String language,
                                     Letter letter, Instant now) {
        return new Delivery(id, username, email, name, language, false, List.of(letter),
                DeliveryState.AWAITING_DIGEST, 0, null, null, null, null, null, now);
    }

    public static Delivery digestOf(String digestId, List<Delivery> notices, Instant now) {
        Delivery first = notices.get(0);
        return new Delivery(digestId, first.username(), first.email(), first.name(), first.language(), true,
                notices.stream().flatMap(d -> d.letters().stream()).toList(), DeliveryState.PENDING, 0, now, null,
                null, null, null, now);
    }
}
