package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_EURAMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.QMS;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_LNE;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_NPL;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_NRC;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_PTB;
import static org.bipm.kcdb.review.domain.ReviewFixtures.SECRETARY;
import static org.bipm.kcdb.review.domain.ReviewFixtures.T0;
import static org.bipm.kcdb.review.domain.ReviewFixtures.WRITER_PTB;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.opened;
import static org.bipm.kcdb.review.domain.ReviewFixtures.submitted;

import java.util.List;
import java.util.Set;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.Outcome;
import org.junit.jupiter.api.Test;

/** The first tier: the submitting RMO's TC chair, its reviewers and the writer. */
class IntraRmoReviewTest {

    @Test
    void aSubmissionOpensAnIntraRmoCaseWithADeterministicId() {
        Outcome<ReviewCase> opened = ReviewCase.open(submitted(1), T0);
        assertThat(opened.aggregate().stage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
        assertThat(opened.aggregate().id()).isEqualTo(ReviewCase.idFor("cmc-1"))
                .isEqualTo(ReviewCase.open(submitted(1), T0).aggregate().id());
        assertThat(opened.aggregate().rules()).isEqualTo(InterRmoRules.DEFAULTS);
        assertThat(opened.events()).singleElement().isInstanceOfSatisfying(ReviewOpened.class,
                e -> assertThat(e.rmo()).isEqualTo("EURAMET"));
    }

    @Test
    void theChairAssignsATcReviewerOfItsRmo() {
        Outcome<ReviewCase> assigned = opened().assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(1));
        assertThat(assigned.aggregate().assignments()).singleElement()
                .isEqualTo(new Assignment("reviewer.lne", "LNE", "EURAMET", "chair.euramet", day(1)));
        assertThat(assigned.events()).singleElement().isInstanceOfSatisfying(ReviewerAssigned.class, e -> {
            assertThat(e.reviewer()).isEqualTo("reviewer.lne");
            assertThat(e.assignedBy()).isEqualTo("chair.euramet");
            assertThat(e.rmo()).isEqualTo("EURAMET");
            assertThat(e.reviewingRmo()).as("the submitting RMO's own reviewer").isEqualTo("EURAMET");
            assertThat(e.aggregateId()).isEqualTo("cmc-1");
        });
        assertThat(assigned.aggregate().history()).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("assigned reviewer reviewer.lne");
            assertThat(entry.fromStage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
            assertThat(entry.toStage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
        });
    }

