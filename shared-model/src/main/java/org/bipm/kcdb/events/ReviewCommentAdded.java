package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/** Someone taking part in a review commented on the CMC, possibly in reply to an earlier comment. */
public record ReviewCommentAdded(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String commentId,
        String author,
        String inReplyTo,
        String text) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
