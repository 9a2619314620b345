package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The institute asks for its published CMC {@code kcdbCode} to be deleted from the KCDB, for {@code reason}. The
 * request ({@code cmcId}) goes through review like a submission; {@code content} is the published CMC's, for the
 * reviewers.
 */
public record CmcDeletionRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String cmcId,
        int round,
        String institute,
        String country,
        String rmo,
        String requestedBy,
        String kcdbCode,
        String reason,
        CmcContent content) implements IntegrationEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public String aggregateId() {
        return cmcId;
    }
}
