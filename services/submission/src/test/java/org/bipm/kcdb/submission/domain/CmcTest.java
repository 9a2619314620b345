package org.bipm.kcdb.submission.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CmcTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final Actor PTB = new Actor("writer.ptb", "PTB", "DE", "EURAMET");
    static final CmcRules RULES = new CmcRules(TestCatalogue.SEED);

    static CmcContent complete() {
        return new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1", "DC voltage", "Zener voltage standard",
                "Josephson array", List.of(new Parameter("Temperature", "23 °C")), new Range(1.0, 10.0, "V"),
                new Range(0.05, 0.5, "µV/V"), null, null, "Relative", 2.0, 95.0, "PTB", null, "PTB-1",
                List.of("CCEM-K8"), "QMS-1");
    }

    static CmcContent withoutQuantity() {
        CmcContent c = complete();
        return new CmcContent(c.domainCode(), c.metrologyAreaLabel(), c.branchLabel(), c.serviceLabel(),
                c.subServiceLabel(), c.individualServiceLabel(), null, c.instrument(), c.instrumentMethod(),
                c.parameters(), new Range(10.0, 1.0, "V"), new Range(-1.0, 0.5, null), null, null, "Sometimes", 0.5,
                100.0, null, null, null, List.of(), null);
    }

    @Test
    void aNewDraftBelongsToTheWritersInstituteAndRecordsItsCreation() {
        Cmc draft = Cmc.draft("c1", PTB, complete(), T0);
        assertThat(draft.status()).isEqualTo(CmcStatus.DRAFT);
        assertThat(draft.institute()).isEqualTo("PTB");
        assertThat(draft.history()).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("created");
            assertThat(h.changes()).extracting(FieldChange::field).contains("quantityValue", "cmc");
        });
    }

    @Test
    void submittingACompleteDraftEmitsCmcSubmittedWithTheContent() {
        Outcome<Cmc> submission = Cmc.draft("c1", PTB, complete(), T0).submit(RULES, "writer.ptb", T0.plusSeconds(60));
        assertThat(submission.aggregate().status()).isEqualTo(CmcStatus.SUBMITTED);
        assertThat(submission.aggregate().round()).isEqualTo(1);
        CmcSubmitted event = (CmcSubmitted) submission.event();
        assertThat(event.cmcId()).isEqualTo("c1");
        assertThat(event.rmo()).isEqualTo("EURAMET");
        assertThat(event.content().quantityValue()).isEqualTo("DC voltage");
        assertThat(event.content().cmcBaseUnit()).isEqualTo(new Range(1.0, 10.0, "V"));
        assertThat(event.content().cmcUncertaintyBaseUnit().unit()).isEqualTo("dimension 1");
        assertThat(event.occurredAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void anIncompleteCmcIsRefusedWithEveryFieldAtFault() {
        Cmc draft = Cmc.draft("c1", PTB, withoutQuantity(), T0);
        assertThatThrownBy(() -> draft.submit(RULES, "writer.ptb", T0)).isInstanceOfSatisfying(IncompleteCmc.class,
                e -> assertThat(e.violations()).extracting(Violation::field).contains("quantityValue",
                        "cmc.lowerLimit", "cmcUncertainty.unit", "cmcUncertainty.lowerLimit", "uncertaintyMode",
                        "coverageFactor", "confidenceLevel"));
    }

    @Test
    void anEditRecordsWhichFieldsChangedWithOldAndNewValues() {
        CmcContent c = complete();
        CmcContent edited = new CmcContent(c.domainCode(), c.metrologyAreaLabel(), c.branchLabel(),
                c.serviceLabel(), c.subServiceLabel(), c.individualServiceLabel(), "DC voltage ratio", c.instrument(),
                c.instrumentMethod(), c.parameters(), c.cmc(), c.cmcUncertainty(), null, null, c.uncertaintyMode(),
                c.coverageFactor(), c.confidenceLevel(), c.traceabilitySource(), c.comments(), c.nmiServiceCode(),
                c.supportingComparisons(), c.qmsStatementRef());
        Cmc cmc = Cmc.draft("c1", PTB, c, T0).edit(edited, "writer.ptb", T0.plusSeconds(5));
        assertThat(cmc.history()).last().satisfies(h -> assertThat(h.changes()).containsExactly(
                new FieldChange("quantityValue", "DC voltage", "DC voltage ratio")));
    }

    @Test
    void aSubmittedCmcCanNoLongerBeEditedOrDeleted() {
        Cmc submitted = Cmc.draft("c1", PTB, complete(), T0).submit(RULES, "writer.ptb", T0).aggregate();
        assertThatThrownBy(() -> submitted.edit(complete(), "writer.ptb", T0))
                .isInstanceOfSatisfying(IllegalCmcTransition.class,
                        e -> assertThat(e.current()).isEqualTo(CmcStatus.SUBMITTED));
        assertThatThrownBy(submitted::checkDeletable).isInstanceOf(IllegalCmcTransition.class);
        assertThatThrownBy(() -> submitted.submit(RULES, "writer.ptb", T0)).isInstanceOf(IllegalCmcTransition.class);
    }

    @Test
    void reviewAndPublicationMoveTheStatusForwardButNeverBack() {
        Cmc cmc = Cmc.draft("c1", PTB, complete(), T0).submit(RULES, "writer.ptb", T0).aggregate()
                .follow(CmcStatus.INTRA_RMO_REVIEW, "review", "review opened", T0)
                .follow(CmcStatus.APPROVED, "chair.euramet", "approved", T0)
                .published("EURAMET-EM-DE-00000001-1", 1, "kcdb-office", T0);
        assertThat(cmc.status()).isEqualTo(CmcStatus.PUBLISHED);
        assertThat(cmc.kcdbCode()).isEqualTo("EURAMET-EM-DE-00000001-1");
        Cmc late = cmc.follow(CmcStatus.APPROVED, "chair.euramet", "approved", T0)
                .follow(CmcStatus.INTRA_RMO_REVIEW, "review", "review opened", T0);
        assertThat(late).isSameAs(cmc);
        assertThat(cmc.history()).extracting(HistoryEntry::toStatus).containsExactly(CmcStatus.DRAFT,
                CmcStatus.SUBMITTED, CmcStatus.INTRA_RMO_REVIEW, CmcStatus.APPROVED, CmcStatus.PUBLISHED);
    }

    @Test
    void theWriterSeesTheInterRmoReviewAnObjectionAndTheResubmissionsSecondRound() {
        Cmc inInterRmoReview = Cmc.draft("c1", PTB, complete(), T0).submit(RULES, "writer.ptb", T0).aggregate()
                .follow(CmcStatus.INTRA_RMO_REVIEW, "review", "review opened", T0)
                .follow(CmcStatus.INTER_RMO_REVIEW, "chair.euramet", "approved by EURAMET", T0);
        assertThat(inInterRmoReview.status()).isEqualTo(CmcStatus.INTER_RMO_REVIEW);
        assertThat(inInterRmoReview.status().editable()).isFalse();
        Cmc returned = inInterRmoReview.follow(CmcStatus.RETURNED, "chair.sim", "returned: not supported", T0);
        assertThat(returned.status()).isEqualTo(CmcStatus.RETURNED);
        assertThat(returned.follow(CmcStatus.INTER_RMO_REVIEW, "chair.euramet", "late", T0))
                .as("a late intra-RMO approval does not undo the return").isSameAs(returned);
        Outcome<Cmc> again = returned.submit(RULES, "writer.ptb", T0);
        assertThat(again.event()).isInstanceOfSatisfying(CmcResubmitted.class, e -> {
            assertThat(e.round()).isEqualTo(2);
            assertThat(e.deletionRequest()).isFalse();
        });
        Cmc approved = again.aggregate().follow(CmcStatus.INTRA_RMO_REVIEW, "review", "review opened", T0)
                .follow(CmcStatus.INTER_RMO_REVIEW, "chair.euramet", "approved by EURAMET", T0)
                .follow(CmcStatus.APPROVED, "JCRB", "approved", T0);
        assertThat(approved.follow(CmcStatus.INTER_RMO_REVIEW, "chair.euramet", "redelivered", T0))
                .isSameAs(approved);
        assertThat(approved.history()).extracting(HistoryEntry::toStatus).containsSubsequence(
                CmcStatus.INTER_RMO_REVIEW, CmcStatus.RETURNED, CmcStatus.SUBMITTED, CmcStatus.INTRA_RMO_REVIEW,
                CmcStatus.INTER_RMO_REVIEW, CmcStatus.APPROVED);
    }

    @Test
    void aCmcUnderReviewIsWithdrawnWithAnEventButADraftIsDeletedInstead() {
        Cmc draft = Cmc.draft("c1", PTB, complete(), T0);
        assertThatThrownBy(() -> draft.withdraw("writer.ptb", null, T0)).isInstanceOf(IllegalCmcTransition.class);
        Outcome<Cmc> withdrawal = draft.submit(RULES, "writer.ptb", T0).aggregate()
                .follow(CmcStatus.INTRA_RMO_REVIEW, "review", "review opened", T0)
                .withdraw("writer.ptb", "service discontinued", T0.plusSeconds(9));
        assertThat(withdrawal.aggregate().status()).isEqualTo(CmcStatus.WITHDRAWN);
        CmcWithdrawn withdrawn = (CmcWithdrawn) withdrawal.event();
        assertThat(withdrawn.cmcId()).isEqualTo("c1");
        assertThat(withdrawn.round()).isEqualTo(1);
        assertThat(withdrawn.reason()).isEqualTo("service discontinued");
        assertThat(withdrawal.aggregate().history()).last().satisfies(h -> {
            assertThat(h.fromStatus()).isEqualTo(CmcStatus.INTRA_RMO_REVIEW);
            assertThat(h.by()).isEqualTo("writer.ptb");
        });
        assertThatThrownBy(() -> withdrawal.aggregate().withdraw("writer.ptb", null, T0))
                .isInstanceOf(IllegalCmcTransition.class);
    }

    @Test
    void aDeletionRequestGoesToReviewAtOnceWithThePublishedContentAndCannotBeEdited() {
        Cmc published = Cmc.draft("c1", PTB, complete(), T0).submit(RULES, "writer.ptb", T0).aggregate()
                .follow(CmcStatus.APPROVED, "JCRB", "approved", T0)
                .published("EURAMET-EM-DE-0000000Z-1", 1, "kcdb-office", T0);
        Outcome<Cmc> request = Cmc.deletionRequest("c2", PTB, published, "EURAMET-EM-DE-0000000Z-1",
                "retired", T0.plusSeconds(60));
        assertThat(request.aggregate().status()).isEqualTo(CmcStatus.SUBMITTED);
        assertThat(request.aggregate().deletionRequest()).isTrue();
        assertThat(request.aggregate().history()).first().extracting(HistoryEntry::action)
                .isEqualTo("requested the deletion of EURAMET-EM-DE-0000000Z-1: retired");
        assertThat(request.event()).isInstanceOfSatisfying(CmcDeletionRequested.class, e -> {
            assertThat(e.kcdbCode()).isEqualTo("EURAMET-EM-DE-0000000Z-1");
            assertThat(e.reason()).isEqualTo("retired");
            assertThat(e.round()).isEqualTo(1);
            assertThat(e.content()).isEqualTo(published.content());
        });

        Cmc returned = request.aggregate().follow(CmcStatus.RETURNED, "chair.euramet", "returned: why?", T0);
        assertThatThrownBy(() -> returned.edit(complete(), "writer.ptb", T0)).isInstanceOf(IllegalCmcTransition.class);
        assertThat(returned.submit(RULES, "writer.ptb", T0).event()).as("resubmitted after a return")
                .isInstanceOfSatisfying(CmcResubmitted.class, e -> {
                    assertThat(e.deletionRequest()).isTrue();
                    assertThat(e.supersedesKcdbCode()).isEqualTo("EURAMET-EM-DE-0000000Z-1");
                    assertThat(e.round()).isEqualTo(2);
                });
        assertThat(Cmc.draft("c3", PTB, complete(), T0).submit(RULES, "writer.ptb", T0).event())
                .isInstanceOf(CmcSubmitted.class);
    }

    @Test
    void aPublishedCmcIsDeletedAndTheKcdbOfficeMayRestoreIt() {
        assertThat(CmcStatus.PUBLISHED.canMoveTo(CmcStatus.DELETED)).isTrue();
        assertThat(CmcStatus.DELETED.canMoveTo(CmcStatus.PUBLISHED)).isTrue();
        assertThat(java.util.Arrays.stream(CmcStatus.values()).filter(CmcStatus.DELETED::canMoveTo))
                .containsExactly(CmcStatus.PUBLISHED);
        assertThat(java.util.Arrays.stream(CmcStatus.values()).filter(CmcStatus.PUBLISHED::canMoveTo))
                .containsExactly(CmcStatus.DELETED, CmcStatus.ARCHIVED);
    }

    @Test
    void aCmcMigratedFromTheKcdbIsPublishedOrDeletedAndAModificationArchivesIt() {
        Cmc migrated = Cmc.migrated("kcdb-1", "PTB", "DE", "EURAMET", complete(), "EURAMET-EM-DE-0000000Z-3", 3,
                false, T0);
        assertThat(migrated.status()).isEqualTo(CmcStatus.PUBLISHED);
        assertThat(migrated.kcdbVersion()).isEqualTo(3);
        assertThat(migrated.content()).as("as the KCDB published it").isEqualTo(complete());
        assertThat(migrated.history()).singleElement().satisfies(entry -> {
            assertThat(entry.by()).isEqualTo(Cmc.MIGRATION);
            assertThat(entry.action()).isEqualTo("migrated from the KCDB as EURAMET-EM-DE-0000000Z-3");
        });
        Cmc archived = migrated.follow(CmcStatus.ARCHIVED, "kcdb-office", "archived", T0);
        assertThat(archived.status()).isEqualTo(CmcStatus.ARCHIVED);
        assertThat(archived.follow(CmcStatus.PUBLISHED, "kcdb-office", "late", T0)).isSameAs(archived);
        assertThat(Cmc.migrated("kcdb-2", "PTB", "DE", "EURAMET", complete(), "EURAMET-EM-DE-0000000Y-1", 1, true, T0)
                .status()).isEqualTo(CmcStatus.DELETED);
    }

    @ParameterizedTest
    @EnumSource(CmcStatus.class)
    void terminalStatusesHaveNoWayOut(CmcStatus status) {
        boolean terminal = List.of(CmcStatus.REJECTED, CmcStatus.WITHDRAWN, CmcStatus.ARCHIVED).contains(status);
        boolean anyNext = java.util.Arrays.stream(CmcStatus.values()).anyMatch(status::canMoveTo);
        assertThat(anyNext).isEqualTo(!terminal);
        assertThat(status.canMoveTo(status)).isFalse();
    }

    @Test
    void onlyDraftsAndReturnedCmcsAreEditable() {
        assertThat(java.util.Arrays.stream(CmcStatus.values()).filter(CmcStatus::editable))
                .containsExactly(CmcStatus.DRAFT, CmcStatus.RETURNED);
    }
}
