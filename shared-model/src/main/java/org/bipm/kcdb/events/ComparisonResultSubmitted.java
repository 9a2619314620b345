package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A participant's result arrived, or was corrected after Draft A. The value itself is not in the event: results
 * stay blind until Draft A, and they become public with the evaluation.
 */
public record ComparisonResultSubmitted(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String identifier,
        String institute,
        boolean correction,
        String correctionReason,
        String submittedBy) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return identifier;
    }
}
