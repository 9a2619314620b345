package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JCRB secretary gave the reviewing RMOs of an inter-RMO round more time: no reviewing RMO's deadline is now
 * earlier than {@code deadline}. The review service's own reminders follow the new date; this tells everyone else
 * who keeps a clock on the round (the notification service's reminders to the reviewers).
 *
 * @param rmo              the submitting RMO, as in the review's other events
 * @param round            the inter-RMO round extended (a CMC returned after an objection comes back for another)
 * @param previousDeadline the round's deadline before the extension (the latest reviewing RMO's)
 * @param rmos             the reviewing RMOs that have not decided and whose own deadline moved to {@code deadline}
 * @param reviewers        the reviewers those RMOs assigned in this round, whose reviews may now take as long
 */
public record ReviewDeadlineExtended(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        int round,
        Instant previousDeadline,
        Instant deadline,
        String extendedBy,
        List<String> rmos,
        List<String> reviewers) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    public ReviewDeadlineExtended {
        rmos = rmos == null ? List.of() : List.copyOf(rmos);
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
