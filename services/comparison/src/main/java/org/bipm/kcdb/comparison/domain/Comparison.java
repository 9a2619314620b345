package org.bipm.kcdb.comparison.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.comparison.domain.InvalidComparison.FieldProblem;
import org.bipm.kcdb.events.ComparisonRegistered;

/** A registered key or supplementary comparison. */
public record Comparison(String identifier, String type, String organiser, String metrologyAreaLabel,
                         String measurand, String unit, String pilot, List<String> participants, String linkedTo,
                         String protocolReference, ComparisonStatus status, String registeredBy,
                         Instant registeredAt) {

    static final Set<String> AREAS = Set.of("AUV", "EM", "L", "M", "PR", "T", "TF", "QM", "RI");

    public Comparison {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public static Registered register(Registration r, String by, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        ComparisonIdentifier id = ComparisonIdentifier.parse(r.identifier()).orElse(null);
        if (id == null) {
            problems.add(new FieldProblem("identifier", "is not a KCDB comparison identifier such as CCM.M-K1 or "
                    + "EURAMET.L-S24"));
        }
        boolean key = "KEY".equals(r.type());
        if (!key && !"SUPPLEMENTARY".equals(r.type())) {
            problems.add(new FieldProblem("type", "must be KEY or SUPPLEMENTARY"));
        } else if (id != null && id.key() != key) {
            problems.add(new FieldProblem("type", "does not match the identifier (K for key, S for supplementary)"));
        }
        if (id != null && r.organiser() != null && !r.organiser().equals(id.organiser())) {
            problems.add(new FieldProblem("organiser", "must be " + id.organiser() + ", as the identifier says"));
        }
        if (!AREAS.contains(r.metrologyAreaLabel())) {
            problems.add(new FieldProblem("metrologyAreaLabel", "must be one of " + AREAS));
        }
        text(r.measurand(), "measurand", problems);
        text(r.unit(), "unit", problems);
        text(r.pilot(), "pilot", problems);
        List<String> participants = r.participants() == null ? List.of() : r.participants();
        if (participants.size() < 2) {
            problems.add(new FieldProblem("participants", "a comparison needs at least two participants"));
        }
        if (new HashSet<>(participants).size() != participants.size()) {
            problems.add(new FieldProblem("participants", "lists an institute twice"));
        }
        if (r.pilot() != null && !participants.contains(r.pilot())) {
            problems.add(new FieldProblem("participants", "must include the pilot laboratory"));
        }
        if (id != null && id.rmoKeyComparison()) {
            ComparisonIdentifier linked = ComparisonIdentifier.parse(r.linkedTo()).orElse(null);
            if (linked == null || !linked.key() || !linked.cipm()) {
                problems.add(new FieldProblem("linkedTo", "an RMO key comparison must name the CIPM key comparison it "
                        + "links to"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidComparison(problems);
        }
        Comparison comparison = new Comparison(id.value(), r.type(), id.organiser(), r.metrologyAreaLabel(),
                r.measurand(), r.unit(), r.pilot(), participants, r.linkedTo(), r.protocolReference(),
                ComparisonStatus.PLANNED, by, now);
        return new Registered(comparison, new ComparisonRegistered(UUID.randomUUID(), now,
                ComparisonRegistered.SCHEMA_VERSION, comparison.identifier(), comparison.type(),
                comparison.organiser(), comparison.metrologyAreaLabel(), comparison.measurand(), comparison.unit(),
                comparison.pilot(), comparison.participants(), comparison.linkedTo(), comparison.status().name(), by));
    }

    private static void text(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.length() > 500) {
            problems.add(new FieldProblem(field, "must be at most 500 characters"));
        }
    }

    public record Registered(Comparison comparison, ComparisonRegistered event) {
    }
}
