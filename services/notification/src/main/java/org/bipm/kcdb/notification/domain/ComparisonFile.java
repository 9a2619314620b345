package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the notification service knows of a comparison: who pilots it, who takes part, who organises it. */
public record ComparisonFile(String identifier, String organiser, String area, String pilot,
                             List<String> participants, String status, Instant registeredAt) {

    public ComparisonFile {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** The pilot laboratory and every participant, once each. */
    public Set<String> laboratories() {
        Set<String> all = new LinkedHashSet<>();
        if (pilot != null) {
            all.add(pilot);
        }
        all.addAll(participants);
        return all;
    }

    /** The laboratories as a later event names them; unchanged when it names none (written before it did). */
    public ComparisonFile withLaboratories(String newPilot, List<String> newParticipants) {
        if (newPilot == null && (newParticipants == null || newParticipants.isEmpty())) {
            return this;
        }
        return new ComparisonFile(identifier, organiser, area, newPilot != null ? newPilot : pilot, newParticipants,
                status, registeredAt);
    }

    public ComparisonFile withStatus(String newStatus) {
        return new ComparisonFile(identifier, organiser, area, pilot, participants, newStatus, registeredAt);
    }

    public boolean finished() {
        return "PUBLISHED".equals(status) || "WITHDRAWN".equals(status);
    }
}
