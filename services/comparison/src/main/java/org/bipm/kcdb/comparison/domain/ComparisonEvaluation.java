package org.bipm.kcdb.comparison.domain;

import java.time.Instant;
import java.util.List;
import org.bipm.kcdb.comparison.domain.evaluation.Evaluation;
import org.bipm.kcdb.comparison.domain.evaluation.Measurement;

/**
 * An evaluation as the comparison keeps it: numbered, with the results it used (in the comparison's unit) and
 * the revision of the results it saw, so a later correction makes it visibly out of date.
 */
public record ComparisonEvaluation(int number, Evaluation evaluation, List<Measurement> measurements,
                                   int resultsRevision, String evaluatedBy, Instant evaluatedAt) {

    public ComparisonEvaluation {
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
    }
}
