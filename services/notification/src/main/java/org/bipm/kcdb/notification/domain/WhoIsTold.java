package org.bipm.kcdb.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;

/**
 * The one place that decides who is told what (issue 14, item 2). Nobody outside a case is ever told of it: a
 * comment reaches the writer, the assigned reviewers and the submitting RMO's chairs, and other RMOs' chairs only
 * once the inter-RMO review has started and their RMO takes part; an intra-RMO draft is never told to other RMOs.
 */
public final class WhoIsTold {

    /** A comparison still open after this long is brought to its pilot's and organiser's attention. */
    public static final Duration LONG_OPEN = Duration.ofDays(5 * 365 + 1);

    private WhoIsTold() {
    }

    /** A (re)submission: who wrote the CMC and where; nobody is told (the review service's own inbox shows new cases to the chairs). */
    public static CaseStep submitted(CaseFile file, String institute, String rmo, String area, String writer) {
        CaseFile next = file.submitted(institute, rmo, area, writer);
        return CaseStep.silent(next).with(meets(next, DeadlineStep.WRITER_ANSWER, null)); // the writer answered
    }

    /**
     * An event of the CMC's review (the reviews topic), by its type: the one list of the rules a review event is
     * applied by, whether it is applied as it comes or after it was held for its submission.
     */
    public static CaseStep review(CaseFile file, IntegrationEvent event) {
        if (event instanceof ReviewOpened e) {
            return opened(file, e);
        } else if (event instanceof ReviewerAssigned e) {
            return reviewerAssigned(file, e);
        } else if (event instanceof ReviewCommentAdded e) {
            return commentAdded(file, e);
        } else if (event instanceof ReviewReturned e) {
            return returned(file, e);
        } else if (event instanceof IntraRmoReviewApproved e) {
            return intraRmoApproved(file, e);
        } else if (event instanceof RmoIntentDeclared e) {
            return intentDeclared(file, e);
        } else if (event instanceof RmoDecided e) {
            return rmoDecided(file, e);
        } else if (event instanceof ReviewDeadlineApproaching e) {
            return deadline(file, e);
        } else if (event instanceof ReviewDeadlineExtended e) {
            return deadlineExtended(file, e);
        } else if (event instanceof CmcApproved e) {
            return approved(file, e);
        } else if (event instanceof CmcRejected e) {
            return rejected(file, e);
        }
        throw new IllegalArgumentException("Not an event of a CMC's review: " + event.getClass().getSimpleName());
    }

    /** The institute withdrew the CMC: nothing waits on anyone any more. */
    public static CaseStep withdrawn(CaseFile file) {
        return CaseStep.silent(file).with(meets(file, null, null));
    }

    /** The submitting RMO's review starts (again): its chairs have until {@code reviewDueAt}. */
    public static CaseStep opened(CaseFile file, ReviewOpened e) {
        CaseFile next = file.opened(e.reviewId(), e.rmo(), e.metrologyAreaLabel());
        return CaseStep.silent(next).with(new Timetable(List.of(met(next, DeadlineStep.WRITER_ANSWER, null)),
                due(next, DeadlineStep.INTRA_RMO_REVIEW, null, null, e.occurredAt(), e.reviewDueAt())));
    }

    public static CaseStep reviewerAssigned(CaseFile file, ReviewerAssigned e) {
        CaseFile next = file.withReviewer(e.reviewId(), e.reviewer(), e.reviewsFor());
        return CaseStep.tell(next, new Notice(e.eventId(), NotificationKind.REVIEWER_ASSIGNED, e.occurredAt(),
                e.cmcId(), reviewLink(next), e.assignedBy(), facts("cmc", e.cmcId(), "rmo", e.reviewsFor(),
                "actor", e.assignedBy(), "deadline", day(e.dueAt())), List.of(new Party.Person(e.reviewer()))))
                .with(new Timetable(List.of(), due(next, DeadlineStep.REVIEWER, e.reviewer(), e.reviewsFor(),
                        e.occurredAt(), e.dueAt())));
    }

