package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_AFRIMETS;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_APMP;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_EURAMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_KRISS;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_LNE;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_NIST;
import static org.bipm.kcdb.review.domain.ReviewFixtures.WRITER_PTB;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.inInterRmoReview;

import java.util.List;
import java.util.Set;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.Outcome;
import org.junit.jupiter.api.Test;

/** In the inter-RMO review each reviewing RMO's chair assigns that RMO's own TC reviewers. */
class InterRmoAssignmentTest {

    /** SIM will review until day 20, APMP will not; AFRIMETS, COOMET and GULFMET have not declared yet. */
    static ReviewCase simReviews() {
        return inInterRmoReview()
                .declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate()
                .declareIntent(CHAIR_APMP, false, null, day(1)).aggregate();
    }

    @Test
    void aReviewingRmosChairAssignsItsOwnReviewerWhoThenCommentsLikeTheOthers() {
        Outcome<ReviewCase> assigned = simReviews().assignReviewer(CHAIR_SIM, REVIEWER_NIST, day(2));
        ReviewCase c = assigned.aggregate();
        assertThat(c.assignments()).singleElement()
                .isEqualTo(new Assignment("reviewer.nist", "NIST", "SIM", "chair.sim", day(2)));
        assertThat(c.assignedFor("reviewer.nist")).contains("SIM");
        assertThat(c.history()).last().satisfies(entry ->
                assertThat(entry.action()).isEqualTo("assigned reviewer reviewer.nist for SIM"));
        assertThat(assigned.events()).singleElement().isInstanceOfSatisfying(ReviewerAssigned.class, e -> {
            assertThat(e.reviewer()).isEqualTo("reviewer.nist");
            assertThat(e.assignedBy()).isEqualTo("chair.sim");
            assertThat(e.schemaVersion()).isEqualTo(2);
            assertThat(e.rmo()).as("the submitting RMO").isEqualTo("EURAMET");
            assertThat(e.reviewingRmo()).as("the RMO the reviewer reviews for").isEqualTo("SIM");
        });

        assertThat(c.visibleTo(REVIEWER_NIST)).isTrue();
        assertThat(c.awaits(REVIEWER_NIST, day(3))).isTrue();
        ReviewCase commented = c.comment(REVIEWER_NIST, "The SIM.EM-K1 link looks fine.", null, day(3)).aggregate();
        assertThat(commented.comments()).singleElement()
                .satisfies(comment -> assertThat(comment.author()).isEqualTo("reviewer.nist"));
        ReviewCase answered = commented.comment(WRITER_PTB, "Thank you.", "c-1", day(4)).aggregate();
        assertThat(answered.comments()).hasSize(2);
    }

    @Test
    void anAssigneeWaitsOnlyUntilTheirRmoHasDecided() {
        ReviewCase c = simReviews().assignReviewer(CHAIR_SIM, REVIEWER_NIST, day(2)).aggregate();
        ReviewCase decided = c.rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, "ok", day(5)).aggregate();
        assertThat(decided.awaits(REVIEWER_NIST, day(6))).isFalse();
        assertThatThrownBy(() -> decided.assignReviewer(CHAIR_SIM, REVIEWER_NIST, day(6)))
                .isInstanceOf(IllegalReviewTransition.class).hasMessageContaining("SIM");
    }

    @Test
    void aChairWhoseRmoDoesNotReviewAssignsNobody() {
        ReviewCase c = simReviews();
        // APMP declined, AFRIMETS has not declared, EURAMET submitted the CMC.
        assertThatThrownBy(() -> c.assignReviewer(CHAIR_APMP, REVIEWER_KRISS, day(2)))
                .isInstanceOf(NotEntitled.class).hasMessageContaining("APMP did not declare");
        assertThatThrownBy(() -> c.assignReviewer(CHAIR_AFRIMETS, REVIEWER_KRISS, day(2)))
                .isInstanceOf(NotEntitled.class);
        assertThatThrownBy(() -> c.assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(2)))
                .isInstanceOf(NotEntitled.class).hasMessageContaining("own CMCs");
        Reviewer simChairForMassOnly = new Reviewer("chair.sim.m", "INMETRO", "SIM", Set.of("M"), true);
        assertThatThrownBy(() -> c.assignReviewer(simChairForMassOnly, REVIEWER_NIST, day(2)))
                .isInstanceOf(NotEntitled.class);
        assertThat(c.assignments()).isEmpty();
    }

    @Test
    void aReviewingRmosChairAssignsOnlyThatRmosReviewersForTheArea() {
        ReviewCase c = simReviews();
        assertThatThrownBy(() -> c.assignReviewer(CHAIR_SIM, REVIEWER_LNE, day(2)))
                .isInstanceOf(UnsuitableReviewer.class).hasMessageContaining("not of SIM");
        Reviewer thermometryOnly = new Reviewer("reviewer.cenam", "CENAM", "SIM", Set.of("T"), false);
        assertThatThrownBy(() -> c.assignReviewer(CHAIR_SIM, thermometryOnly, day(2)))
                .isInstanceOf(UnsuitableReviewer.class).hasMessageContaining("area EM");
    }

    @Test
    void anAssignmentStoredBeforeInterRmoAssignmentsIsTheSubmittingRmos() {
        ReviewCase c = ReviewFixtures.opened();
        ReviewCase stored = new ReviewCase(c.id(), c.cmcId(), c.institute(), c.country(), c.rmo(), c.area(),
                c.content(), c.supersedesKcdbCode(), c.round(), c.stage(), c.openedAt(), c.rules(), c.decisions(),
                List.of(new Assignment("reviewer.lne", "LNE", null, "chair.euramet", day(1))), c.comments(),
                c.interRmoReviews(), c.history(), c.deletionRequest());
        assertThat(stored.assignments()).singleElement().satisfies(a -> assertThat(a.rmo()).isEqualTo("EURAMET"));
        assertThat(stored.awaits(REVIEWER_LNE, day(2))).isTrue();
    }

    @Test
    void anInterRmoAssigneeTakesNoPartOnceTheCaseLeavesTheInterRmoReview() {
        ReviewCase objected = simReviews().assignReviewer(CHAIR_SIM, REVIEWER_NIST, day(2)).aggregate()
                .rmoDecide(CHAIR_SIM, RmoDecision.Kind.OBJECT, "Correct the range.", day(5)).aggregate();
        assertThat(objected.stage()).isEqualTo(ReviewStage.RETURNED_TO_WRITER);
        assertThatThrownBy(() -> objected.comment(REVIEWER_NIST, "Still there?", null, day(6)))
                .isInstanceOf(NotEntitled.class);
        assertThat(objected.awaits(REVIEWER_NIST, day(6))).isFalse();
        ReviewCase resubmitted = objected.resubmitted(ReviewFixtures.submitted(2), day(7)).aggregate();
        assertThat(resubmitted.awaits(REVIEWER_NIST, day(8))).as("the intra-RMO review is EURAMET's").isFalse();
    }
}
