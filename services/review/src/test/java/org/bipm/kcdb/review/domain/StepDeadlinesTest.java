package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_APMP;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_COOMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_EURAMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_KRISS;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_LNE;
import static org.bipm.kcdb.review.domain.ReviewFixtures.REVIEWER_NIST;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.inInterRmoReview;
import static org.bipm.kcdb.review.domain.ReviewFixtures.submitted;

import java.time.Duration;
import java.util.Map;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.junit.jupiter.api.Test;

/** The due dates of the steps people take travel in the events, for the reminders (issue 14, item 3). */
class StepDeadlinesTest {

    static final InterRmoRules RULES = new InterRmoRules(Duration.ofDays(14), Duration.ofDays(42),
            Duration.ofDays(7), ApprovalPolicy.SILENCE_IS_CONSENT, new StepPeriods(Duration.ofDays(56),
            Map.of("EURAMET", Duration.ofDays(40)), Duration.ofDays(21), Duration.ofDays(30)));

    @Test
    void theOpeningTheAssignmentAndTheReturnSayWhenTheNextStepIsDueEachRmoByItsOwnPeriod() {
        var opened = ReviewCase.open(submitted(1), RULES, day(0));
        assertThat(opened.event()).isInstanceOfSatisfying(ReviewOpened.class,
                e -> assertThat(e.reviewDueAt()).isEqualTo(day(40))); // EURAMET's own period, not the 56 days

        var assigned = opened.aggregate().assignReviewer(CHAIR_EURAMET, REVIEWER_LNE, day(2));
        assertThat(assigned.event()).isInstanceOfSatisfying(ReviewerAssigned.class,
                e -> assertThat(e.dueAt()).isEqualTo(day(23)));

        var returned = assigned.aggregate().decide(Decision.Kind.RETURN, CHAIR_EURAMET, "Add the budget.", null,
                day(10));
        assertThat(returned.event()).isInstanceOfSatisfying(ReviewReturned.class,
                e -> assertThat(e.answerDueAt()).isEqualTo(day(40)));
    }

    @Test
    void anInterRmoReminderNamesTheRmosOwnReviewersOnly() {
        ReviewCase reviewing = inInterRmoReview()
                .declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate()
                .declareIntent(CHAIR_COOMET, true, day(30), day(1)).aggregate()
                .assignReviewer(CHAIR_SIM, REVIEWER_NIST, day(2)).aggregate();

        var reminders = reviewing.advance(day(14)).events().stream()
                .filter(ReviewDeadlineApproaching.class::isInstance).map(ReviewDeadlineApproaching.class::cast)
                .toList();
        assertThat(reminders).filteredOn(r -> r.rmo().equals("SIM")).singleElement()
                .satisfies(r -> assertThat(r.reviewers()).containsExactly("reviewer.nist"));
        assertThat(reminders).filteredOn(r -> !r.rmo().equals("SIM"))
                .allSatisfy(r -> assertThat(r.reviewers()).isEmpty());
    }

    @Test
    void anInterRmoReviewersDueDateIsCappedByTheirRmosOwnDeadline() {
        ReviewCase reviewing = inInterRmoReview()
                .declareIntent(CHAIR_SIM, true, day(20), day(1)).aggregate()
                .declareIntent(CHAIR_APMP, true, day(40), day(1)).aggregate();

        var early = reviewing.assignReviewer(CHAIR_SIM, REVIEWER_NIST, day(2));
        assertThat(early.event()).isInstanceOfSatisfying(ReviewerAssigned.class,
                e -> assertThat(e.dueAt()).isEqualTo(day(20))); // SIM decides by day 20, not day 2 + 28

        var roomy = reviewing.assignReviewer(CHAIR_APMP, REVIEWER_KRISS, day(3));
        assertThat(roomy.event()).isInstanceOfSatisfying(ReviewerAssigned.class,
                e -> assertThat(e.dueAt()).isEqualTo(day(31))); // APMP decides by day 40: the full 28 days
    }
}
