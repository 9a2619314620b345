package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_APMP;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_COOMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_EURAMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_LNE;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_NPL;
import static org.bipm.kcdb.review.domain.ReviewFixtures.SECRETARY;
import static org.bipm.kcdb.review.domain.ReviewFixtures.T0;
import static org.bipm.kcdb.review.domain.ReviewFixtures.WRITER_PTB;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.inInterRmoReview;
import static org.bipm.kcdb.review.domain.ReviewFixtures.opened;

import java.util.Set;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.junit.jupiter.api.Test;

/** What waits for whom, how long a case has waited, and when it is overdue. */
class InboxTest {

    @Test
    void intraRmoCasesWaitForTheirAssignedReviewersAndTheChairOfTheRmoAndArea() {
        ReviewCase assigned = opened().assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, T0).aggregate();
        assertThat(assigned.awaits(REVIEWER_LNE, T0)).isTrue();
        assertThat(assigned.awaits(REVIEWER_NPL, T0)).as("not assigned").isFalse();
        assertThat(assigned.awaits(CHAIR_EURAMET, T0)).isTrue();
        assertThat(assigned.awaits(new Reviewer("chair.euramet.t", "NPL", "EURAMET", Set.of("T"), true), T0))
                .as("a chair for another area").isFalse();
        assertThat(assigned.awaits(new Reviewer("chair.ptb", "PTB", "EURAMET", Set.of("EM"), true), T0))
                .as("a chair from the submitting institute").isFalse();
        assertThat(assigned.awaits(CHAIR_SIM, T0)).isFalse();
        assertThat(assigned.awaits(SECRETARY, T0)).isTrue();
        assertThat(assigned.awaits(WRITER_PTB, T0)).isFalse();
        assertThat(ReviewFixtures.returned().awaits(WRITER_PTB, T0)).isTrue();
    }

    @Test
    void anInterRmoCaseWaitsForAnRmoUntilItHasAnsweredWhatIsAskedOfIt() {
        ReviewCase inter = inInterRmoReview()
                .declareIntent(CHAIR_APMP, false, null, day(1)).aggregate()
                .declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate();
        assertThat(inter.awaits(CHAIR_EURAMET, day(1))).as("the submitting RMO has decided").isFalse();
        assertThat(inter.awaits(CHAIR_APMP, day(1))).as("declined").isFalse();
        assertThat(inter.awaits(CHAIR_SIM, day(1))).as("reviewing, undecided").isTrue();
        assertThat(inter.awaits(CHAIR_COOMET, day(1))).as("may still declare").isTrue();
        assertThat(inter.awaits(CHAIR_COOMET, day(14))).as("the intent window has closed").isFalse();
        ReviewCase decided = inter.rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, "fine", day(2)).aggregate();
        assertThat(decided.awaits(CHAIR_SIM, day(2))).isFalse();
        assertThat(ReviewFixtures.approved().awaits(SECRETARY, day(20))).isFalse();
    }

    @Test
    void aCaseHasWaitedSinceItEnteredItsStageAndIsOverdueOncePastAReviewingRmosDeadline() {
        assertThat(opened().inStageSince()).isEqualTo(T0);
        ReviewCase inter = ReviewFixtures.opened().decide(Decision.Kind.APPROVE, CHAIR_EURAMET, "ok",
                        ReviewFixtures.QMS, day(3)).aggregate()
                .declareIntent(CHAIR_SIM, true, day(20), day(4)).aggregate();
        assertThat(inter.inStageSince()).as("declaring is no change of stage").isEqualTo(day(3));
        assertThat(inter.overdue(day(19))).isFalse();
        assertThat(inter.overdue(day(20))).isTrue();
        assertThat(inter.rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, "ok", day(19)).aggregate().overdue(day(20)))
                .isFalse();
        assertThat(opened().overdue(day(100))).isFalse();
    }

    @Test
    void anAssigneeFromTheSubmittingInstituteCannotCommentWhateverTheChairSaidOfThem() {
        Reviewer asNominated = new Reviewer("reviewer.x", "LNE", "EURAMET", Set.of("EM"), false);
        ReviewCase assigned = opened().assignReviewer(CHAIR_EURAMET, asNominated, T0).aggregate();
        Reviewer asSignedIn = new Reviewer("reviewer.x", "PTB", "EURAMET", Set.of("EM"), false);
        assertThatThrownBy(() -> assigned.comment(asSignedIn, "Looks fine.", null, T0))
                .isInstanceOf(NotEntitled.class);
        assertThat(assigned.comment(new Reviewer("reviewer.x", "LNE", "EURAMET", Set.of("EM"), false), "Fine.", null,
                T0).aggregate().comments()).hasSize(1);
    }
}
