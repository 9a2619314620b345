package org.bipm.kcdb.comparison.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.comparison.domain.evaluation.EvaluationMethod;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonResultSubmitted;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final Actor PILOT = new Actor("coordinator.ptb", "PTB", true, false);
    static final Actor OFFICE = new Actor("kcdb.office", "BIPM", false, true);
    static final Actor NPL = new Actor("writer.npl", "NPL", false, false);
    static final Actor NIST = new Actor("coordinator.nist", "NIST", true, false);
    static final Actor OUTSIDER = new Actor("writer.nmij", "NMIJ", false, false);

    static Comparison ccmM() {
        return Comparison.register(new Registration("CCM.M-K7", "KEY", "CCM", "M", "Mass of a 1 kg standard", "mg",
                "PTB", List.of("PTB", "NPL", "NIST"), List.of("NPL"), null, "CCM.M-K7 protocol v1",
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)), "coordinator.ptb", T0).aggregate();
    }

    static Comparison inMeasurements() {
        return ccmM().moveTo(ComparisonStatus.MEASUREMENTS, PILOT, T0).aggregate();
    }

    static Comparison withResults(ComparisonStatus until) {
        Comparison c = inMeasurements()
                .submitResult("PTB", new ResultSubmission(0.100, 0.010, "mg", null), PILOT, T0).aggregate()
                .submitResult("NPL", new ResultSubmission(0.000130, 0.000012, "g", null), NPL, T0).aggregate()
                .submitResult("NIST", new ResultSubmission(0.090, 0.015, "mg", null), NIST, T0).aggregate();
        for (ComparisonStatus s : List.of(ComparisonStatus.DRAFT_A, ComparisonStatus.DRAFT_B)) {
            if (c.status().ordinal() < until.ordinal()) {
                c = c.moveTo(s, PILOT, T0).aggregate();
            }
        }
        return c;
    }

    static EvaluationChoice weightedMean() {
        return new EvaluationChoice(EvaluationMethod.WEIGHTED_MEAN, null, null, null, null, null, null, null);
    }

    /** The shared identifier rule (shared-model): sections, BIPM ongoing comparisons, sub-fields, year suffixes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "CCRI(I)-K2,           KEY,          CCRI,     RI,  ",
            "CCRI(II)-K3,          KEY,          CCRI(II), RI,  ",
            "BIPM.RI(II)-K1.Co-60, KEY,          BIPM,     RI,  ",
            "BIPM.EM-K10.a,        KEY,          BIPM,     EM,  ",
            "CCEM.RF-K5.c.CL,      KEY,          CCEM,     EM,  ",
            "CCAUV.A-K5,           KEY,          CCAUV,    AUV, ",
            "EURAMET.M.M-K4,       KEY,          EURAMET,  M,   CCM.M-K4",
            "APMP.M.F-K2.a,        KEY,          APMP,     M,   CCM.F-K2",
            "EUROMET.L-K5-2004,    KEY,          EUROMET,  L,   CCL-K5",
            "GULFMET.L-S1,         SUPPLEMENTARY, GULFMET, L,   ",
            "AFRIMETS.M.P-S1,      SUPPLEMENTARY, AFRIMETS, M,  "})
    void everyKcdbIdentifierFormIsRegistered(String identifier, String type, String organiser, String area,
                                             String linkedTo) {
        Outcome<Comparison> r = Comparison.register(new Registration(identifier, type, organiser, area,
                "Measurand", "kg", "PTB", List.of("PTB", "NPL"), linkedTo == null ? null : List.of("PTB"), linkedTo,
                null, null, null), "coordinator.ptb", T0);
        assertThat(r.aggregate().identifier()).isEqualTo(identifier);
    }

    /** The platform's one unit reader (support/units): the comparison reads a unit as submission and publication do. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1", "J s", "N·m", "W/(m·K)", "µmol/mol", "umol/mol",
            "%", "°C", "Gy/s", "Bq/kg", "s⁻¹", "m<sup>2</sup>"})
    void aUnitAsMetrologistsWriteItIsAcceptedAtRegistration(String unit) {
        Comparison c = Comparison.register(new Registration("CCQM-K155", "KEY", "CCQM", "QM", "Measurand", unit,
                "PTB", List.of("PTB", "NPL"), null, null, null, null, null), "coordinator.ptb", T0).aggregate();
        assertThat(c.unit()).isEqualTo(unit);
    }

    @Test
    void aMalformedIdentifierIsRefusedAtRegistration() {
        assertThatThrownBy(() -> Comparison.register(new Registration("CCRI(IV)-K1", "KEY", "CCRI", "RI",
                "Measurand", "Bq", "PTB", List.of("PTB", "NPL"), null, null, null, null, null), "coordinator.ptb", T0))
                .isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("identifier"));
    }

    @Test
    void aValidKeyComparisonIsRegisteredAsPlannedWithItsEvent() {
        Outcome<Comparison> r = Comparison.register(new Registration("CCEM-K8", "KEY", "CCEM", "EM",
                "DC voltage ratio", "V/V", "PTB", List.of("PTB", "NPL", "NIST"), null, null, "CCEM-K8 protocol v2",
                null, null), "coordinator.ptb", T0);
        assertThat(r.aggregate().status()).isEqualTo(ComparisonStatus.PLANNED);
        ComparisonRegistered event = (ComparisonRegistered) r.events().get(0);
        assertThat(event.identifier()).isEqualTo("CCEM-K8");
        assertThat(event.participants()).containsExactly("PTB", "NPL", "NIST");
        assertThat(event.protocolReference()).isEqualTo("CCEM-K8 protocol v2");
    }

    @Test
    void everyBadFieldIsReported() {
        assertThatThrownBy(() -> Comparison.register(new Registration("EURAMET.L-K7", "SUPPLEMENTARY", "CCL", "XX",
                "", "furlong", "PTB", List.of("NPL", "NPL"), List.of("INRIM"), null, null, LocalDate.of(2027, 1, 1),
                LocalDate.of(2026, 1, 1)), "coordinator.ptb", T0))
                .isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .contains("type", "organiser", "metrologyAreaLabel", "measurand", "unit", "participants",
                                "linkingLaboratories", "linkedTo", "plannedEnd"));
    }

    @Test
    void anRmoKeyComparisonLinkedToItsCipmComparisonIsAccepted() {
        Comparison c = Comparison.register(new Registration("EURAMET.EM-K8", "KEY", "EURAMET", "EM", "DC voltage",
                "V", "PTB", List.of("PTB", "METAS"), List.of("PTB"), "CCEM-K8", null, null, null), "coordinator.ptb",
                T0).aggregate();
        assertThat(c.linkedTo()).isEqualTo("CCEM-K8");
        assertThat(c.roles()).containsEntry("PTB", "PILOT").containsEntry("METAS", "PARTICIPANT");
    }

    @Test
    void participantsHaveTheirRoles() {
        assertThat(ccmM().roles()).containsExactly(java.util.Map.entry("PTB", "PILOT"),
                java.util.Map.entry("NPL", "LINKING_LABORATORY"), java.util.Map.entry("NIST", "PARTICIPANT"));
    }

    @Test
    void theLifeCycleOnlyMovesForwardOrToWithdrawn() {
        assertThat(ComparisonStatus.PLANNED.canMoveTo(ComparisonStatus.MEASUREMENTS)).isTrue();
        assertThat(ComparisonStatus.PLANNED.canMoveTo(ComparisonStatus.DRAFT_A)).isFalse();
        assertThat(ComparisonStatus.DRAFT_B.canMoveTo(ComparisonStatus.DRAFT_A)).isFalse();
        assertThat(ComparisonStatus.APPROVED.canMoveTo(ComparisonStatus.WITHDRAWN)).isTrue();
        assertThat(ComparisonStatus.PUBLISHED.canMoveTo(ComparisonStatus.WITHDRAWN)).isFalse();
    }

    @Test
    void aStatusChangeIsRecordedAndAnnounced() {
        Outcome<Comparison> moved = ccmM().moveTo(ComparisonStatus.MEASUREMENTS, PILOT, T0.plusSeconds(60));
        assertThat(moved.aggregate().history()).containsExactly(new StatusChange(ComparisonStatus.PLANNED,
                ComparisonStatus.MEASUREMENTS, "coordinator.ptb", T0.plusSeconds(60)));
        ComparisonStatusChanged event = (ComparisonStatusChanged) moved.events().get(0);
        assertThat(event.fromStatus()).isEqualTo("PLANNED");
        assertThat(event.toStatus()).isEqualTo("MEASUREMENTS");
        // who takes part travels with it, for readers that did not see the registration (the notifications)
        assertThat(event.pilot()).isEqualTo(ccmM().pilot());
        assertThat(event.participants()).isEqualTo(ccmM().participants()).isNotEmpty();
    }

    @Test
    void onlyThePilotOrTheOfficeMovesTheComparisonAndOnlyTheOfficePublishes() {
        assertThatThrownBy(() -> ccmM().moveTo(ComparisonStatus.MEASUREMENTS, NIST, T0))
                .isInstanceOf(NotEntitled.class);
        assertThat(ccmM().moveTo(ComparisonStatus.WITHDRAWN, OFFICE, T0).aggregate().status())
                .isEqualTo(ComparisonStatus.WITHDRAWN);
        Comparison approved = withResults(ComparisonStatus.DRAFT_B).evaluate(weightedMean(), PILOT, T0).aggregate()
                .moveTo(ComparisonStatus.APPROVED, PILOT, T0).aggregate();
        assertThatThrownBy(() -> approved.moveTo(ComparisonStatus.PUBLISHED, PILOT, T0))
                .isInstanceOf(NotEntitled.class);
        assertThat(approved.moveTo(ComparisonStatus.PUBLISHED, OFFICE, T0).aggregate().status())
                .isEqualTo(ComparisonStatus.PUBLISHED);
    }

    @Test
    void skippingAStageIsRefusedWithTheCurrentStatus() {
        assertThatThrownBy(() -> ccmM().moveTo(ComparisonStatus.DRAFT_A, PILOT, T0))
                .isInstanceOfSatisfying(IllegalComparisonTransition.class,
                        e -> assertThat(e.current()).isEqualTo(ComparisonStatus.PLANNED));
    }

    @Test
    void draftANeedsResultsAndApprovalNeedsACurrentEvaluation() {
        assertThatThrownBy(() -> inMeasurements().moveTo(ComparisonStatus.DRAFT_A, PILOT, T0))
                .isInstanceOf(IllegalComparisonTransition.class).hasMessageContaining("at least two");
        Comparison draftB = withResults(ComparisonStatus.DRAFT_B);
        assertThatThrownBy(() -> draftB.moveTo(ComparisonStatus.APPROVED, PILOT, T0))
                .isInstanceOf(IllegalComparisonTransition.class).hasMessageContaining("evaluation");
        Comparison evaluatedThenCorrected = draftB.evaluate(weightedMean(), PILOT, T0).aggregate()
                .submitResult("NIST", new ResultSubmission(0.091, 0.015, "mg", "Air buoyancy correction recomputed"),
                        NIST, T0).aggregate();
        assertThat(evaluatedThenCorrected.currentEvaluation()).isEmpty();
        assertThatThrownBy(() -> evaluatedThenCorrected.moveTo(ComparisonStatus.APPROVED, PILOT, T0))
                .isInstanceOf(IllegalComparisonTransition.class).hasMessageContaining("corrected after evaluation 1");
    }

    @Test
    void resultsAreConvertedToTheComparisonsUnitAndAnnouncedWithoutTheirValue() {
        Outcome<Comparison> changed = inMeasurements().submitResult("NPL",
                new ResultSubmission(0.000130, 0.000012, "g", null), NPL, T0);
        ParticipantResult npl = changed.aggregate().resultOf("NPL").orElseThrow();
        assertThat(npl.value()).isCloseTo(0.130, within(1e-12));
        assertThat(npl.standardUncertainty()).isCloseTo(0.012, within(1e-12));
        assertThat(npl.reportedUnit()).isEqualTo("g");
        ComparisonResultSubmitted event = (ComparisonResultSubmitted) changed.events().get(0);
        assertThat(event.institute()).isEqualTo("NPL");
        assertThat(event.correction()).isFalse();
    }

    @Test
    void badResultsAreFieldErrors() {
        assertThatThrownBy(() -> inMeasurements().submitResult("NPL", new ResultSubmission(null, -1.0, "K", null),
                NPL, T0)).isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.violations())
                .extracting(Violation::field).containsExactly("value", "standardUncertainty"));
        assertThatThrownBy(() -> inMeasurements().submitResult("NPL", new ResultSubmission(1.0, 0.1, "K", null),
                NPL, T0)).isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.violations())
                .extracting(Violation::field).containsExactly("unit"));
        assertThatThrownBy(() -> inMeasurements().submitResult("NMIJ", new ResultSubmission(1.0, 0.1, "mg", null),
                OUTSIDER, T0)).isInstanceOf(InvalidComparison.class).hasMessageContaining("1 invalid field");
    }

    @Test
    void aResultWithoutItsUnitIsRefusedNotReadInTheComparisonsUnit() {
        for (String missing : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> inMeasurements().submitResult("NPL", new ResultSubmission(0.13, 0.012, missing,
                    null), NPL, T0)).isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.violations())
                    .extracting(Violation::field).containsExactly("unit"));
        }
    }

    @Test
    void resultsBeyondThePhysicallySaneAreRefused() {
        for (double insane : new double[] {1e300, -1e300, Double.NaN, Double.POSITIVE_INFINITY, 1.0000001e100}) {
            assertThatThrownBy(() -> inMeasurements().submitResult("NPL", new ResultSubmission(insane, 0.012, "mg",
                    null), NPL, T0)).as("value " + insane).isInstanceOfSatisfying(InvalidComparison.class,
                    e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("value"));
            assertThatThrownBy(() -> inMeasurements().submitResult("NPL", new ResultSubmission(0.13, Math.abs(insane),
                    "mg", null), NPL, T0)).as("uncertainty " + insane).isInstanceOf(InvalidComparison.class);
        }
        assertThatThrownBy(() -> inMeasurements().submitResult("NPL", new ResultSubmission(1e99, 1e98, "Mg", null),
                NPL, T0)).as("sane as written, beyond the bound in the comparison's mg")
                .isInstanceOf(InvalidComparison.class);
    }

    @Test
    void aParticipantReportsOnlyItsOwnResultThePilotAnyResult() {
        assertThatThrownBy(() -> inMeasurements().submitResult("NIST", new ResultSubmission(1.0, 0.1, "mg", null),
                NPL, T0)).isInstanceOf(NotEntitled.class);
        assertThat(inMeasurements().submitResult("NIST", new ResultSubmission(1.0, 0.1, "mg", null), PILOT, T0)
                .aggregate().resultOf("NIST")).isPresent();
        assertThatThrownBy(() -> ccmM().submitResult("NPL", new ResultSubmission(1.0, 0.1, "mg", null), NPL, T0))
                .isInstanceOf(IllegalComparisonTransition.class);
    }

    @Test
    void resultsAreBlindUntilDraftA() {
        Comparison measuring = withResults(ComparisonStatus.MEASUREMENTS);
        assertThat(measuring.resultsVisibleTo(NPL)).extracting(ParticipantResult::institute).containsExactly("NPL");
        assertThat(measuring.resultsVisibleTo(PILOT)).hasSize(3);
        assertThat(measuring.resultsVisibleTo(OFFICE)).hasSize(3);
        assertThat(measuring.resultsVisibleTo(OUTSIDER)).isEmpty();

        Comparison draftA = measuring.moveTo(ComparisonStatus.DRAFT_A, PILOT, T0).aggregate();
        assertThat(draftA.resultsVisibleTo(NPL)).hasSize(3);
        assertThat(draftA.resultsVisibleTo(OUTSIDER)).isEmpty();
        assertThat(draftA.evaluationsVisibleTo(OUTSIDER)).isFalse();
        assertThat(draftA.evaluationsVisibleTo(NIST)).isTrue();
    }

    @Test
    void afterDraftAAResultChangesOnlyByARecordedCorrection() {
        Comparison draftA = withResults(ComparisonStatus.DRAFT_A);
        assertThatThrownBy(() -> draftA.submitResult("NPL", new ResultSubmission(0.131, 0.012, "mg", null), NPL, T0))
                .isInstanceOf(IllegalComparisonTransition.class).hasMessageContaining("correctionReason");

        Outcome<Comparison> corrected = draftA.submitResult("NPL", new ResultSubmission(0.131, 0.012, "mg",
                "Transcription error in the report"), NPL, T0.plusSeconds(5));
        ParticipantResult npl = corrected.aggregate().resultOf("NPL").orElseThrow();
        assertThat(npl.value()).isEqualTo(0.131);
        assertThat(npl.corrections()).singleElement().satisfies(c -> {
            assertThat(c.previousValue()).isEqualTo(0.000130);
            assertThat(c.previousUnit()).isEqualTo("g");
            assertThat(c.reason()).isEqualTo("Transcription error in the report");
            assertThat(c.by()).isEqualTo("writer.npl");
        });
        ComparisonResultSubmitted event = (ComparisonResultSubmitted) corrected.events().get(0);
        assertThat(event.correction()).isTrue();
        assertThat(event.correctionReason()).isEqualTo("Transcription error in the report");
    }

    @Test
    void noResultChangesOnceApproved() {
        Comparison approved = withResults(ComparisonStatus.DRAFT_B).evaluate(weightedMean(), PILOT, T0).aggregate()
                .moveTo(ComparisonStatus.APPROVED, PILOT, T0).aggregate();
        assertThatThrownBy(() -> approved.submitResult("NPL", new ResultSubmission(0.131, 0.012, "mg", "late"), NPL,
                T0)).isInstanceOf(IllegalComparisonTransition.class);
    }

    @Test
    void theEvaluationUsesTheConvertedResultsAndIsAnnounced() {
        Outcome<Comparison> evaluated = withResults(ComparisonStatus.DRAFT_A).evaluate(new EvaluationChoice(
                EvaluationMethod.WEIGHTED_MEAN, Set.of("NIST"), 2.0, null, null, null, null, null), PILOT, T0);
        ComparisonEvaluation stored = evaluated.aggregate().latestEvaluation().orElseThrow();
        assertThat(stored.number()).isEqualTo(1);
        // PTB 0.100(10) and NPL 0.130(12) mg: weights 1/100 and 1/144
        double expected = (0.100 / 1e-4 + 0.130 / 1.44e-4) / (1 / 1e-4 + 1 / 1.44e-4);
        assertThat(stored.evaluation().kcrv()).isCloseTo(expected, within(1e-12));
        ComparisonEvaluated event = (ComparisonEvaluated) evaluated.events().get(0);
        assertThat(event.unit()).isEqualTo("mg");
        assertThat(event.excludedFromReference()).containsExactly("NIST");
        assertThat(event.degreesOfEquivalence()).extracting(ComparisonEvaluated.Degree::institute)
                .containsExactly("PTB", "NPL", "NIST");
        assertThat(event.degreesOfEquivalence().get(2).contributing()).isFalse();
    }

    @Test
    void evaluationIsForThePilotDuringTheDrafts() {
        assertThatThrownBy(() -> withResults(ComparisonStatus.MEASUREMENTS).evaluate(weightedMean(), PILOT, T0))
                .isInstanceOf(IllegalComparisonTransition.class);
        assertThatThrownBy(() -> withResults(ComparisonStatus.DRAFT_A).evaluate(weightedMean(), NPL, T0))
                .isInstanceOf(NotEntitled.class);
        assertThatThrownBy(() -> withResults(ComparisonStatus.DRAFT_A).evaluate(new EvaluationChoice(null,
                Set.of("NMIJ"), -1.0, null, null, 10, null, null), PILOT, T0))
                .isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("method", "excludedFromReference", "coverageFactor", "monteCarloTrials"));
    }

    @Test
    void anRmoComparisonIsLinkedToTheCipmKcrvThroughItsLinkingLaboratory() {
        Comparison cipm = withResults(ComparisonStatus.DRAFT_B).evaluate(weightedMean(), PILOT, T0).aggregate();
        double nplCipmDegree = cipm.currentEvaluation().orElseThrow().evaluation().degreesOfEquivalence().get(1).d();
        Actor npl = new Actor("coordinator.npl", "NPL", true, false);
        Comparison rmo = Comparison.register(new Registration("EURAMET.M.M-K7", "KEY", "EURAMET", "M",
                "Mass of a 1 kg standard", "mg", "NPL", List.of("NPL", "INRIM", "CMI"), List.of("NPL"), "CCM.M-K7",
                null, null, null), "coordinator.npl", T0).aggregate()
                .moveTo(ComparisonStatus.MEASUREMENTS, npl, T0).aggregate()
                .submitResult("NPL", new ResultSubmission(0.200, 0.012, "mg", null), npl, T0).aggregate()
                .submitResult("INRIM", new ResultSubmission(0.230, 0.020, "mg", null), npl, T0).aggregate()
                .submitResult("CMI", new ResultSubmission(0.150, 0.025, "mg", null), npl, T0).aggregate()
                .moveTo(ComparisonStatus.DRAFT_A, npl, T0).aggregate();

        Comparison linked = rmo.evaluateLinked(cipm, new EvaluationChoice(EvaluationMethod.LINKED, null, null, null,
                null, null, null, null), npl, T0).aggregate();
        var evaluation = linked.latestEvaluation().orElseThrow().evaluation();
        assertThat(evaluation.method()).isEqualTo(EvaluationMethod.LINKED);
        assertThat(evaluation.kcrv()).isEqualTo(cipm.currentEvaluation().orElseThrow().evaluation().kcrv());
        // INRIM is 0.030 mg above NPL in the RMO comparison, so 0.030 mg above NPL's CIPM degree of equivalence.
        assertThat(evaluation.degreesOfEquivalence()).extracting(d -> d.institute())
                .containsExactly("NPL", "INRIM", "CMI");
        assertThat(evaluation.degreesOfEquivalence().get(0).d()).isEqualTo(nplCipmDegree);
        assertThat(evaluation.degreesOfEquivalence().get(1).d()).isCloseTo(nplCipmDegree + 0.030, within(1e-12));
        assertThat(evaluation.degreesOfEquivalence().get(2).d()).isCloseTo(nplCipmDegree - 0.050, within(1e-12));

        assertThatThrownBy(() -> withResults(ComparisonStatus.DRAFT_A).evaluateLinked(cipm, weightedMean(), PILOT,
                T0)).isInstanceOf(InvalidComparison.class).hasMessageContaining("1 invalid field");
    }

    @Test
    void aComparisonNotCompletedWithinFiveYearsOfItsStartIsOverdue() {
        Comparison c = ccmM();
        assertThat(c.overdue(Instant.parse("2030-12-31T23:59:59Z"))).isFalse();
        assertThat(c.overdue(Instant.parse("2031-01-01T00:00:00Z"))).isTrue();
        assertThat(c.moveTo(ComparisonStatus.WITHDRAWN, PILOT, T0).aggregate()
                .overdue(Instant.parse("2032-01-01T00:00:00Z"))).isFalse();
    }
}
