package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_APMP;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_EURAMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_LNE;
import static org.bipm.kcdb.review.domain.ReviewFixtures.SECRETARY;
import static org.bipm.kcdb.review.domain.ReviewFixtures.WRITER_PTB;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.submitted;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bipm.kcdb.review.domain.ReviewStage.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The workflow table: every action in every stage is either taken or refused naming the stage. */
class ReviewWorkflowTest {

    static ReviewCase caseIn(ReviewStage stage) {
        return switch (stage) {
            // APMP has said it will review; the other four have not answered yet.
            case INTER_RMO_REVIEW -> ReviewFixtures.inInterRmoReview()
                    .declareIntent(CHAIR_APMP, true, day(20), day(1)).aggregate();
            case INTRA_RMO_REVIEW -> ReviewFixtures.opened();
            case RETURNED_TO_WRITER -> ReviewFixtures.returned();
            case APPROVED -> ReviewFixtures.approved();
            case REJECTED -> ReviewFixtures.rejected();
            case WITHDRAWN -> ReviewFixtures.withdrawn();
        };
    }

    /** The action done by someone entitled to it, with valid input, on day 2. */
    static ThrowingCallable perform(Action action, ReviewCase c) {
        return switch (action) {
            case ASSIGN_REVIEWER -> c.stage() == ReviewStage.INTER_RMO_REVIEW
                    ? () -> c.assignReviewer(CHAIR_APMP, ReviewFixtures.REVIEWER_KRISS, day(2))
                    : () -> c.assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(2));
            case COMMENT -> () -> c.comment(WRITER_PTB, "See the uncertainty budget, section 3.", null, day(2));
            case INTRA_RMO_DECISION -> () -> c.decide(Decision.Kind.RETURN, CHAIR_EURAMET, "why?", null, day(2));
            case RESUBMISSION -> () -> c.resubmitted(submitted(c.round() + 1), day(2));
            case DECLARE_INTENT -> () -> c.declareIntent(CHAIR_SIM, true, null, day(2));
            case RMO_DECISION -> () -> c.rmoDecide(CHAIR_APMP, RmoDecision.Kind.APPROVE, "fine", day(2));
            case EXTEND_DEADLINE -> () -> c.extendDeadline(SECRETARY, day(40), day(2));
            case CLOSE -> () -> c.close(SECRETARY, "The writer has not answered for a year.", day(2));
        };
    }

    static Stream<Arguments> everyActionInEveryStage() {
        return Arrays.stream(ReviewStage.values())
                .flatMap(stage -> Arrays.stream(Action.values()).map(action -> Arguments.of(stage, action)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyActionInEveryStage")
    void eachStageTakesItsActionsAndRefusesTheOthersNamingItself(ReviewStage stage, Action action) {
        ReviewCase reviewCase = caseIn(stage);
        assertThat(reviewCase.stage()).isEqualTo(stage);
        if (stage.allows(action)) {
            assertThatCode(perform(action, reviewCase)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(perform(action, reviewCase)).isInstanceOfSatisfying(IllegalReviewTransition.class, e -> {
                assertThat(e.current()).isEqualTo(stage);
                assertThat(e.getMessage()).contains(stage.name());
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ReviewStage.class)
    void onlyFinalStagesHaveNoWayOutAndTakeNoAction(ReviewStage stage) {
        boolean terminal = Set.of(ReviewStage.APPROVED, ReviewStage.REJECTED, ReviewStage.WITHDRAWN).contains(stage);
        assertThat(Arrays.stream(ReviewStage.values()).noneMatch(stage::canMoveTo)).isEqualTo(terminal);
        assertThat(stage.terminal()).isEqualTo(terminal);
        assertThat(Arrays.stream(Action.values()).noneMatch(stage::allows)).isEqualTo(terminal);
    }

    @ParameterizedTest
    @EnumSource(value = ReviewStage.class, names = {"INTRA_RMO_REVIEW", "RETURNED_TO_WRITER"})
    void aCmcIsApprovedOnlyThroughTheInterRmoReview(ReviewStage stage) {
        assertThat(stage.canMoveTo(ReviewStage.APPROVED)).isFalse();
        assertThat(ReviewStage.INTER_RMO_REVIEW.canMoveTo(ReviewStage.APPROVED)).isTrue();
    }
}
