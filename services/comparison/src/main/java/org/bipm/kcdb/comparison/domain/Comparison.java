package org.bipm.kcdb.comparison.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.comparison.domain.evaluation.ComparisonLink;
import org.bipm.kcdb.comparison.domain.evaluation.DegreeOfEquivalence;
import org.bipm.kcdb.comparison.domain.evaluation.Evaluation;
import org.bipm.kcdb.comparison.domain.evaluation.EvaluationMethod;
import org.bipm.kcdb.comparison.domain.evaluation.EvaluationRequest;
import org.bipm.kcdb.comparison.domain.evaluation.InvalidEvaluation;
import org.bipm.kcdb.comparison.domain.evaluation.KcrvEvaluator;
import org.bipm.kcdb.comparison.domain.evaluation.Measurement;
import org.bipm.kcdb.comparison.domain.evaluation.UncertaintyConvention;
import org.bipm.kcdb.comparisons.ComparisonIdentifier;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonResultSubmitted;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.support.domain.InvalidFields;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.Violation;
import org.bipm.kcdb.units.IncompatibleUnits;
import org.bipm.kcdb.units.Magnitudes;
import org.bipm.kcdb.units.UnitReader;
import org.bipm.kcdb.units.UnitReading;
import org.bipm.kcdb.units.UnknownUnit;

/**
 * A key or supplementary comparison: its registration, life cycle, the participants' results and the pilot's
 * evaluations. Immutable; each command returns the next state and the events that announce it.
 */
