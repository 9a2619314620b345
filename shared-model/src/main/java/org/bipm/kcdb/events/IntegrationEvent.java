package org.bipm.kcdb.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact one service publishes for others. Events are immutable and versioned: a change is additive,
 * a breaking change is a new type.
 */
public interface IntegrationEvent {

    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** Kafka key and CloudEvents subject, so that the events of one aggregate stay in order. */
    String aggregateId();
}
