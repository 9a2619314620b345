package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReviewCaseTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final CmcContent CONTENT = new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1", "DC voltage",
            "Zener", "Josephson", List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"), null, null,
            "Relative", 2.0, 95.0, "PTB", null, "PTB-1", List.of(), "QMS-1");
    static final Reviewer CHAIR = new Reviewer("chair.euramet", "METAS", "EURAMET", Set.of("EM", "M"), true);

    static CmcSubmitted submitted(int round) {
        return new CmcSubmitted(UUID.randomUUID(), T0, 1, "cmc-1", round, "PTB", "DE", "EURAMET", "writer.ptb", null,
                CONTENT);
    }

    @Test
    void aSubmissionOpensAnIntraRmoCaseWithADeterministicId() {
        ReviewCase.Transition opened = ReviewCase.open(submitted(1), T0);
        assertThat(opened.reviewCase().stage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
        assertThat(opened.reviewCase().id()).isEqualTo(ReviewCase.idFor("cmc-1"))
                .isEqualTo(ReviewCase.open(submitted(1), T0).reviewCase().id());
        assertThat(opened.events()).singleElement().isInstanceOfSatisfying(ReviewOpened.class,
                e -> assertThat(e.rmo()).isEqualTo("EURAMET"));
    }

    @Test
    void theChairOfTheRmoAndAreaApprovesAndCmcApprovedCarriesTheContent() {
        ReviewCase.Transition approved = ReviewCase.open(submitted(1), T0).reviewCase()
                .decide(Decision.Kind.APPROVE, CHAIR, "fine", T0.plusSeconds(10));
        assertThat(approved.reviewCase().stage()).isEqualTo(ReviewStage.APPROVED);
        assertThat(approved.events()).singleElement().isInstanceOfSatisfying(CmcApproved.class, e -> {
            assertThat(e.content()).isEqualTo(CONTENT);
            assertThat(e.approvedBy()).isEqualTo("chair.euramet");
            assertThat(e.country()).isEqualTo("DE");
        });
        assertThat(approved.reviewCase().history()).extracting(CaseHistoryEntry::toStage)
                .containsExactly(ReviewStage.INTRA_RMO_REVIEW, ReviewStage.APPROVED);
    }

    @Test
    void aReturnedCaseContinuesWhenTheWriterResubmits() {
        ReviewCase returned = ReviewCase.open(submitted(1), T0).reviewCase()
                .decide(Decision.Kind.RETURN, CHAIR, "traceability?", T0).reviewCase();
        assertThat(returned.stage()).isEqualTo(ReviewStage.RETURNED_TO_WRITER);
        ReviewCase.Transition again = returned.resubmitted(submitted(2), T0.plusSeconds(60));
        assertThat(again.reviewCase().stage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
        assertThat(again.reviewCase().round()).isEqualTo(2);
        assertThat(again.reviewCase().decisions()).hasSize(1);
        assertThat(returned.resubmitted(submitted(1), T0).events()).isEmpty();
    }

    @Test
    void returnAndRejectEmitTheirEvents() {
        ReviewCase open = ReviewCase.open(submitted(1), T0).reviewCase();
        assertThat(open.decide(Decision.Kind.RETURN, CHAIR, "why", T0).events()).singleElement()
                .isInstanceOf(ReviewReturned.class);
        assertThat(open.decide(Decision.Kind.REJECT, CHAIR, "no QMS", T0).events()).singleElement()
                .isInstanceOf(CmcRejected.class);
    }

    @Test
    void chairsOfAnotherRmoOrAreaOrOfTheSubmittingInstituteMayNotDecide() {
        ReviewCase open = ReviewCase.open(submitted(1), T0).reviewCase();
        Reviewer sim = new Reviewer("chair.sim", "NRC", "SIM", Set.of("EM"), true);
        Reviewer massOnly = new Reviewer("chair.m", "METAS", "EURAMET", Set.of("M"), true);
        Reviewer ptbChair = new Reviewer("chair.ptb", "PTB", "EURAMET", Set.of("EM"), true);
        Reviewer reviewer = new Reviewer("reviewer.lne", "LNE", "EURAMET", Set.of("EM"), false);
        for (Reviewer notEntitled : List.of(sim, massOnly, ptbChair, reviewer)) {
            assertThatThrownBy(() -> open.decide(Decision.Kind.APPROVE, notEntitled, null, T0))
                    .as(notEntitled.username()).isInstanceOf(NotEntitled.class);
        }
    }

    @Test
    void aDecidedCaseCannotBeDecidedAgain() {
        ReviewCase approved = ReviewCase.open(submitted(1), T0).reviewCase()
                .decide(Decision.Kind.APPROVE, CHAIR, null, T0).reviewCase();
        assertThatThrownBy(() -> approved.decide(Decision.Kind.REJECT, CHAIR, "late", T0))
                .isInstanceOfSatisfying(IllegalReviewTransition.class,
                        e -> assertThat(e.current()).isEqualTo(ReviewStage.APPROVED));
    }

    @ParameterizedTest
    @EnumSource(ReviewStage.class)
    void finalStagesHaveNoWayOut(ReviewStage stage) {
        boolean terminal = Set.of(ReviewStage.APPROVED, ReviewStage.REJECTED, ReviewStage.WITHDRAWN).contains(stage);
        assertThat(java.util.Arrays.stream(ReviewStage.values()).noneMatch(stage::canMoveTo)).isEqualTo(terminal);
    }
}
