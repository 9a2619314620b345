package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notice in one person's in-app inbox. Its id is the event's and the person's, so a redelivered event finds the
 * item already there and adds nothing.
 */
public record InboxItem(String id, String username, UUID eventId, NotificationKind kind, String subject, String link,
                        Map<String, String> facts, Instant occurredAt, Instant createdAt, boolean read) {

    public InboxItem {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    public static String idOf(UUID eventId, String username) {
        return eventId + ":" + username;
    }

    public static InboxItem of(Notice notice, String username, Instant now) {
        return new InboxItem(idOf(notice.eventId(), username), username, notice.eventId(), notice.kind(),
                notice.subject(), notice.link(), notice.facts(), notice.occurredAt(), now, false);
    }

    public Letter letter() {
        return new Letter(kind, subject, link, facts, occurredAt);
    }
}
