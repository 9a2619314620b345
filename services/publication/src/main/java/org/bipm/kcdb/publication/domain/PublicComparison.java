package org.bipm.kcdb.publication.domain;

import java.time.Instant;
import java.util.List;
import org.bipm.kcdb.events.ComparisonRegistered;

/** A registered comparison as the public KCDB lists it. */
public record PublicComparison(String identifier, String type, String organiser, String metrologyAreaLabel,
                               String measurand, String unit, String pilot, List<String> participants,
                               String linkedTo, String status, Instant registeredAt) {

    public static PublicComparison of(ComparisonRegistered e) {
        return new PublicComparison(e.identifier(), e.type(), e.organiser(), e.metrologyAreaLabel(), e.measurand(),
                e.unit(), e.pilot(), e.participants(), e.linkedTo(), e.status(), e.occurredAt());
    }
}