    @Test
    void assigningTheSameReviewerAgainChangesNothing() {
        ReviewCase once = opened().assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(1)).aggregate();
        Outcome<ReviewCase> twice = once.assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(2));
        assertThat(twice.aggregate()).isEqualTo(once);
        assertThat(twice.events()).isEmpty();
    }

    @Test
    void noReviewerFromTheSubmittingInstituteAnotherRmoOrAnotherAreaIsAssigned() {
        ReviewCase open = opened();
        assertThatThrownBy(() -> open.assignReviewer(CHAIR_EURAMET, REVIEWER_PTB, day(1)))
                .isInstanceOf(UnsuitableReviewer.class).hasMessageContaining("submitting institute");
        assertThatThrownBy(() -> open.assignReviewer(CHAIR_EURAMET, REVIEWER_NRC, day(1)))
                .isInstanceOf(UnsuitableReviewer.class).hasMessageContaining("EURAMET");
        Reviewer massOnly = new Reviewer("reviewer.m", "NPL", "EURAMET", Set.of("M"), false);
        assertThatThrownBy(() -> open.assignReviewer(CHAIR_EURAMET, massOnly, day(1)))
                .isInstanceOf(UnsuitableReviewer.class).hasMessageContaining("area EM");
        assertThat(open.assignments()).isEmpty();
    }

    @Test
    void onlyTheChairOfTheRmoAndAreaFromAnotherInstituteAssignsAndDecides() {
        ReviewCase open = opened();
        Reviewer massOnly = new Reviewer("chair.m", "METAS", "EURAMET", Set.of("M"), true);
        Reviewer ptbChair = new Reviewer("chair.ptb", "PTB", "EURAMET", Set.of("EM"), true);
        for (Reviewer notEntitled : List.of(CHAIR_SIM, massOnly, ptbChair, REVIEWER_LNE)) {
            assertThatThrownBy(() -> open.assignReviewer(notEntitled, REVIEWER_NPL, day(1)))
                    .as(notEntitled.username()).isInstanceOf(NotEntitled.class);
            assertThatThrownBy(() -> open.decide(Decision.Kind.APPROVE, notEntitled, null, QMS, day(1)))
                    .as(notEntitled.username()).isInstanceOf(NotEntitled.class);
        }
        assertThatThrownBy(() -> open.decide(Decision.Kind.APPROVE, ptbChair, null, QMS, day(1)))
                .hasMessageContaining("submitting institute");
    }

    @Test
    void reviewersAndTheWriterDiscussInAThread() {
        ReviewCase assigned = opened().assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(1)).aggregate();
        Outcome<ReviewCase> question = assigned.comment(REVIEWER_LNE, "Which array is the reference?", null, day(2));
        Outcome<ReviewCase> answer = question.aggregate().comment(WRITER_PTB, "The PTB PJVS.", "c-1", day(3));
        Outcome<ReviewCase> chairNote = answer.aggregate().comment(CHAIR_EURAMET, "Thanks both.", "c-2", day(4));

        assertThat(chairNote.aggregate().comments()).extracting(ReviewComment::id, ReviewComment::author,
                        ReviewComment::inReplyTo)
                .containsExactly(tuple("c-1", "reviewer.lne", null),
                        tuple("c-2", "writer.ptb", "c-1"),
                        tuple("c-3", "chair.euramet", "c-2"));
        assertThat(answer.events()).singleElement().isInstanceOfSatisfying(ReviewCommentAdded.class, e -> {
            assertThat(e.commentId()).isEqualTo("c-2");
            assertThat(e.inReplyTo()).isEqualTo("c-1");
            assertThat(e.author()).isEqualTo("writer.ptb");
            assertThat(e.text()).isEqualTo("The PTB PJVS.");
        });
    }

    @Test
    void aReplyMustAnswerAnExistingCommentAndSaySomething() {
        ReviewCase open = opened();
        assertThatThrownBy(() -> open.comment(WRITER_PTB, "Answer", "c-7", day(1)))
                .isInstanceOf(ReviewRuleViolation.class).hasMessageContaining("c-7");
        assertThatThrownBy(() -> open.comment(WRITER_PTB, " ", null, day(1)))
                .isInstanceOf(ReviewRuleViolation.class);
    }

    @Test
    void onlyThoseTakingPartInTheReviewComment() {
        ReviewCase open = opened();
        CmcWriter nplWriter = new CmcWriter("writer.npl", "NPL");
        for (Actor outsider : List.of(REVIEWER_NPL, CHAIR_SIM, nplWriter, SECRETARY)) {
            assertThatThrownBy(() -> open.comment(outsider, "Hello", null, day(1)))
                    .as(outsider.username()).isInstanceOf(NotEntitled.class);
        }
    }

    @Test
    void theChairsApprovalCitesTheQmsStatementAndOpensTheInterRmoReview() {
        Outcome<ReviewCase> approved = opened().decide(Decision.Kind.APPROVE, CHAIR_EURAMET, "fine", QMS, T0);
        ReviewCase inter = approved.aggregate();
        assertThat(inter.stage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        assertThat(inter.decisions()).singleElement().extracting(Decision::qmsStatementRef).isEqualTo(QMS);
        assertThat(inter.interRmoReview()).get().satisfies(round -> {
            assertThat(round.askedRmos()).containsExactly("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM");
            assertThat(round.intentWindowClosesAt()).isEqualTo(day(14));
            assertThat(round.latestReviewDeadline()).isEqualTo(day(42));
        });
        assertThat(approved.events()).singleElement().isInstanceOfSatisfying(IntraRmoReviewApproved.class, e -> {
            assertThat(e.qmsStatementRef()).isEqualTo(QMS);
            assertThat(e.approvedBy()).isEqualTo("chair.euramet");
            assertThat(e.askedRmos()).doesNotContain("EURAMET").hasSize(5);
            assertThat(e.intentWindowClosesAt()).isEqualTo(day(14));
            assertThat(e.latestReviewDeadline()).isEqualTo(day(42));
            assertThat(e.country()).isEqualTo("DE");
        });
        assertThat(inter.history()).extracting(CaseHistoryEntry::toStage)
                .containsExactly(ReviewStage.INTRA_RMO_REVIEW, ReviewStage.INTER_RMO_REVIEW);
    }

    @Test
    void anApprovalWithoutAQmsStatementIsRefused() {
        assertThatThrownBy(() -> opened().decide(Decision.Kind.APPROVE, CHAIR_EURAMET, "fine", " ", T0))
                .isInstanceOf(ReviewRuleViolation.class).hasMessageContaining("quality management system");
    }

    @Test
    void aReturnedCaseContinuesWhenTheWriterResubmits() {
        Outcome<ReviewCase> returned = opened().decide(Decision.Kind.RETURN, CHAIR_EURAMET, "traceability?", null,
                T0);
        assertThat(returned.aggregate().stage()).isEqualTo(ReviewStage.RETURNED_TO_WRITER);
        assertThat(returned.events()).singleElement().isInstanceOfSatisfying(ReviewReturned.class,
                e -> assertThat(e.comment()).isEqualTo("traceability?"));

        ReviewCase answered = returned.aggregate().comment(WRITER_PTB, "Added the PJVS link.", null, day(1))
                .aggregate();
        Outcome<ReviewCase> again = answered.resubmitted(submitted(2), day(2));
        assertThat(again.aggregate().stage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
        assertThat(again.aggregate().round()).isEqualTo(2);
        assertThat(again.aggregate().decisions()).hasSize(1);
        assertThat(again.aggregate().comments()).hasSize(1);
        assertThat(again.events()).singleElement().isInstanceOf(ReviewOpened.class);
        assertThat(again.aggregate().history()).extracting(CaseHistoryEntry::toStage).containsExactly(
                ReviewStage.INTRA_RMO_REVIEW, ReviewStage.RETURNED_TO_WRITER, ReviewStage.INTRA_RMO_REVIEW);
        assertThat(answered.resubmitted(submitted(1), day(2)).events()).isEmpty();
    }

    @Test
    void aRejectionEndsTheCase() {
        Outcome<ReviewCase> rejected = opened().decide(Decision.Kind.REJECT, CHAIR_EURAMET, "no QMS", null, T0);
        assertThat(rejected.aggregate().stage()).isEqualTo(ReviewStage.REJECTED);
        assertThat(rejected.events()).singleElement().isInstanceOfSatisfying(CmcRejected.class,
                e -> assertThat(e.rejectedBy()).isEqualTo("chair.euramet"));
    }

    @Test
    void aWithdrawalEndsTheReviewWithoutADecisionAndALateOneChangesNothing() {
        Outcome<ReviewCase> withdrawn = opened().withdrawn("writer.ptb", "Superseded by a new service", day(2));
        assertThat(withdrawn.aggregate().stage()).isEqualTo(ReviewStage.WITHDRAWN);
        assertThat(withdrawn.events()).isEmpty();
        assertThat(withdrawn.aggregate().history()).last().satisfies(entry -> {
            assertThat(entry.by()).isEqualTo("writer.ptb");
            assertThat(entry.action()).isEqualTo("withdrawn by the institute: Superseded by a new service");
        });
        assertThat(withdrawn.aggregate().withdrawn("writer.ptb", null, day(3)).changed(withdrawn.aggregate()))
                .as("redelivered").isFalse();
        ReviewCase rejected = opened().decide(Decision.Kind.REJECT, CHAIR_EURAMET, "No.", null, day(1))
                .aggregate();
        assertThat(rejected.withdrawn("writer.ptb", null, day(2)).aggregate().stage())
                .as("a decided case stays decided").isEqualTo(ReviewStage.REJECTED);
    }
}
