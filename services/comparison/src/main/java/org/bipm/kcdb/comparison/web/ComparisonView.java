package org.bipm.kcdb.comparison.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.comparison.domain.StatusChange;
import org.bipm.kcdb.support.persistence.Versioned;

/** A comparison without its results, which have their own blind-aware resource. */
record ComparisonView(String identifier, String type, String organiser, String metrologyAreaLabel, String measurand,
                      String unit, String pilot, List<String> participants, Map<String, String> roles,
                      List<String> linkingLaboratories, String linkedTo, String protocolReference,
                      LocalDate plannedStart, LocalDate plannedEnd, ComparisonStatus status, boolean overdue,
                      int resultsReported, Integer currentEvaluation, int evaluations, String registeredBy,
                      Instant registeredAt, List<StatusChange> history, long version) {

    static ComparisonView of(Versioned<Comparison> stored, boolean overdue) {
        Comparison c = stored.aggregate();
        return new ComparisonView(c.identifier(), c.type(), c.organiser(), c.metrologyAreaLabel(), c.measurand(),
                c.unit(), c.pilot(), c.participants(), c.roles(), c.linkingLaboratories(), c.linkedTo(),
                c.protocolReference(), c.plannedStart(), c.plannedEnd(), c.status(), overdue, c.results().size(),
                c.currentEvaluation().map(e -> e.number()).orElse(null), c.evaluations().size(), c.registeredBy(),
                c.registeredAt(), c.history(), stored.version());
    }
}
