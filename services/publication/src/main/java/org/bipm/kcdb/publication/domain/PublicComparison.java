package org.bipm.kcdb.publication.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonPublished;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.support.domain.Outcome;

/**
 * A comparison as the public KCDB shows it. The pilot's latest evaluation is kept aside while the reports are
 * drafts; it becomes the published evaluation, degrees of equivalence included, when the comparison is published.
 * A comparison migrated from today's KCDB ({@code migrated}) carries the results the KCDB published as
 * {@code kcdbEvaluation} instead, and follows the office's migrations, not the comparison service's events.
 */
public record PublicComparison(String identifier, String type, String organiser, String metrologyAreaLabel,
                               String measurand, String unit, String pilot, List<String> participants,
                               List<String> linkingLaboratories, String linkedTo, String protocolReference,
                               LocalDate plannedStart, LocalDate plannedEnd, String status, Instant registeredAt,
                               Instant publishedAt, ComparisonEvaluated evaluation,
                               ComparisonEvaluated draftEvaluation, boolean migrated, KcdbEvaluation kcdbEvaluation) {

    public static final String PUBLISHED = "PUBLISHED";

    public PublicComparison {
        participants = participants == null ? List.of() : List.copyOf(participants);
        linkingLaboratories = linkingLaboratories == null ? List.of() : List.copyOf(linkingLaboratories);
    }

    public PublicComparison(String identifier, String type, String organiser, String metrologyAreaLabel,
                            String measurand, String unit, String pilot, List<String> participants,
                            List<String> linkingLaboratories, String linkedTo, String protocolReference,
                            LocalDate plannedStart, LocalDate plannedEnd, String status, Instant registeredAt,
                            Instant publishedAt, ComparisonEvaluated evaluation, ComparisonEvaluated draftEvaluation) {
        this(identifier, type, organiser, metrologyAreaLabel, measurand, unit, pilot, participants,
                linkingLaboratories, linkedTo, protocolReference, plannedStart, plannedEnd, status, registeredAt,
                publishedAt, evaluation, draftEvaluation, false, null);
    }

    public static PublicComparison of(ComparisonRegistered e) {
        return new PublicComparison(e.identifier(), e.type(), e.organiser(), e.metrologyAreaLabel(), e.measurand(),
                e.unit(), e.pilot(), e.participants(), e.linkingLaboratories(), e.linkedTo(), e.protocolReference(),
                e.plannedStart(), e.plannedEnd(), e.status(), e.occurredAt(), null, null, null);
    }

    /** The new status; on publication, the draft evaluation becomes public and the event announces it. */
    public Outcome<PublicComparison> moveTo(ComparisonStatusChanged changed) {
        if (changed.toStatus().equals(status)) {
            return Outcome.quiet(this); // already there: a redelivery must not publish twice
        }
        boolean publishing = PUBLISHED.equals(changed.toStatus()) && draftEvaluation != null;
        ComparisonEvaluated shown = publishing ? draftEvaluation : evaluation;
        PublicComparison next = new PublicComparison(identifier, type, organiser, metrologyAreaLabel, measurand, unit,
                pilot, participants, linkingLaboratories, linkedTo, protocolReference, plannedStart, plannedEnd,
                changed.toStatus(), registeredAt, publishing ? changed.occurredAt() : publishedAt, shown,
                draftEvaluation, migrated, kcdbEvaluation);
        return publishing ? Outcome.of(next, new ComparisonPublished(UUID.randomUUID(),
                changed.occurredAt(), ComparisonPublished.SCHEMA_VERSION, identifier, metrologyAreaLabel, unit,
                shown.kcrv(), shown.kcrvExpandedUncertainty(), shown.degreesOfEquivalence())) : Outcome.quiet(next);
    }

    /** A newer evaluation replaces the draft; an older one arriving late changes nothing. */
    public PublicComparison withDraft(ComparisonEvaluated evaluated) {
        if (draftEvaluation != null && draftEvaluation.evaluationNumber() >= evaluated.evaluationNumber()) {
            return this;
        }
        return new PublicComparison(identifier, type, organiser, metrologyAreaLabel, measurand, unit, pilot,
                participants, linkingLaboratories, linkedTo, protocolReference, plannedStart, plannedEnd, status,
                registeredAt, publishedAt, evaluation, evaluated, migrated, kcdbEvaluation);
    }
}