    public static CaseStep commentAdded(CaseFile file, ReviewCommentAdded e) {
        CaseFile next = file.opened(e.reviewId(), null, null);
        List<Party> parties = new ArrayList<>();
        if (next.writer() != null) {
            parties.add(new Party.Person(next.writer()));
        } else if (next.institute() != null) {
            parties.add(new Party.Writers(next.institute()));
        }
        next.reviewers().forEach(reviewer -> parties.add(new Party.Person(reviewer)));
        if (next.rmo() != null) {
            parties.add(new Party.Chairs(next.rmo(), next.area()));
        }
        if (next.interRmo()) {
            next.takingPart().forEach(rmo -> parties.add(new Party.Chairs(rmo, next.area())));
        }
        return CaseStep.tell(next, new Notice(e.eventId(), NotificationKind.COMMENT_ADDED, e.occurredAt(), e.cmcId(),
                reviewLink(next), e.author(), facts("cmc", e.cmcId(), "actor", e.author(), "text", e.text()),
                parties)).with(meets(next, DeadlineStep.REVIEWER, e.author())); // a reviewer's comment is their review
    }

    public static CaseStep returned(CaseFile file, ReviewReturned e) {
        CaseFile next = file.opened(e.reviewId(), null, null);
        return toWriters(next, e.eventId(), NotificationKind.RETURNED, e.occurredAt(), e.returnedBy(),
                facts("cmc", e.cmcId(), "actor", e.returnedBy(), "text", e.comment(), "deadline",
                        day(e.answerDueAt())))
                .with(new Timetable(List.of(met(next, DeadlineStep.INTRA_RMO_REVIEW, null),
                        met(next, DeadlineStep.REVIEWER, null)), due(next, DeadlineStep.WRITER_ANSWER, next.writer(),
                        null, e.occurredAt(), e.answerDueAt())));
    }

    /**
     * A reviewing RMO decided: its reviewers' reviews are over (nobody is reminded of a review whose RMO has
     * decided); the other RMOs' reviewers still wait. An objection is told to the writers. When the file knows that
     * nobody was ever assigned to review for the RMO, there is no deadline to meet (most RMOs decide without).
     */
    public static CaseStep rmoDecided(CaseFile file, RmoDecided e) {
        CaseFile next = file.joinedBy(e.rmo());
        Timetable reviewersDone = next.mayHaveReviewersFor(e.rmo())
                ? new Timetable(List.of(new Timetable.Met(next.cmcId(), DeadlineStep.REVIEWER, null, e.rmo())),
                        List.of())
                : Timetable.NONE;
        if (!"OBJECT".equals(e.decision())) {
            return CaseStep.silent(next).with(reviewersDone);
        }
        return toWriters(next, e.eventId(), NotificationKind.OBJECTED, e.occurredAt(), e.decidedBy(),
                facts("cmc", e.cmcId(), "actor", e.decidedBy(), "rmo", e.rmo(), "text", e.comment()))
                .with(reviewersDone);
    }

    public static CaseStep rejected(CaseFile file, CmcRejected e) {
        return toWriters(file.opened(e.reviewId(), null, null), e.eventId(), NotificationKind.REJECTED,
                e.occurredAt(), e.rejectedBy(), facts("cmc", e.cmcId(), "actor", e.rejectedBy(), "text", e.comment()))
                .with(meets(file, null, null));
    }

    public static CaseStep approved(CaseFile file, CmcApproved e) {
        CaseFile next = file.submitted(e.institute(), e.rmo(), null, null).opened(e.reviewId(), null, null);
        return toWriters(next, e.eventId(), NotificationKind.APPROVED, e.occurredAt(), e.approvedBy(),
                facts("cmc", e.cmcId(), "actor", e.approvedBy())).with(meets(next, null, null));
    }

