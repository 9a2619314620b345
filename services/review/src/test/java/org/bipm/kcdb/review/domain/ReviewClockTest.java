package org.bipm.kcdb.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_APMP;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_COOMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_GULFMET;
import static org.bipm.kcdb.review.domain.ReviewFixtures.CHAIR_SIM;
import static org.bipm.kcdb.review.domain.ReviewFixtures.SECRETARY;
import static org.bipm.kcdb.review.domain.ReviewFixtures.day;
import static org.bipm.kcdb.review.domain.ReviewFixtures.inInterRmoReview;
import static org.bipm.kcdb.review.domain.ReviewFixtures.opened;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.support.domain.Outcome;
import org.junit.jupiter.api.Test;

/** What the scheduler's {@code advance(now)} does as an injected clock moves forward. */
class ReviewClockTest {

    /** SIM reviews until day 30; APMP, COOMET, AFRIMETS and GULFMET have not answered yet. */
    static ReviewCase simReviewing() {
        return inInterRmoReview().declareIntent(CHAIR_SIM, true, day(30), day(1)).aggregate();
    }

    /** Runs the clock hour by hour from {@code from} to {@code to}, collecting every event. */
    static Run runClock(ReviewCase reviewCase, Instant from, Instant to) {
        List<IntegrationEvent> events = new ArrayList<>();
        ReviewCase current = reviewCase;
        for (Instant now = from; !now.isAfter(to); now = now.plus(Duration.ofHours(1))) {
            Outcome<ReviewCase> next = current.advance(now);
            events.addAll(next.events());
            current = next.aggregate();
        }
        return new Run(current, events);
    }

    record Run(ReviewCase reviewCase, List<IntegrationEvent> events) {

        List<ReviewDeadlineApproaching> warnings() {
            return events.stream().filter(ReviewDeadlineApproaching.class::isInstance)
                    .map(ReviewDeadlineApproaching.class::cast).toList();
        }
    }

    @Test
    void theDeadlinePassingApprovesTheCmcAtThatInstantAndNotBefore() {
        ReviewCase settled = simReviewing().advance(day(14)).aggregate(); // the others count as not reviewing
        Instant deadline = day(30);
        assertThat(settled.advance(deadline.minusMillis(1)).aggregate().stage())
                .isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        Outcome<ReviewCase> passed = settled.advance(deadline);
        assertThat(passed.aggregate().stage()).isEqualTo(ReviewStage.APPROVED);
        assertThat(passed.events()).singleElement().isInstanceOf(CmcApproved.class);
        assertThat(passed.aggregate().history()).last().extracting(CaseHistoryEntry::at).isEqualTo(deadline);
    }

    @Test
    void eachDeadlineReminderIsSentExactlyOnce() {
        Run run = runClock(simReviewing(), day(1), day(29));
        assertThat(run.warnings()).extracting(ReviewDeadlineApproaching::rmo,
                        ReviewDeadlineApproaching::deadlineKind, ReviewDeadlineApproaching::deadline,
                        ReviewDeadlineApproaching::overdue)
                .containsExactly(
                        tuple("AFRIMETS", "INTENT_DECLARATION", day(14), false),
                        tuple("APMP", "INTENT_DECLARATION", day(14), false),
                        tuple("COOMET", "INTENT_DECLARATION", day(14), false),
                        tuple("GULFMET", "INTENT_DECLARATION", day(14), false),
                        tuple("SIM", "RMO_REVIEW", day(30), false));
        assertThat(run.warnings()).extracting(ReviewDeadlineApproaching::occurredAt)
                .containsExactly(day(7), day(7), day(7), day(7), day(23));
        assertThat(run.reviewCase().interRmoReview().orElseThrow().warnings()).hasSize(5);
    }

    @Test
    void anRmoThatHasAnsweredIsNotReminded() {
        ReviewCase answered = simReviewing().declareIntent(CHAIR_APMP, false, null, day(2)).aggregate()
                .declareIntent(CHAIR_COOMET, false, null, day(2)).aggregate()
                .declareIntent(CHAIR_GULFMET, false, null, day(2)).aggregate();
        assertThat(answered.advance(day(8)).events()).singleElement()
                .isInstanceOfSatisfying(ReviewDeadlineApproaching.class,
                        e -> assertThat(e.rmo()).isEqualTo("AFRIMETS"));
        ReviewCase simDecided = answered.rmoDecide(CHAIR_SIM, RmoDecision.Kind.APPROVE, null, day(3)).aggregate();
        Run run = runClock(simDecided, day(8), day(29));
        assertThat(run.warnings()).extracting(ReviewDeadlineApproaching::rmo).containsExactly("AFRIMETS");
        assertThat(run.events()).last().isInstanceOfSatisfying(CmcApproved.class,
                e -> assertThat(e.occurredAt()).isEqualTo(day(14)));
    }

    @Test
    void anOverdueReviewerIsRemindedOnceUnderAllMustApprove() {
        ReviewCase reviewing = inInterRmoReview(InterRmoRules.DEFAULTS.withApprovalPolicy(
                        ApprovalPolicy.ALL_MUST_APPROVE))
                .declareIntent(CHAIR_SIM, true, day(30), day(1)).aggregate()
                .advance(day(23)).aggregate();
        Run run = runClock(reviewing, day(23), day(45));
        assertThat(run.reviewCase().stage()).isEqualTo(ReviewStage.INTER_RMO_REVIEW);
        assertThat(run.warnings()).singleElement().satisfies(e -> {
            assertThat(e.rmo()).isEqualTo("SIM");
            assertThat(e.overdue()).isTrue();
            assertThat(e.occurredAt()).isEqualTo(day(30));
        });
    }

    @Test
    void anExtendedDeadlineEarnsItsOwnReminder() {
        ReviewCase reminded = simReviewing().advance(day(23)).aggregate();
        ReviewCase extended = reminded.extendDeadline(SECRETARY, day(40), day(24)).aggregate();
        Run run = runClock(extended, day(24), day(39));
        assertThat(run.warnings()).singleElement().satisfies(e -> {
            assertThat(e.deadline()).isEqualTo(day(40));
            assertThat(e.occurredAt()).isEqualTo(day(33));
        });
    }

    @Test
    void advancingTwiceAtTheSameInstantChangesNothingTheSecondTime() {
        for (Instant now : List.of(day(7), day(14), day(23), day(30))) {
            Outcome<ReviewCase> first = simReviewing().advance(now);
            Outcome<ReviewCase> second = first.aggregate().advance(now);
            assertThat(second.events()).as("events at %s", now).isEmpty();
            assertThat(second.aggregate()).as("case at %s", now).isEqualTo(first.aggregate());
            assertThat(second.changed(first.aggregate())).isFalse();
        }
        assertThat(simReviewing().advance(day(7)).events()).hasSize(4);
    }

    @Test
    void theClockLeavesCasesOutsideTheInterRmoReviewAlone() {
        ReviewCase intra = opened();
        assertThat(intra.advance(day(100)).aggregate()).isSameAs(intra);
        assertThat(intra.advance(day(100)).events()).isEmpty();
    }
}
