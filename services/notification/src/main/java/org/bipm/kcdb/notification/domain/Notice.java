package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One thing to tell: the event it comes from, its kind, the parties it concerns, who caused it (never told of
 * their own act), the facts the message quotes and the portal page it links to.
 *
 * @param subject the CMC id or comparison identifier the notice is about
 * @param link    the portal path (e.g. {@code /reviews/42}) the message links to
 */
public record Notice(UUID eventId, NotificationKind kind, Instant occurredAt, String subject, String link,
                     String actor, Map<String, String> facts, List<Party> audience) {

    public Notice {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        audience = List.copyOf(audience);
    }
}
