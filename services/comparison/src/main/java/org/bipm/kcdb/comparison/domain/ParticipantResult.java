package org.bipm.kcdb.comparison.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A participant's result as reported (value, standard uncertainty, unit) and converted to the comparison's unit,
 * with every correction made after Draft A.
 */
public record ParticipantResult(String institute, double reportedValue, double reportedStandardUncertainty,
                                String reportedUnit, double value, double standardUncertainty, String submittedBy,
                                Instant submittedAt, List<Correction> corrections) {

    public ParticipantResult {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    ParticipantResult correctedTo(ParticipantResult next, String reason) {
        List<Correction> all = new ArrayList<>(corrections);
        all.add(new Correction(reportedValue, reportedStandardUncertainty, reportedUnit, reason, next.submittedBy(),
                next.submittedAt()));
        return new ParticipantResult(institute, next.reportedValue(), next.reportedStandardUncertainty(),
                next.reportedUnit(), next.value(), next.standardUncertainty(), next.submittedBy(), next.submittedAt(),
                all);
    }

    /** The result a correction replaced, the reason given, and who made it when. */
    public record Correction(double previousValue, double previousStandardUncertainty, String previousUnit,
                             String reason, String by, Instant at) {
    }
}
