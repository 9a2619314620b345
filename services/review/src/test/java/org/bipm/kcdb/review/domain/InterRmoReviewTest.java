package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_AFRIMETS;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_APMP;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_COOMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_EURAMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_GULFMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.QMS;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_LNE;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_NRC;
import static org.bipm.kcdb.review.domain.ReviewFixtures.SECRETARY;
import static org.bipm.kcdb.review.domain.ReviewFixtures.WRITER_PTB;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.inInterRmoReview;
import static org.bipm.kcdb.review.domain.ReviewFixtures.opened;
import static org.bipm.kcdb.review.domain.ReviewFixtures.submitted;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.Outcome;
import org.junit.jupiter.api.Test;

/** The second tier: the other RMOs declare, review and decide under the JCRB's timetable. */
class InterRmoReviewTest {

    static final InterRmoRules ALL_MUST_APPROVE = InterRmoRules.DEFAULTS.withApprovalPolicy(
            ApprovalPolicy.ALL_MUST_APPROVE);

    /**
     * APMP declines, SIM reviews until day 20 and approves on day 10, COOMET reviews until day 30 and never
     * answers; AFRIMETS and GULFMET let the intent window pass.
     */
    static ReviewCase threeRmosAnswered(InterRmoRules rules) {
        return inInterRmoReview(rules)
                .declareIntent(CHAIR_APMP, false, null, day(1)).aggregate()
                .declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate()
                .declareIntent(CHAIR_COOMET, true, day(30), day(2)).aggregate()
                .rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, "Consistent with SIM.EM-K8.", day(10)).aggregate();
    }

    @Test
    void anRmoDeclaresWhetherItWillReviewAndByWhen() {
        Outcome<ReviewCase> declared = inInterRmoReview().declareIntent(CHAIR_SIM, true, day(30), day(1));
        assertThat(declared.aggregate().stage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        assertThat(declared.events()).singleElement().isInstanceOfSatisfying(RmoIntentDeclared.class, e -> {
            assertThat(e.rmo()).isEqualTo("SIM");
            assertThat(e.willReview()).isTrue();
            assertThat(e.deadline()).isEqualTo(day(30));
            assertThat(e.declaredBy()).isEqualTo("chair.sim");
        });
        assertThat(declared.aggregate().interRmoReview().orElseThrow().deadline()).isEqualTo(day(30));
        assertThat(declared.aggregate().history()).last().extracting(CaseHistoryEntry::action)
                .isEqualTo("SIM will review by " + day(30));
    }

    @Test
    void anRmoThatGivesNoDeadlineGetsTheMaximumReviewPeriod() {
        ReviewCase declared = inInterRmoReview().declareIntent(CHAIR_SIM, true, null, day(1)).aggregate();
        assertThat(declared.interRmoReview().orElseThrow().intentOf("SIM").orElseThrow().deadline())
                .isEqualTo(day(42));
    }

    @Test
    void aDeadlineBeyondTheMaximumReviewPeriodOrInThePastIsRefused() {
        ReviewCase inter = inInterRmoReview();
        assertThatThrownBy(() -> inter.declareIntent(CHAIR_SIM, true, day(43), day(1)))
                .isInstanceOf(ReviewRuleViolation.class)
                .hasMessageContaining("beyond the maximum inter-RMO review period")
                .hasMessageContaining(day(42).toString());
        assertThatThrownBy(() -> inter.declareIntent(CHAIR_SIM, true, day(1), day(2)))
                .isInstanceOf(ReviewRuleViolation.class).hasMessageContaining("future");
    }

    @Test
    void onlyAChairOfAnotherRmoForTheAreaDeclaresAndOnlyOnceWithinTheWindow() {
        ReviewCase inter = inInterRmoReview();
        Reviewer simMassChair = new Reviewer("chair.sim.m", "NIST", "SIM", Set.of("M"), true);
        assertThatThrownBy(() -> inter.declareIntent(CHAIR_EURAMET, true, null, day(1)))
                .isInstanceOf(NotEntitled.class).hasMessageContaining("its own CMCs");
        assertThatThrownBy(() -> inter.declareIntent(REVIEWER_NRC, true, null, day(1)))
                .isInstanceOf(NotEntitled.class);
        assertThatThrownBy(() -> inter.declareIntent(simMassChair, true, null, day(1)))
                .isInstanceOf(NotEntitled.class);

        ReviewCase declared = inter.declareIntent(CHAIR_SIM, false, null, day(1)).aggregate();
        assertThatThrownBy(() -> declared.declareIntent(CHAIR_SIM, true, null, day(2)))
                .isInstanceOfSatisfying(IllegalReviewTransition.class,
                        e -> assertThat(e.current()).isEqualTo(ReviewStage.INTER_RMO_REVIEW));
        assertThatThrownBy(() -> inter.declareIntent(CHAIR_APMP, true, null, day(14)))
                .isInstanceOf(IllegalReviewTransition.class).hasMessageContaining("intent window closed");
    }

    @Test
    void anApprovedDeletionRequestSaysSoInItsApproval() {
        CmcDeletionRequested asked = new CmcDeletionRequested(UUID.randomUUID(), ReviewFixtures.T0, 1, "cmc-9", 1,
                "PTB", "DE", "EURAMET", "writer.ptb", "EURAMET-EM-DE-0000000Z-1", "retired", ReviewFixtures.CONTENT);
        ReviewCase opened = ReviewCase.open(asked, InterRmoRules.DEFAULTS, ReviewFixtures.T0).aggregate();
        assertThat(opened.deletionRequest()).isTrue();
        assertThat(opened.supersedesKcdbCode()).isEqualTo("EURAMET-EM-DE-0000000Z-1");
        assertThat(opened.history()).first().extracting(CaseHistoryEntry::action)
                .isEqualTo("opened: deletion of EURAMET-EM-DE-0000000Z-1 requested: retired");
        CmcSubmitted legacy = new CmcSubmitted(UUID.randomUUID(), ReviewFixtures.T0, 1, "cmc-8", 1, "PTB", "DE",
                "EURAMET", "writer.ptb", "EURAMET-EM-DE-0000000Z-1", ReviewFixtures.CONTENT, true);
        assertThat(ReviewCase.open(legacy, ReviewFixtures.T0).aggregate().deletionRequest())
                .as("a deletion request written as cmc.submitted before cmc.deletion-requested existed").isTrue();
        ReviewCase interRmo = opened.decide(Decision.Kind.APPROVE, CHAIR_EURAMET, "fine", QMS, ReviewFixtures.T0)
                .aggregate();
        List<IntegrationEvent> events = new ArrayList<>();
        Outcome<ReviewCase> windowClosed = interRmo.advance(day(14));
        events.addAll(windowClosed.events());
        events.addAll(windowClosed.aggregate().advance(day(60)).events());
        assertThat(events).filteredOn(CmcApproved.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CmcApproved.class, e -> {
                    assertThat(e.deletionRequest()).isTrue();
                    assertThat(e.supersedesKcdbCode()).isEqualTo("EURAMET-EM-DE-0000000Z-1");
                });
        assertThat(inInterRmoReview().deletionRequest()).isFalse();
    }

    @Test
    void underSilenceIsConsentASilentReviewerDoesNotBlockApprovalPastTheDeadline() {
        ReviewCase answered = threeRmosAnswered(InterRmoRules.DEFAULTS);

        ReviewCase windowClosed = answered.advance(day(14)).aggregate();
        assertThat(windowClosed.stage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        assertThat(windowClosed.history()).last().extracting(CaseHistoryEntry::action)
                .isEqualTo("intent window closed; not reviewing, having not declared: AFRIMETS, GULFMET");

        assertThat(windowClosed.advance(day(30).minusSeconds(1)).aggregate().stage())
                .isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        Outcome<ReviewCase> deadlinePassed = windowClosed.advance(day(30));
        assertThat(deadlinePassed.aggregate().stage()).isEqualTo(ReviewStage.APPROVED);
        assertThat(deadlinePassed.events()).singleElement().isInstanceOfSatisfying(CmcApproved.class, e -> {
            assertThat(e.approvedBy()).isEqualTo(ReviewCase.JCRB);
            assertThat(e.cmcId()).isEqualTo("cmc-1");
        });
        assertThat(deadlinePassed.aggregate().history()).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("approved: no objection by the inter-RMO deadline");
            assertThat(entry.fromStage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
            assertThat(entry.toStage()).isEqualTo(ReviewStage.APPROVED);
        });
    }

    @Test
    void underAllMustApproveASilentReviewerHoldsTheCaseUntilItApproves() {
        ReviewCase answered = threeRmosAnswered(ALL_MUST_APPROVE).advance(day(14)).aggregate();

        Outcome<ReviewCase> deadlinePassed = answered.advance(day(30));
        assertThat(deadlinePassed.aggregate().stage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        assertThat(deadlinePassed.events()).singleElement().isInstanceOfSatisfying(ReviewDeadlineApproaching.class,
                e -> {
                    assertThat(e.rmo()).isEqualTo("COOMET");
                    assertThat(e.overdue()).isTrue();
                    assertThat(e.deadline()).isEqualTo(day(30));
                });

        Outcome<ReviewCase> late = deadlinePassed.aggregate()
                .rmoDecide(CHAIR_COOMET, RmoDecision.Kind.APPROVE, "Sorry for the delay.", day(33));
        assertThat(late.aggregate().stage()).isEqualTo(ReviewStage.APPROVED);
        assertThat(late.events()).hasSize(2).first().isInstanceOfSatisfying(RmoDecided.class, e -> {
            assertThat(e.rmo()).isEqualTo("COOMET");
            assertThat(e.decision()).isEqualTo("APPROVE");
        });
        assertThat(late.events().get(1)).isInstanceOf(CmcApproved.class);
        assertThat(late.aggregate().history()).last().extracting(CaseHistoryEntry::action)
                .isEqualTo("approved: every reviewing RMO approved");
    }

    @Test
    void everyReviewingRmoApprovingApprovesOnceNoOtherRmoCanStillAskToReview() {
        ReviewCase simApproved = inInterRmoReview().declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate()
                .rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, null, day(3)).aggregate();
        assertThat(simApproved.stage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW); // four RMOs may still declare

        Outcome<ReviewCase> lastDeclines = simApproved
                .declareIntent(CHAIR_APMP, false, null, day(4)).aggregate()
                .declareIntent(CHAIR_COOMET, false, null, day(4)).aggregate()
                .declareIntent(CHAIR_AFRIMETS, false, null, day(4)).aggregate()
                .declareIntent(CHAIR_GULFMET, false, null, day(5));
        assertThat(lastDeclines.aggregate().stage()).isEqualTo(ReviewStage.APPROVED);
        assertThat(lastDeclines.events()).hasSize(2).last().isInstanceOf(CmcApproved.class);

        assertThat(simApproved.advance(day(14)).aggregate().stage()).isEqualTo(ReviewStage.APPROVED);
    }

    @Test
    void whenNoRmoWillReviewTheCmcIsApprovedAsTheIntentWindowCloses() {
        for (InterRmoRules rules : new InterRmoRules[] {InterRmoRules.DEFAULTS, ALL_MUST_APPROVE}) {
            ReviewCase apmpDeclined = inInterRmoReview(rules).declareIntent(CHAIR_APMP, false, null, day(1))
                    .aggregate();
            assertThat(apmpDeclined.advance(day(14).minusSeconds(1)).aggregate().stage())
                    .isEqualTo(ReviewStage.INTER_RMO_REVIEW);
            Outcome<ReviewCase> closed = apmpDeclined.advance(day(14));
            assertThat(closed.aggregate().stage()).as(rules.approvalPolicy().name())
                    .isEqualTo(ReviewStage.APPROVED);
            assertThat(closed.events()).singleElement().isInstanceOf(CmcApproved.class);
            assertThat(closed.aggregate().history()).extracting(CaseHistoryEntry::action).endsWith(
                    "intent window closed; not reviewing, having not declared: AFRIMETS, COOMET, GULFMET, SIM",
                    "approved: no RMO chose to review");
        }
    }

    @Test
    void anObjectionReturnsTheCmcAndTheResubmissionGoesBackToIntraRmoReviewWithItsHistory() {
        ReviewCase reviewing = inInterRmoReview().declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate();
        assertThatThrownBy(() -> reviewing.rmoDecide(CHAIR_SIM, RmoDecision.Kind.OBJECT, "", day(5)))
                .isInstanceOf(ReviewRuleViolation.class);

        Outcome<ReviewCase> objected = reviewing.rmoDecide(CHAIR_SIM, RmoDecision.Kind.OBJECT,
                "The uncertainty is below what CCEM-K8 supports.", day(5));
        assertThat(objected.aggregate().stage()).isEqualTo(ReviewStage.RETURNED_TO_WRITER);
        assertThat(objected.events()).hasSize(2);
        assertThat(objected.events().get(0)).isInstanceOfSatisfying(RmoDecided.class,
                e -> assertThat(e.decision()).isEqualTo("OBJECT"));
        assertThat(objected.events().get(1)).isInstanceOfSatisfying(ReviewReturned.class, e -> {
            assertThat(e.returnedBy()).isEqualTo("chair.sim");
            assertThat(e.comment()).contains("CCEM-K8");
        });

        Outcome<ReviewCase> resubmitted = objected.aggregate().resubmitted(submitted(2), day(8));
        ReviewCase again = resubmitted.aggregate();
        assertThat(again.stage()).isEqualTo(ReviewStage.INTRA_RMO_REVIEW);
        assertThat(resubmitted.events()).singleElement().isInstanceOf(ReviewOpened.class);
        assertThat(again.history()).extracting(CaseHistoryEntry::toStage).containsExactly(
                ReviewStage.INTRA_RMO_REVIEW, ReviewStage.INTER_RMO_REVIEW, ReviewStage.INTER_RMO_REVIEW,
                ReviewStage.RETURNED_TO_WRITER, ReviewStage.INTRA_RMO_REVIEW);
        assertThat(again.interRmoReviews()).singleElement().satisfies(round ->
                assertThat(round.decisionOf("SIM")).get().extracting(RmoDecision::decision)
                        .isEqualTo(RmoDecision.Kind.OBJECT));

        Outcome<ReviewCase> secondRound = again.decide(Decision.Kind.APPROVE, CHAIR_EURAMET, "corrected", QMS,
                day(9));
        assertThat(secondRound.events()).singleElement().isInstanceOfSatisfying(IntraRmoReviewApproved.class,
                e -> assertThat(e.intentWindowClosesAt()).isEqualTo(day(23)));
        ReviewCase round2 = secondRound.aggregate();
        assertThat(round2.interRmoReviews()).extracting(InterRmoReview::round).containsExactly(1, 2);
        assertThat(round2.interRmoReview().orElseThrow().intents()).isEmpty();
        assertThat(round2.declareIntent(CHAIR_SIM, true, day(30), day(10)).aggregate().stage())
                .isEqualTo(ReviewStage.INTER_RMO_REVIEW);
    }

    @Test
    void onlyAReviewingRmoDecidesOnceAndNotAfterSilenceHasApproved() {
        ReviewCase reviewing = inInterRmoReview().declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate()
                .declareIntent(CHAIR_APMP, false, null, day(1)).aggregate();
        assertThatThrownBy(() -> reviewing.rmoDecide(CHAIR_APMP, RmoDecision.Kind.APPROVE, null, day(2)))
                .isInstanceOf(NotEntitled.class).hasMessageContaining("did not declare");
        assertThatThrownBy(() -> reviewing.rmoDecide(CHAIR_EURAMET, RmoDecision.Kind.APPROVE, null, day(2)))
                .isInstanceOf(NotEntitled.class);

        ReviewCase withCoomet = reviewing.declareIntent(CHAIR_COOMET, true, day(25), day(2)).aggregate();
        ReviewCase simApproved = withCoomet.rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, null, day(3))
                .aggregate();
        assertThatThrownBy(() -> simApproved.rmoDecide(CHAIR_SIM, RmoDecision.Kind.OBJECT, "second thoughts",
                day(4))).isInstanceOf(IllegalReviewTransition.class);

        // Day 25 has passed without COOMET's answer: silence is consent, whether or not the clock has run yet.
        assertThatThrownBy(() -> simApproved.rmoDecide(CHAIR_COOMET, RmoDecision.Kind.OBJECT, "too late", day(26)))
                .isInstanceOfSatisfying(IllegalReviewTransition.class, e -> {
                    assertThat(e.current()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
                    assertThat(e.getMessage()).contains("no objection by the inter-RMO deadline");
                });
    }

    @Test
    void chairsOfReviewingRmosJoinTheThread() {
        ReviewCase reviewing = inInterRmoReview().declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate();
        Outcome<ReviewCase> question = reviewing.comment(CHAIR_SIM, "Which PJVS?", null, day(2));
        assertThat(question.events()).singleElement().isInstanceOf(ReviewCommentAdded.class);
        assertThat(question.aggregate().comment(WRITER_PTB, "The 10 V array.", "c-1", day(3)).aggregate()
                .comments()).hasSize(2);
        assertThatThrownBy(() -> reviewing.comment(CHAIR_APMP, "Hello", null, day(2)))
                .isInstanceOf(NotEntitled.class);
    }

    @Test
    void theJcrbSecretaryExtendsTheDeadlineOnlyForward() {
        ReviewCase reviewing = threeRmosAnswered(InterRmoRules.DEFAULTS).advance(day(14)).aggregate();
        assertThatThrownBy(() -> reviewing.extendDeadline(SECRETARY, day(30), day(15)))
                .isInstanceOf(ReviewRuleViolation.class).hasMessageContaining(day(30).toString());

        Outcome<ReviewCase> extended = reviewing.extendDeadline(SECRETARY, day(50), day(15));
        assertThat(extended.events()).singleElement().isInstanceOfSatisfying(ReviewDeadlineExtended.class, e -> {
            assertThat(e.previousDeadline()).isEqualTo(day(30));
            assertThat(e.deadline()).isEqualTo(day(50));
            assertThat(e.extendedBy()).isEqualTo("jcrb.secretary");
            assertThat(e.rmos()).as("SIM has decided; COOMET still reviews").containsExactly("COOMET");
        });
        assertThat(extended.aggregate().interRmoReview().orElseThrow().deadline()).isEqualTo(day(50));
        assertThat(extended.aggregate().history()).last().satisfies(entry -> {
            assertThat(entry.by()).isEqualTo("jcrb.secretary");
            assertThat(entry.action()).contains("extended");
        });
        assertThat(extended.aggregate().advance(day(30)).aggregate().stage())
                .isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        assertThat(extended.aggregate().advance(day(50)).aggregate().stage()).isEqualTo(ReviewStage.APPROVED);
    }

    @Test
    void theJcrbSecretaryClosesACaseItHoldsAsARejection() {
        Outcome<ReviewCase> closed = inInterRmoReview().close(SECRETARY, "Withdrawn by agreement with PTB.", day(3));
        assertThat(closed.aggregate().stage()).isEqualTo(ReviewStage.REJECTED);
        assertThat(closed.events()).singleElement().isInstanceOfSatisfying(CmcRejected.class, e -> {
            assertThat(e.rejectedBy()).isEqualTo("jcrb.secretary");
            assertThat(e.comment()).isEqualTo("Withdrawn by agreement with PTB.");
        });
        assertThat(ReviewFixtures.returned().close(SECRETARY, "Never resubmitted.", day(400)).aggregate().stage())
                .isEqualTo(ReviewStage.REJECTED);
        assertThatThrownBy(() -> inInterRmoReview().close(SECRETARY, null, day(3)))
                .isInstanceOf(ReviewRuleViolation.class);
    }

    @Test
    void theSecretarySeesEveryCaseAndOtherRmosOnlyOnceTheCmcReachesThem() {
        ReviewCase intra = opened();
        ReviewCase inter = inInterRmoReview();
        assertThat(intra.visibleTo(SECRETARY)).isTrue();
        assertThat(intra.visibleTo(REVIEWER_LNE)).isTrue();
        assertThat(intra.visibleTo(WRITER_PTB)).isTrue();
        assertThat(intra.visibleTo(new CmcWriter("writer.npl", "NPL"))).isFalse();
        assertThat(intra.visibleTo(REVIEWER_NRC)).isFalse();
        assertThat(inter.visibleTo(REVIEWER_NRC)).isTrue();
    }
}
