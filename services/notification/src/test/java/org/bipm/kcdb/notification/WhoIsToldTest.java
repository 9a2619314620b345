package org.bipm.kcdb.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.notification.domain.CaseNotOnFile;
import org.bipm.kcdb.notification.domain.ComparisonFile;
import org.bipm.kcdb.notification.domain.Deadline;
import org.bipm.kcdb.notification.domain.DeadlinePhase;
import org.bipm.kcdb.notification.domain.DeadlineStep;
import org.bipm.kcdb.notification.domain.DeliveryChoice;
import org.bipm.kcdb.notification.domain.EscalationCannotBeTurnedOff;
import org.bipm.kcdb.notification.domain.Notice;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.domain.Party;
import org.bipm.kcdb.notification.domain.Notice;
import org.bipm.kcdb.notification.domain.Preferences;
import org.bipm.kcdb.notification.domain.Timetable;
import org.bipm.kcdb.notification.domain.WhoIsTold;
import org.junit.jupiter.api.Test;

/** The rules alone: who belongs to a case at each point of its review. */
class WhoIsToldTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    CaseFile intraRmo() {
        CaseFile file = WhoIsTold.submitted(CaseFile.of("c1"), "PTB", "EURAMET", "EM", "writer.ptb").next();
        return WhoIsTold.reviewerAssigned(file, new ReviewerAssigned(UUID.randomUUID(), NOW, 1, "r1", "c1",
                "EURAMET", "reviewer.lne", "chair.euramet")).next();
    }

    List<Party> commentAudience(CaseFile file) {
        return WhoIsTold.commentAdded(file, new ReviewCommentAdded(UUID.randomUUID(), NOW, 1, "r1", "c1", "k1",
                "reviewer.lne", null, "Please check the uncertainty")).notice().orElseThrow().audience();
    }

    /** review.reviewer-assigned of version 1 (no reviewingRmo) and 2 alike: the notice names the RMO reviewed for. */
    @Test
    void anInterRmoReviewerIsToldWhichRmoTheyReviewForAndAnOlderEventReadsAsTheSubmittingRmo() {
        CaseFile file = WhoIsTold.submitted(CaseFile.of("c1"), "PTB", "EURAMET", "EM", "writer.ptb").next();
        Notice interRmo = WhoIsTold.reviewerAssigned(file, new ReviewerAssigned(UUID.randomUUID(), NOW, 2, "r1",
                "c1", "EURAMET", "reviewer.nist", "chair.sim", "SIM", null)).notice().orElseThrow();
        assertThat(interRmo.facts()).containsEntry("rmo", "SIM").containsEntry("actor", "chair.sim");
        assertThat(interRmo.audience()).containsExactly(new Party.Person("reviewer.nist"));
        Notice version1 = WhoIsTold.reviewerAssigned(file, new ReviewerAssigned(UUID.randomUUID(), NOW, 1, "r1",
                "c1", "EURAMET", "reviewer.lne", "chair.euramet")).notice().orElseThrow();
        assertThat(version1.facts()).containsEntry("rmo", "EURAMET");
    }

    @Test
    void anIntraRmoCommentReachesTheCaseAndNoOtherRmo() {
        assertThat(commentAudience(intraRmo())).containsExactly(new Party.Person("writer.ptb"),
                new Party.Person("reviewer.lne"), new Party.Chairs("EURAMET", "EM"));
    }

    @Test
    void otherRmosJoinTheCaseOnlyWhenTheyTakePartInTheInterRmoReview() {
        CaseFile inter = WhoIsTold.intraRmoApproved(intraRmo(), new IntraRmoReviewApproved(UUID.randomUUID(), NOW,
                1, "r1", "c1", "PTB", "DE", "EURAMET", "EM", "chair.euramet", "Q", List.of("SIM", "APMP"),
                NOW.plus(Duration.ofDays(14)), NOW.plus(Duration.ofDays(42)))).next();
        assertThat(commentAudience(inter)).doesNotContain(new Party.Chairs("SIM", "EM"));
        CaseFile joined = WhoIsTold.intentDeclared(inter, new RmoIntentDeclared(UUID.randomUUID(), NOW, 1, "r1",
                "c1", "SIM", true, NOW.plus(Duration.ofDays(30)), "chair.sim")).next();
        CaseFile declined = WhoIsTold.intentDeclared(joined, new RmoIntentDeclared(UUID.randomUUID(), NOW, 1, "r1",
                "c1", "APMP", false, null, "chair.apmp")).next();
        assertThat(commentAudience(declined)).contains(new Party.Chairs("SIM", "EM"))
                .doesNotContain(new Party.Chairs("APMP", "EM"));
    }

    @Test
    void theIntraRmoApprovalAsksTheOtherRmosChairsWithTheDeadline() {
        var notice = WhoIsTold.intraRmoApproved(intraRmo(), new IntraRmoReviewApproved(UUID.randomUUID(), NOW, 1,
                "r1", "c1", "PTB", "DE", "EURAMET", "EM", "chair.euramet", "Q", List.of("SIM", "APMP", "EURAMET"),
                Instant.parse("2026-12-15T10:00:00Z"), NOW.plus(Duration.ofDays(42)))).notice().orElseThrow();
        assertThat(notice.kind()).isEqualTo(NotificationKind.INTENT_WINDOW_OPENED);
        assertThat(notice.audience()).containsExactly(new Party.Chairs("SIM", "EM"), new Party.Chairs("APMP", "EM"));
        assertThat(notice.facts()).containsEntry("deadline", "2026-12-15");
    }

    @Test
    void anObjectionTellsTheWritersAnApprovalByAnRmoTellsNobody() {
        var objection = WhoIsTold.rmoDecided(intraRmo(), new RmoDecided(UUID.randomUUID(), NOW, 1, "r1", "c1", "SIM",
                "OBJECT", "chair.sim", "Not supported")).notice().orElseThrow();
        assertThat(objection.audience()).containsExactly(new Party.Writers("PTB"));
        assertThat(WhoIsTold.rmoDecided(intraRmo(), new RmoDecided(UUID.randomUUID(), NOW, 1, "r1", "c1", "SIM",
                "APPROVE", "chair.sim", "")).notice()).isEmpty();
    }

    /**
     * An RMO's decision meets its reviewers' deadlines; when the file knows nobody was ever assigned to review for
     * that RMO (in any round), there is none to meet. A file kept before the RMOs reviewed for were recorded does not
     * know, and meets them as before.
     */
    @Test
    void anRmoDecisionMeetsItsReviewersDeadlinesUnlessTheFileKnowsItHadNone() {
        CaseFile file = WhoIsTold.reviewerAssigned(intraRmo(), new ReviewerAssigned(UUID.randomUUID(), NOW, 2, "r1",
                "c1", "EURAMET", "reviewer.nist", "chair.sim", "SIM", NOW.plus(Duration.ofDays(20)))).next();
        Timetable.Met simReviewersDone = new Timetable.Met("c1", DeadlineStep.REVIEWER, null, "SIM");
        assertThat(decided(file, "SIM").met()).containsExactly(simReviewersDone);
        assertThat(decided(file, "APMP").met()).as("nobody ever reviewed for APMP").isEmpty();
        CaseFile resubmitted = WhoIsTold.submitted(file, "PTB", "EURAMET", "EM", "writer.ptb").next();
        assertThat(decided(resubmitted, "SIM").met()).as("a new round: SIM's earlier reviewers are not forgotten")
                .containsExactly(simReviewersDone);
        CaseFile keptBefore = new CaseFile("c1", "r1", "PTB", "EURAMET", "EM", "writer.ptb", Set.of("reviewer.lne"),
                true, Set.of("SIM"), null);
        assertThat(decided(keptBefore, "APMP").met()).containsExactly(
                new Timetable.Met("c1", DeadlineStep.REVIEWER, null, "APMP"));
        assertThat(WhoIsTold.reviewerAssigned(keptBefore, new ReviewerAssigned(UUID.randomUUID(), NOW, 2, "r1", "c1",
                "EURAMET", "reviewer.nist", "chair.sim", "SIM", null)).next().reviewedFor()).as("still not known")
                .isNull();
    }

    private static Timetable decided(CaseFile file, String rmo) {
        return WhoIsTold.rmoDecided(file, new RmoDecided(UUID.randomUUID(), NOW, 1, "r1", "c1", rmo, "APPROVE",
                "chair." + rmo.toLowerCase(java.util.Locale.ROOT), null)).timetable();
    }

    @Test
    void anOverdueDeadlineIsEscalatedToTheJcrbSecretary() {
        var approaching = WhoIsTold.deadline(intraRmo(), new ReviewDeadlineApproaching(UUID.randomUUID(), NOW, 1,
                "r1", "c1", "SIM", "RMO_REVIEW", NOW, false)).notice().orElseThrow();
        var overdue = WhoIsTold.deadline(intraRmo(), new ReviewDeadlineApproaching(UUID.randomUUID(), NOW, 1,
                "r1", "c1", "SIM", "RMO_REVIEW", NOW, true)).notice().orElseThrow();
        assertThat(approaching.audience()).containsExactly(new Party.Chairs("SIM", "EM"));
        assertThat(overdue.kind()).isEqualTo(NotificationKind.DEADLINE_OVERDUE);
        assertThat(overdue.audience()).containsExactly(new Party.Chairs("SIM", "EM"), new Party.JcrbSecretary());
    }

    @Test
    void aJcrbExtensionTellsTheRmosItGivesMoreTimeAndMovesTheirReviewersDeadlines() {
        Instant later = NOW.plus(Duration.ofDays(60));
        var step = WhoIsTold.deadlineExtended(intraRmo(), new ReviewDeadlineExtended(UUID.randomUUID(), NOW, 1, "r1",
                "c1", "EURAMET", 1, NOW.plus(Duration.ofDays(30)), later, "jcrb.secretary", List.of("SIM"),
                List.of("reviewer.nrc")));
        Notice notice = step.notice().orElseThrow();
        assertThat(notice.kind()).isEqualTo(NotificationKind.DEADLINE_EXTENDED);
        assertThat(notice.actor()).isEqualTo("jcrb.secretary");
        assertThat(notice.audience()).as("not the other RMOs, which do not review")
                .containsExactly(new Party.Chairs("SIM", "EM"), new Party.Person("reviewer.nrc"));
        assertThat(step.timetable().moved()).containsExactly(
                new Timetable.Moved("c1", DeadlineStep.REVIEWER, "reviewer.nrc", later));

        Deadline due = new Deadline("c1:REVIEWER:reviewer.nrc", "c1", "r1", DeadlineStep.REVIEWER, "EURAMET", "EM",
                "PTB", "reviewer.nrc", "SIM", NOW, NOW.plus(Duration.ofDays(20)), NOW.plus(Duration.ofDays(13)),
                DeadlinePhase.REMINDED, null);
        Deadline moved = due.movedTo(later).remindedAhead(Duration.ofDays(7));
        assertThat(moved.dueAt()).isEqualTo(later);
        assertThat(moved.remindAt()).as("reminded again, for the new date").isEqualTo(later.minus(Duration.ofDays(7)));
        assertThat(moved.phase()).isEqualTo(DeadlinePhase.WAITING);
        assertThat(moved.movedTo(later)).as("the same extension again changes nothing").isSameAs(moved);
        assertThat(due.movedTo(NOW.plus(Duration.ofDays(10)))).as("never earlier").isSameAs(due);
    }

    @Test
    void escalationsCannotBeTurnedOffOtherKindsCan() {
        assertThatThrownBy(() -> new Preferences("u", "fr", Map.of(NotificationKind.DEADLINE_OVERDUE,
                DeliveryChoice.OFF))).isInstanceOf(EscalationCannotBeTurnedOff.class);
        Preferences p = new Preferences("u", "fr", Map.of(NotificationKind.COMMENT_ADDED, DeliveryChoice.OFF,
                NotificationKind.DEADLINE_OVERDUE, DeliveryChoice.DAILY_DIGEST));
        assertThat(p.choiceFor(NotificationKind.COMMENT_ADDED)).isEqualTo(DeliveryChoice.OFF);
        assertThat(p.choiceFor(NotificationKind.RETURNED)).isEqualTo(DeliveryChoice.IMMEDIATE);
        assertThat(new Preferences("u", "de", null).language()).isEqualTo("en");
    }

    @Test
    void aComparisonOpenMoreThanFiveYearsIsToldToItsPilotAndRmoOrganiser() {
        ComparisonFile old = new ComparisonFile("EURAMET.EM-S99", "EURAMET", "EM", "PTB", List.of("NPL"),
                "MEASUREMENTS", NOW.minus(Duration.ofDays(5 * 365 + 30)));
        assertThat(WhoIsTold.longOpen(old, NOW).orElseThrow().audience())
                .containsExactly(new Party.Coordinators("PTB"), new Party.Chairs("EURAMET", "EM"));
        assertThat(WhoIsTold.longOpen(old.withStatus("PUBLISHED"), NOW)).isEmpty();
        assertThat(WhoIsTold.longOpen(new ComparisonFile("CCEM-K99", "CCEM", "EM", "PTB", List.of(), "PLANNED",
                NOW.minus(Duration.ofDays(400))), NOW)).isEmpty();
        assertThat(WhoIsTold.longOpen(old, NOW).orElseThrow().eventId())
                .isEqualTo(WhoIsTold.longOpen(old, NOW.plus(Duration.ofDays(1))).orElseThrow().eventId());
    }

    @Test
    void aReturnReadBeforeTheSubmissionIsRetriedNotToldToNobody() {
        ReviewReturned returned = new ReviewReturned(UUID.randomUUID(), NOW, 1, "r1", "c1", "chair.euramet", "Fix");
        assertThatThrownBy(() -> WhoIsTold.returned(CaseFile.of("c1"), returned)).isInstanceOf(CaseNotOnFile.class);
        CaseFile file = WhoIsTold.submitted(CaseFile.of("c1"), "PTB", "EURAMET", "EM", "writer.ptb").next();
        assertThat(WhoIsTold.returned(file, returned).notice().orElseThrow().audience())
                .containsExactly(new Party.Writers("PTB"));
    }

    @Test
    void aReviewersDeadlineRemindsThemInPersonAndOverdueTheirOwnChairsOnceEachPhase() {
        CaseFile file = intraRmo();
        var assigned = WhoIsTold.reviewerAssigned(file, new ReviewerAssigned(UUID.randomUUID(), NOW, 2, "r1", "c1",
                "EURAMET", "reviewer.npl", "chair.euramet", "EURAMET", NOW.plus(Duration.ofDays(20))));
        Deadline deadline = assigned.timetable().set().get(0).remindedAhead(Duration.ofDays(7));
        assertThat(deadline.id()).isEqualTo("c1:REVIEWER:reviewer.npl");
        assertThat(deadline.remindAt()).isEqualTo(NOW.plus(Duration.ofDays(13)));

        Notice reminder = WhoIsTold.deadlineDue(deadline, NOW.plus(Duration.ofDays(14)));
        assertThat(reminder.kind()).isEqualTo(NotificationKind.DEADLINE_APPROACHING);
        assertThat(reminder.audience()).containsExactly(new Party.Person("reviewer.npl"));
        Notice escalation = WhoIsTold.deadlineDue(deadline, NOW.plus(Duration.ofDays(20)));
        assertThat(escalation.kind()).isEqualTo(NotificationKind.DEADLINE_OVERDUE);
        assertThat(escalation.audience()).containsExactly(new Party.Person("reviewer.npl"),
                new Party.ChairsOf("reviewer.npl", "EM"));
        assertThat(WhoIsTold.deadlineDue(deadline, NOW.plus(Duration.ofDays(15))).eventId())
                .as("told again (another instance, a restart): the same notice, so nobody hears twice")
                .isEqualTo(reminder.eventId()).isNotEqualTo(escalation.eventId());
    }

    @Test
    void aShortStepIsRemindedHalfWayAndAReturnEndsTheRmosStepsAndStartsTheWritersAnswer() {
        var returned = WhoIsTold.returned(intraRmo(), new ReviewReturned(UUID.randomUUID(), NOW, 2, "r1", "c1",
                "chair.euramet", "Add the budget.", NOW.plus(Duration.ofDays(10))));
        assertThat(returned.timetable().met()).extracting(Timetable.Met::step)
                .containsExactly(DeadlineStep.INTRA_RMO_REVIEW, DeadlineStep.REVIEWER);
        Deadline answer = returned.timetable().set().get(0).remindedAhead(Duration.ofDays(7));
        assertThat(answer.step()).isEqualTo(DeadlineStep.WRITER_ANSWER);
        assertThat(answer.person()).isEqualTo("writer.ptb");
        assertThat(answer.remindAt()).isEqualTo(NOW.plus(Duration.ofDays(5)));
        assertThat(WhoIsTold.deadlineDue(answer, NOW.plus(Duration.ofDays(11))).audience())
                .containsExactly(new Party.Person("writer.ptb"), new Party.Chairs("EURAMET", "EM"));

        var v1 = WhoIsTold.returned(intraRmo(), new ReviewReturned(UUID.randomUUID(), NOW, 1, "r1", "c1",
                "chair.euramet", "Add the budget."));
        assertThat(v1.timetable().set()).as("an event written before due dates sets none").isEmpty();
    }
}
