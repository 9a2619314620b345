package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A TC chair assigned a TC reviewer to a CMC's review: in the intra-RMO review the submitting RMO's chair, in the
 * inter-RMO review a reviewing RMO's chair, each one of their own RMO's reviewers.
 * <p>
 * Version 2 adds {@code reviewingRmo}, the RMO the reviewer reviews for (the submitting RMO's in the intra-RMO
 * review, the reviewing RMO's in the inter-RMO review); {@code rmo} stays the submitting RMO. Version 1 events do not
 * carry it: read them with {@link #reviewsFor()}, which gives the submitting RMO for them, as was all version 1 knew.
 * <p>
 * Version 2 also adds {@code dueAt}, when the assigned reviewer's review is due (null in events written before).
 */
public record ReviewerAssigned(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String reviewId,
        String cmcId,
        String rmo,
        String reviewer,
        String assignedBy,
        String reviewingRmo,
        Instant dueAt) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 2;

    /** A version 1 event, as producers wrote it before {@code reviewingRmo} and {@code dueAt}. */
    public ReviewerAssigned(UUID eventId, Instant occurredAt, int schemaVersion, String reviewId, String cmcId,
                            String rmo, String reviewer, String assignedBy) {
        this(eventId, occurredAt, schemaVersion, reviewId, cmcId, rmo, reviewer, assignedBy, null, null);
    }

    /** The RMO the reviewer reviews for, of either version. */
    public String reviewsFor() {
        return reviewingRmo != null ? reviewingRmo : rmo;
    }

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