    public static CaseStep published(CaseFile file, CmcPublished e) {
        CaseFile next = file.submitted(e.institute(), e.rmo(), e.metrologyAreaLabel(), null);
        return CaseStep.tell(next, new Notice(e.eventId(), NotificationKind.PUBLISHED, e.occurredAt(), e.cmcId(),
                "/kcdb/" + e.kcdbCode(), null, facts("cmc", e.cmcId(), "kcdbCode", e.kcdbCode()),
                List.of(new Party.Writers(e.institute()))));
    }

    /** The JCRB asks every other RMO whether it will review: their chairs for the area are told, with the deadline. */
    public static CaseStep intraRmoApproved(CaseFile file, IntraRmoReviewApproved e) {
        CaseFile next = file.interRmoOpened(e.reviewId(), e.institute(), e.rmo(), e.metrologyAreaLabel());
        List<Party> chairs = new ArrayList<>();
        e.askedRmos().stream().filter(rmo -> !rmo.equals(e.rmo()))
                .forEach(rmo -> chairs.add(new Party.Chairs(rmo, e.metrologyAreaLabel())));
        return CaseStep.tell(next, new Notice(e.eventId(), NotificationKind.INTENT_WINDOW_OPENED, e.occurredAt(),
                e.cmcId(), reviewLink(next), e.approvedBy(), facts("cmc", e.cmcId(), "rmo", e.rmo(),
                "area", e.metrologyAreaLabel(), "deadline", day(e.intentWindowClosesAt()),
                "latestDeadline", day(e.latestReviewDeadline())), chairs))
                .with(new Timetable(List.of(met(next, DeadlineStep.INTRA_RMO_REVIEW, null),
                        met(next, DeadlineStep.REVIEWER, null)), List.of())); // the intra-RMO reviewers are done
    }

    public static CaseStep intentDeclared(CaseFile file, RmoIntentDeclared e) {
        return CaseStep.silent(e.willReview() ? file.joinedBy(e.rmo()) : file);
    }

    /**
     * A reminder of the JCRB's clock names the RMO that must still act (declare, or finish its review): its chairs
     * for the area, and, by name, the reviewers it assigned in this round. Overdue, it is escalated to the JCRB
     * secretary too, and cannot be turned off.
     */
    public static CaseStep deadline(CaseFile file, ReviewDeadlineApproaching e) {
        CaseFile next = file.opened(e.reviewId(), null, null);
        List<Party> parties = new ArrayList<>();
        parties.add(new Party.Chairs(e.rmo(), next.area()));
        e.reviewers().forEach(reviewer -> parties.add(new Party.Person(reviewer)));
        if (e.overdue()) {
            parties.add(new Party.JcrbSecretary());
        }
        return CaseStep.tell(next, new Notice(e.eventId(), e.overdue() ? NotificationKind.DEADLINE_OVERDUE
                : NotificationKind.DEADLINE_APPROACHING, e.occurredAt(), e.cmcId(), reviewLink(next), null,
                facts("cmc", e.cmcId(), "rmo", e.rmo(), "deadline", day(e.deadline()), "deadlineKind",
                        e.deadlineKind()), parties));
    }

    /**
     * The JCRB secretary gave the reviewing RMOs more time. Whoever it gives more time is told the new date, so that
     * nobody works to, or is chased for, the old one: the chairs of each reviewing RMO that has not decided, for the
     * area, and the reviewers they assigned in this round, whose own due dates move to the new deadline when they
     * were earlier (so no reminder comes for the old date). The submitting RMO and the writer wait on the round
     * either way and hear of its end; RMOs not reviewing are not told.
     */
    public static CaseStep deadlineExtended(CaseFile file, ReviewDeadlineExtended e) {
        CaseFile next = file.opened(e.reviewId(), null, null);
        List<Party> parties = new ArrayList<>();
        e.rmos().forEach(rmo -> parties.add(new Party.Chairs(rmo, next.area())));
        e.reviewers().forEach(reviewer -> parties.add(new Party.Person(reviewer)));
        List<Timetable.Moved> moved = e.reviewers().stream()
                .map(reviewer -> new Timetable.Moved(e.cmcId(), DeadlineStep.REVIEWER, reviewer, e.deadline()))
                .toList();
        return CaseStep.tell(next, new Notice(e.eventId(), NotificationKind.DEADLINE_EXTENDED, e.occurredAt(),
                e.cmcId(), reviewLink(next), e.extendedBy(), facts("cmc", e.cmcId(), "deadline", day(e.deadline()),
                "previousDeadline", day(e.previousDeadline()), "actor", e.extendedBy()), parties))
                .with(new Timetable(List.of(), List.of(), moved));
    }

