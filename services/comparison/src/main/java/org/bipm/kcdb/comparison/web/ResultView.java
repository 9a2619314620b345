package org.bipm.kcdb.comparison.web;

import java.time.Instant;
import java.util.List;
import org.bipm.kcdb.comparison.domain.ParticipantResult;

/** A result as reported and in the comparison's unit, with its corrections. */
record ResultView(String institute, double value, double standardUncertainty, double reportedValue,
                  double reportedStandardUncertainty, String reportedUnit, String submittedBy, Instant submittedAt,
                  List<ParticipantResult.Correction> corrections) {

    static ResultView of(ParticipantResult r) {
        return new ResultView(r.institute(), r.value(), r.standardUncertainty(), r.reportedValue(),
                r.reportedStandardUncertainty(), r.reportedUnit(), r.submittedBy(), r.submittedAt(), r.corrections());
    }
}