public record Comparison(String identifier, String type, String organiser, String metrologyAreaLabel,
                         String measurand, String unit, String pilot, List<String> participants,
                         List<String> linkingLaboratories, String linkedTo, String protocolReference,
                         LocalDate plannedStart, LocalDate plannedEnd, ComparisonStatus status, String registeredBy,
                         Instant registeredAt, List<ParticipantResult> results, int resultsRevision,
                         List<ComparisonEvaluation> evaluations, List<StatusChange> history) {

    static final Set<String> AREAS = Set.of("AUV", "EM", "L", "M", "PR", "T", "TF", "QM", "RI");
    /** The CIPM MRA expects a comparison to be completed within five years. */
    static final Period COMPLETION_PERIOD = Period.ofYears(5);
    static final int MAX_MONTE_CARLO_TRIALS = 1_000_000;

    public Comparison {
        participants = participants == null ? List.of() : List.copyOf(participants);
        linkingLaboratories = linkingLaboratories == null ? List.of() : List.copyOf(linkingLaboratories);
        results = results == null ? List.of() : List.copyOf(results);
        evaluations = evaluations == null ? List.of() : List.copyOf(evaluations);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The same unit however written (µg/kg and μg/kg); a logarithmic one only as the same symbol. */
    private static boolean sameUnit(String a, String b) {
        UnitReading first = UnitReader.find(a).orElse(null);
        UnitReading second = UnitReader.find(b).orElse(null);
        if (first == null || second == null || first.logarithmic() || second.logarithmic()) {
            return a != null && a.strip().equals(b == null ? null : b.strip());
        }
        return first.unit().equals(second.unit());
    }

    /** A null in a list of institutes would otherwise surface far from the request that sent it. */
    private static void institutes(String field, List<String> institutes, List<Violation> problems) {
        for (int i = 0; i < institutes.size(); i++) {
            if (institutes.get(i) == null || institutes.get(i).isBlank()) {
                problems.add(new Violation(field + "[" + i + "]", "must name an institute"));
            }
        }
    }

    public static Outcome<Comparison> register(Registration r, String by, Instant now) {
        List<Violation> problems = new ArrayList<>();
        ComparisonIdentifier id = ComparisonIdentifier.parse(r.identifier()).orElse(null);
        if (id == null) {
            problems.add(new Violation("identifier", "is not a KCDB comparison identifier such as CCM.M-K1 or "
                    + "EURAMET.L-S24"));
        }
        boolean key = "KEY".equals(r.type());
        if (!key && !"SUPPLEMENTARY".equals(r.type())) {
            problems.add(new Violation("type", "must be KEY or SUPPLEMENTARY"));
        } else if (id != null && id.key() != key) {
            problems.add(new Violation("type", "does not match the identifier (K for key, S for supplementary)"));
        }
        // "CCRI(II)" names the committee's section; "CCRI" alone is the committee and also right
        if (id != null && r.organiser() != null && !r.organiser().equals(id.organiser())
                && !r.organiser().equals(id.organiser() + "(" + id.section() + ")")) {
            problems.add(new Violation("organiser", "must be " + id.organiser() + ", as the identifier says"));
        }
        if (r.metrologyAreaLabel() == null || !AREAS.contains(r.metrologyAreaLabel())) {
            problems.add(new Violation("metrologyAreaLabel", "must be one of " + AREAS));
        }
        text(r.measurand(), "measurand", problems);
        text(r.unit(), "unit", problems);
        if (r.unit() != null && !r.unit().isBlank() && UnitReader.find(r.unit()).isEmpty()) {
            problems.add(new Violation("unit", "'" + r.unit()
                    + "' is not a unit symbol (e.g. kg, mV, µg/kg, °C, J s, 1)"));
        }
        text(r.pilot(), "pilot", problems);
        List<String> participants = r.participants() == null ? List.of() : r.participants();
        if (participants.size() < 2) {
            problems.add(new Violation("participants", "a comparison needs at least two participants"));
        }
        if (new HashSet<>(participants).size() != participants.size()) {
            problems.add(new Violation("participants", "lists an institute twice"));
        }
        if (r.pilot() != null && !participants.contains(r.pilot())) {
            problems.add(new Violation("participants", "must include the pilot laboratory"));
        }
        List<String> linking = r.linkingLaboratories() == null ? List.of() : r.linkingLaboratories();
        institutes("participants", participants, problems);
        institutes("linkingLaboratories", linking, problems);
        if (!participants.containsAll(linking)) {
            problems.add(new Violation("linkingLaboratories", "must be participants of the comparison"));
        }
        if (id != null && id.rmoKeyComparison()) {
            ComparisonIdentifier linked = ComparisonIdentifier.parse(r.linkedTo()).orElse(null);
            if (linked == null || !linked.key() || !linked.cipm()) {
                problems.add(new Violation("linkedTo", "an RMO key comparison must name the CIPM key comparison it "
                        + "links to"));
            }
        }
        if (r.protocolReference() != null && r.protocolReference().length() > 500) {
            problems.add(new Violation("protocolReference", "must be at most 500 characters"));
        }
        if (r.plannedStart() != null && r.plannedEnd() != null && r.plannedEnd().isBefore(r.plannedStart())) {
            problems.add(new Violation("plannedEnd", "must not be before plannedStart"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidComparison(problems);
        }
        Comparison c = new Comparison(id.value(), r.type(), id.organiser(), r.metrologyAreaLabel(), r.measurand(),
                r.unit(), r.pilot(), participants, linking, r.linkedTo(), r.protocolReference(), r.plannedStart(),
                r.plannedEnd(), ComparisonStatus.PLANNED, by, now, List.of(), 0, List.of(), List.of());
        return new Outcome<>(c, List.of(new ComparisonRegistered(UUID.randomUUID(), now,
                ComparisonRegistered.SCHEMA_VERSION, c.identifier, c.type, c.organiser, c.metrologyAreaLabel,
                c.measurand, c.unit, c.pilot, c.participants, c.linkedTo, c.status.name(), by, c.linkingLaboratories,
                c.protocolReference, c.plannedStart, c.plannedEnd)));
    }

    /** The pilot's coordinator moves the comparison along; the KCDB office publishes it. Either may withdraw it. */
    public Outcome<Comparison> moveTo(ComparisonStatus next, Actor actor, Instant now) {
        if (next == ComparisonStatus.PUBLISHED ? !actor.kcdbOffice() : !(actor.isPilotOf(this) || actor.kcdbOffice())) {
            throw new NotEntitled(next == ComparisonStatus.PUBLISHED ? "Only the KCDB office publishes a comparison."
                    : "Only the pilot laboratory's coordinator or the KCDB office moves " + identifier + " on.");
        }
        // the status is judged only for a caller entitled to move the comparison on (authorization first)
        if (next == null) {
            throw new InvalidFields("The status is missing.", List.of(new Violation("status", "is required: one of "
                    + java.util.Arrays.toString(ComparisonStatus.values()))));
        }
        if (!status.canMoveTo(next)) {
            throw new IllegalComparisonTransition("A comparison in status " + status + " cannot move to " + next + ".",
                    status);
        }
        if (next == ComparisonStatus.DRAFT_A && results.size() < 2) {
            throw new IllegalComparisonTransition("Draft A needs the results of at least two participants; "
                    + results.size() + " reported.", status);
        }
        if (next == ComparisonStatus.APPROVED && !currentEvaluation().isPresent()) {
            throw new IllegalComparisonTransition("Approval needs an evaluation of the current results"
                    + (evaluations.isEmpty() ? "." : ": results were corrected after evaluation "
                    + evaluations.get(evaluations.size() - 1).number() + "."), status);
        }
        List<StatusChange> changes = new ArrayList<>(history);
        changes.add(new StatusChange(status, next, actor.username(), now));
        Comparison moved = new Comparison(identifier, type, organiser, metrologyAreaLabel, measurand, unit, pilot,
                participants, linkingLaboratories, linkedTo, protocolReference, plannedStart, plannedEnd, next,
                registeredBy, registeredAt, results, resultsRevision, evaluations, changes);
        return new Outcome<>(moved, List.of(new ComparisonStatusChanged(UUID.randomUUID(), now,
                ComparisonStatusChanged.SCHEMA_VERSION, identifier, metrologyAreaLabel, status.name(), next.name(),
                actor.username(), pilot, participants)));
    }

    /**
     * A participant (or the pilot on its behalf) reports a result during the measurements; from Draft A until
     * approval it changes only by a correction with a stated reason, which the result keeps.
     */
    public Outcome<Comparison> submitResult(String institute, ResultSubmission submission, Actor actor, Instant now) {
        // rights first: who may not report for this institute learns nothing of the participants or the body
        if (!actor.isPilotOf(this) && !institute.equals(actor.institute())) {
            throw new NotEntitled("A result is reported by its own institute or by the pilot laboratory.");
        }
        if (!participants.contains(institute)) {
            throw new InvalidComparison(List.of(new Violation("institute", institute + " is not a participant of "
                    + identifier)));
        }
        boolean frozen = status == ComparisonStatus.DRAFT_A || status == ComparisonStatus.DRAFT_B;
        if (status != ComparisonStatus.MEASUREMENTS && !frozen) {
            throw new IllegalComparisonTransition("Results are reported during MEASUREMENTS and corrected during "
                    + "DRAFT_A or DRAFT_B; the comparison is " + status + ".", status);
        }
        Optional<ParticipantResult> previous = resultOf(institute);
        String reason = submission.correctionReason() == null ? null : submission.correctionReason().strip();
        if (frozen && (reason == null || reason.isEmpty())) {
            throw new IllegalComparisonTransition("Results are frozen since Draft A: a change is a correction and "
                    + "must give a correctionReason.", status);
        }
        if (frozen && previous.isEmpty()) {
            throw new IllegalComparisonTransition(institute + " reported no result before Draft A; there is nothing "
                    + "to correct.", status);
        }
        ParticipantResult next = converted(institute, submission, actor.username(), now);
        List<ParticipantResult> all = new ArrayList<>(results);
        all.removeIf(r -> r.institute().equals(institute));
        all.add(frozen ? previous.get().correctedTo(next, reason) : next);
        all.sort(java.util.Comparator.comparingInt(r -> participants.indexOf(r.institute())));
        Comparison updated = new Comparison(identifier, type, organiser, metrologyAreaLabel, measurand, unit, pilot,
                participants, linkingLaboratories, linkedTo, protocolReference, plannedStart, plannedEnd, status,
                registeredBy, registeredAt, all, resultsRevision + 1, evaluations, history);
        return new Outcome<>(updated, List.of(new ComparisonResultSubmitted(UUID.randomUUID(), now,
                ComparisonResultSubmitted.SCHEMA_VERSION, identifier, institute, frozen, frozen ? reason : null,
                actor.username())));
    }

    private ParticipantResult converted(String institute, ResultSubmission s, String by, Instant now) {
        List<Violation> problems = new ArrayList<>();
        if (s.value() == null || !Magnitudes.sane(s.value())) {
            problems.add(new Violation("value", "is required and " + Magnitudes.describe()));
        }
        if (s.standardUncertainty() == null || !(s.standardUncertainty() > 0)
                || !Magnitudes.sane(s.standardUncertainty())) {
            problems.add(new Violation("standardUncertainty", "is required and must be a positive number no "
                    + "larger than 1e100"));
        }
        // A result without its unit used to be read in the comparison's unit: a guess that turns grams into mg.
        if (s.unit() == null || s.unit().isBlank()) {
            problems.add(new Violation("unit", "is required: the unit the value and uncertainty are in (the "
                    + "comparison's is " + unit + ")"));
        }
        String reportedUnit = s.unit();
        double[] inComparisonUnit = null;
        if (problems.isEmpty()) {
            try {
                inComparisonUnit = UnitReader.convert(s.value(), s.standardUncertainty(), reportedUnit, unit);
                if (!Magnitudes.sane(inComparisonUnit[0]) || !Magnitudes.sane(inComparisonUnit[1])) {
                    problems.add(new Violation("value", "in the comparison's unit (" + unit + ") "
                            + Magnitudes.describe()));
                }
            } catch (UnknownUnit | IncompatibleUnits e) {
                problems.add(new Violation("unit", e.getMessage()));
            }
        }
        if (s.correctionReason() != null && s.correctionReason().length() > 2000) {
            problems.add(new Violation("correctionReason", "must be at most 2000 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidComparison(problems);
        }
        return new ParticipantResult(institute, s.value(), s.standardUncertainty(), reportedUnit, inComparisonUnit[0],
                inComparisonUnit[1], by, now, List.of());
    }

    /**
     * Results are blind until Draft A: a participant sees its own, the pilot and the KCDB office see all. From
     * Draft A every participant sees every result; others see them once published.
     */
    public List<ParticipantResult> resultsVisibleTo(Actor actor) {
        if (actor.isPilotOf(this) || actor.kcdbOffice() || status == ComparisonStatus.PUBLISHED) {
            return results;
        }
        if (!actor.isParticipantIn(this)) {
            return List.of();
        }
        if (status.ordinal() >= ComparisonStatus.DRAFT_A.ordinal() && status != ComparisonStatus.WITHDRAWN) {
            return results;
        }
        return results.stream().filter(r -> r.institute().equals(actor.institute())).toList();
    }

    /** Evaluations belong to the draft reports: participants, the pilot and the KCDB office; everyone once published. */
    public boolean evaluationsVisibleTo(Actor actor) {
        return status == ComparisonStatus.PUBLISHED || actor.kcdbOffice() || actor.isPilotOf(this)
                || actor.isParticipantIn(this);
    }

    /** The pilot evaluates the reported results during the Draft A and Draft B stages. */
    public Outcome<Comparison> evaluate(EvaluationChoice choice, Actor actor, Instant now) {
        requireEvaluator(actor);
        List<Violation> problems = new ArrayList<>();
        if (choice.method() == null) {
            problems.add(new Violation("method", "is required"));
        }
        Set<String> reported = new HashSet<>(results.stream().map(ParticipantResult::institute).toList());
        for (String excluded : choice.excludedFromReference()) {
            if (!reported.contains(excluded)) {
                problems.add(new Violation("excludedFromReference", excluded + " has no result in " + identifier));
            }
        }
        if (!(choice.coverageFactor() > 0 && choice.coverageFactor() <= 10)) {
            problems.add(new Violation("coverageFactor", "must be greater than 0 and at most 10"));
        }
        if (choice.monteCarloTrials() < 1_000 || choice.monteCarloTrials() > MAX_MONTE_CARLO_TRIALS) {
            problems.add(new Violation("monteCarloTrials", "must be between 1000 and " + MAX_MONTE_CARLO_TRIALS));
        }
        if (!problems.isEmpty()) {
            throw new InvalidComparison(problems);
        }
        List<Measurement> measurements = measurements();
        Evaluation evaluation = KcrvEvaluator.evaluate(new EvaluationRequest(measurements, choice.method(),
                choice.excludedFromReference(), choice.coverageFactor(), choice.uncertaintyConvention(),
                choice.studentT(), choice.monteCarloTrials(), choice.seed(), choice.medianReport()));
        return withEvaluation(evaluation, measurements, actor, now);
    }

    /**
     * Evaluates an RMO key comparison against the KCRV of the CIPM key comparison it is linked to: each
     * laboratory's degree of equivalence comes through the linking laboratories ({@link ComparisonLink}). There is
     * no reference value of its own, so the CIPM KCRV is reported and no consistency check applies.
     */
    public Outcome<Comparison> evaluateLinked(Comparison cipm, EvaluationChoice choice, Actor actor, Instant now) {
        requireEvaluator(actor);
        if (linkedTo == null || !linkedTo.equals(cipm.identifier())) {
            throw new InvalidComparison(List.of(new Violation("method", linkedTo == null
                    ? identifier + " is not an RMO key comparison linked to a CIPM key comparison"
                    : identifier + " is linked to " + linkedTo + ", not " + cipm.identifier())));
        }
        ComparisonEvaluation reference = cipm.currentEvaluation().orElseThrow(() -> new InvalidEvaluation(
                cipm.identifier() + " has no current evaluation to link to"));
        if (!sameUnit(cipm.unit(), unit)) {
            throw new InvalidEvaluation(identifier + " is in " + unit + " but " + cipm.identifier() + " in "
                    + cipm.unit() + "; the link needs the same unit");
        }
        Map<String, DegreeOfEquivalence> cipmDegrees = new LinkedHashMap<>();
        reference.evaluation().degreesOfEquivalence().forEach(d -> cipmDegrees.put(d.institute(), d));
        List<Measurement> measurements = measurements();
        List<DegreeOfEquivalence> degrees = ComparisonLink.link(measurements, cipmDegrees,
                Set.copyOf(linkingLaboratories), choice.coverageFactor());
        Evaluation cipmEvaluation = reference.evaluation();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("linkedTo", cipm.identifier());
        details.put("cipmEvaluation", reference.number());
        details.put("linkingLaboratories", linkingLaboratories);
        details.put("consistencyCheck", "not applicable: the reference is the CIPM comparison's KCRV");
        Evaluation evaluation = new Evaluation(EvaluationMethod.LINKED, cipmEvaluation.kcrv(),
                cipmEvaluation.kcrvStandardUncertainty(), cipmEvaluation.kcrvExpandedUncertainty(),
                cipmEvaluation.kcrvCoverageFactor(), 0, 0, 1.0, true, Map.of(), degrees,
                KcrvEvaluator.pairwise(measurements, choice.coverageFactor()), choice.coverageFactor(),
                UncertaintyConvention.WITHOUT_CORRELATION, List.of(), details);
        return withEvaluation(evaluation, measurements, actor, now);
    }

    private void requireEvaluator(Actor actor) {
        if (!actor.isPilotOf(this) && !actor.kcdbOffice()) {
            throw new NotEntitled("Only the pilot laboratory's coordinator or the KCDB office evaluates " + identifier
                    + ".");
        }
        if (status != ComparisonStatus.DRAFT_A && status != ComparisonStatus.DRAFT_B) {
            throw new IllegalComparisonTransition("A comparison is evaluated in DRAFT_A or DRAFT_B; it is " + status
                    + ".", status);
        }
    }

    private List<Measurement> measurements() {
        return results.stream().map(r -> new Measurement(r.institute(), r.value(), r.standardUncertainty())).toList();
    }

    private Outcome<Comparison> withEvaluation(Evaluation evaluation, List<Measurement> measurements, Actor actor,
                                               Instant now) {
        ComparisonEvaluation stored = new ComparisonEvaluation(evaluations.size() + 1, evaluation, measurements,
                resultsRevision, actor.username(), now);
        List<ComparisonEvaluation> all = new ArrayList<>(evaluations);
        all.add(stored);
        Comparison evaluated = new Comparison(identifier, type, organiser, metrologyAreaLabel, measurand, unit, pilot,
                participants, linkingLaboratories, linkedTo, protocolReference, plannedStart, plannedEnd, status,
                registeredBy, registeredAt, results, resultsRevision, all, history);
        return new Outcome<>(evaluated, List.of(evaluatedEvent(stored, now)));
    }

    private ComparisonEvaluated evaluatedEvent(ComparisonEvaluation stored, Instant now) {
        Evaluation e = stored.evaluation();
        return new ComparisonEvaluated(UUID.randomUUID(), now, ComparisonEvaluated.SCHEMA_VERSION, identifier,
                stored.number(), e.method().name(), unit, e.kcrv(), e.kcrvStandardUncertainty(),
                e.kcrvExpandedUncertainty(), e.chiSquaredObserved(), e.degreesOfFreedom(), e.pValue(), e.consistent(),
                e.coverageFactor(), e.convention().name(), e.excludedFromReference(),
                stored.measurements().stream().map(m -> new ComparisonEvaluated.Result(m.institute(), m.value(),
                        m.standardUncertainty())).toList(),
                e.degreesOfEquivalence().stream().map(Comparison::degree).toList(), stored.evaluatedBy(),
                e.pairwiseDegreesOfEquivalence().stream().map(p -> new ComparisonEvaluated.PairwiseDegree(
                        p.institute(), p.other(), p.d(), p.expandedUncertainty())).toList());
    }

    private static ComparisonEvaluated.Degree degree(DegreeOfEquivalence d) {
        return new ComparisonEvaluated.Degree(d.institute(), d.d(), d.standardUncertainty(), d.expandedUncertainty(),
                d.en(), d.contributing());
    }

    /** The latest evaluation, if it saw the results as they are now. */
    public Optional<ComparisonEvaluation> currentEvaluation() {
        return latestEvaluation().filter(e -> e.resultsRevision() == resultsRevision);
    }

    public Optional<ComparisonEvaluation> latestEvaluation() {
        return evaluations.isEmpty() ? Optional.empty() : Optional.of(evaluations.get(evaluations.size() - 1));
    }

    public Optional<ParticipantResult> resultOf(String institute) {
        return results.stream().filter(r -> r.institute().equals(institute)).findFirst();
    }

    /** Not published (or withdrawn) five years after its planned start, or its registration if none was given. */
    public boolean overdue(Instant now) {
        if (status == ComparisonStatus.PUBLISHED || status == ComparisonStatus.WITHDRAWN) {
            return false;
        }
        LocalDate started = plannedStart != null ? plannedStart : registeredAt.atZone(ZoneOffset.UTC).toLocalDate();
        return !now.atZone(ZoneOffset.UTC).toLocalDate().isBefore(started.plus(COMPLETION_PERIOD));
    }

    /** Each participant's role: the pilot, a linking laboratory (to the CIPM comparison), or a participant. */
    public Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        for (String p : participants) {
            roles.put(p, p.equals(pilot) ? "PILOT" : linkingLaboratories.contains(p) ? "LINKING_LABORATORY"
                    : "PARTICIPANT");
        }
        return roles;
    }

    private static void text(String value, String field, List<Violation> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Violation(field, "is required"));
        } else if (value.length() > 500) {
            problems.add(new Violation(field, "must be at most 500 characters"));
        }
    }

}