    /**
     * A stored deadline whose reminder or escalation is due: before it, whoever must act (the submitting RMO's chairs,
     * the reviewer, the writer); once past, also whoever waits on them: the JCRB secretary for an RMO's review, the
     * reviewer's own chairs, the submitting RMO's chairs for a writer's answer. The notice's id is derived from the
     * deadline, its due date and the phase, so however often it is told, each person hears of it once.
     */
    public static Notice deadlineDue(Deadline d, Instant now) {
        boolean overdue = d.overdueAt(now);
        List<Party> parties = new ArrayList<>();
        switch (d.step()) {
            case INTRA_RMO_REVIEW -> {
                parties.add(new Party.Chairs(d.rmo(), d.area()));
                if (overdue) {
                    parties.add(new Party.JcrbSecretary());
                }
            }
            case REVIEWER -> {
                parties.add(new Party.Person(d.person()));
                if (overdue) {
                    parties.add(new Party.ChairsOf(d.person(), d.area()));
                }
            }
            case WRITER_ANSWER -> {
                parties.add(d.person() != null ? new Party.Person(d.person()) : new Party.Writers(d.institute()));
                if (overdue) {
                    parties.add(new Party.Chairs(d.rmo(), d.area()));
                }
            }
        }
        UUID id = UUID.nameUUIDFromBytes(("deadline:" + d.id() + ":" + d.dueAt() + ":"
                + (overdue ? "overdue" : "approaching")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String who = d.person() != null ? d.person() : d.step() == DeadlineStep.WRITER_ANSWER ? d.institute() : d.rmo();
        return new Notice(id, overdue ? NotificationKind.DEADLINE_OVERDUE : NotificationKind.DEADLINE_APPROACHING,
                now, d.cmcId(), d.reviewId() != null ? "/reviews/" + d.reviewId() : "/cmcs/" + d.cmcId(), null,
                facts("cmc", d.cmcId(), "rmo", who, "deadline", day(d.dueAt()), "deadlineKind", d.step().name()),
                parties);
    }

    private static List<Deadline> due(CaseFile file, DeadlineStep step, String person, String reviewingRmo,
                                      Instant setAt, Instant dueAt) {
        return dueAt == null ? List.of() : List.of(Deadline.set(file, step, person, reviewingRmo, setAt, dueAt));
    }

    private static Timetable.Met met(CaseFile file, DeadlineStep step, String person) {
        return new Timetable.Met(file.cmcId(), step, person);
    }

    private static Timetable meets(CaseFile file, DeadlineStep step, String person) {
        return new Timetable(List.of(met(file, step, person)), List.of());
    }

    public static ComparisonStep registered(ComparisonRegistered e) {
        ComparisonFile file = new ComparisonFile(e.identifier(), e.organiser(), e.metrologyAreaLabel(), e.pilot(),
                e.participants(), e.status() != null ? e.status() : "PLANNED", e.occurredAt());
        return new ComparisonStep(file, Optional.of(new Notice(e.eventId(), NotificationKind.COMPARISON_REGISTERED,
                e.occurredAt(), e.identifier(), comparisonLink(e.identifier()), e.registeredBy(),
                facts("comparison", e.identifier(), "pilot", e.pilot(), "actor", e.registeredBy()),
                laboratories(file))));
    }

    /**
     * Results due (measurements open), Draft A, Draft B and publication reach the pilot's and the participants'
     * coordinators. The publication also reaches their CMC writers (the degrees of equivalence their CMCs may now
     * cite); the drafts do not: before publication a comparison's drafts are the participants' contact persons'
     * business, and no notice names a result. The event names who takes part (since its schema version 2), so a
     * comparison registered before this service ran is told as well; {@code file} is null then.
     */
    public static ComparisonStep statusChanged(ComparisonFile file, ComparisonStatusChanged e) {
        ComparisonFile known = file != null ? file : new ComparisonFile(e.identifier(), null, e.metrologyAreaLabel(),
                null, List.of(), e.fromStatus(), null);
        ComparisonFile next = known.withLaboratories(e.pilot(), e.participants()).withStatus(e.toStatus());
        boolean told = List.of("MEASUREMENTS", "DRAFT_A", "DRAFT_B", "PUBLISHED").contains(e.toStatus())
                && !next.laboratories().isEmpty();
        List<Party> audience = laboratories(next);
        if ("PUBLISHED".equals(e.toStatus())) {
            next.laboratories().forEach(lab -> audience.add(new Party.Writers(lab)));
        }
        return new ComparisonStep(next, told ? Optional.of(new Notice(e.eventId(), NotificationKind.COMPARISON_STAGE,
                e.occurredAt(), e.identifier(), comparisonLink(e.identifier()), e.changedBy(),
                facts("comparison", e.identifier(), "status", e.toStatus(), "actor", e.changedBy()),
                audience)) : Optional.empty());
    }

    /**
     * A comparison open more than five years: its pilot, and its organiser where that is an RMO (whose chairs for
     * the area answer for it). Once per comparison: the notice's id is derived from it, so every tick agrees.
     */
    public static Optional<Notice> longOpen(ComparisonFile file, Instant now) {
        if (file.finished() || file.registeredAt() == null
                || Duration.between(file.registeredAt(), now).compareTo(LONG_OPEN) < 0) {
            return Optional.empty();
        }
        List<Party> parties = new ArrayList<>();
        if (file.pilot() != null) {
            parties.add(new Party.Coordinators(file.pilot()));
        }
        if (file.organiser() != null && !file.organiser().startsWith("CC")) {
            parties.add(new Party.Chairs(file.organiser(), file.area()));
        }
        UUID id = UUID.nameUUIDFromBytes(("comparison-long-open:" + file.identifier()).getBytes());
        return Optional.of(new Notice(id, NotificationKind.COMPARISON_LONG_OPEN, now, file.identifier(),
                comparisonLink(file.identifier()), null, facts("comparison", file.identifier(),
                "since", day(file.registeredAt())), parties));
    }

    private static CaseStep toWriters(CaseFile next, UUID eventId, NotificationKind kind, Instant at, String actor,
                                      Map<String, String> facts) {
        if (next.institute() == null && next.writer() == null) {
            throw new CaseNotOnFile(next.cmcId());
        }
        List<Party> writers = next.institute() != null ? List.of(new Party.Writers(next.institute()))
                : List.of(new Party.Person(next.writer()));
        return CaseStep.tell(next, new Notice(eventId, kind, at, next.cmcId(), "/cmcs/" + next.cmcId(), actor, facts,
                writers));
    }

    private static List<Party> laboratories(ComparisonFile file) {
        List<Party> parties = new ArrayList<>();
        file.laboratories().forEach(lab -> parties.add(new Party.Coordinators(lab)));
        return parties;
    }

    private static String reviewLink(CaseFile file) {
        return file.reviewId() != null ? "/reviews/" + file.reviewId() : "/cmcs/" + file.cmcId();
    }

    private static String comparisonLink(String identifier) {
        return "/comparisons/" + identifier;
    }

    private static String day(Instant instant) {
        return instant == null ? "" : instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static Map<String, String> facts(String... pairs) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                facts.put(pairs[i], pairs[i + 1]);
            }
        }
        return facts;
    }
}
