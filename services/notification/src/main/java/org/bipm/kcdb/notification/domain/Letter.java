package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import java.util.Map;

/** One notice as an e-mail tells it; a digest carries several. */
public record Letter(NotificationKind kind, String subject, String link, Map<String, String> facts,
                     Instant occurredAt) {

    public Letter {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
