package org.bipm.kcdb.review.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.review.domain.ReviewStage.Action;
import org.bipm.kcdb.support.domain.Outcome;

/**
 * The CIPM MRA review of one CMC, both tiers (DOMAIN.md §2): the submitting RMO's TC reviews it and its chair
 * approves, returns or rejects it; on approval the other RMOs review it under the JCRB's timetable. Immutable; each
 * command returns the next case and the events that tell the other services. A returned CMC that is resubmitted
 * continues the same case, with its history.
 */
public record ReviewCase(String id, String cmcId, String institute, String country, String rmo, String area,
                         CmcContent content, String supersedesKcdbCode, int round, ReviewStage stage,
                         Instant openedAt, InterRmoRules rules, List<Decision> decisions, List<Assignment> assignments,
                         List<ReviewComment> comments, List<InterRmoReview> interRmoReviews,
                         List<CaseHistoryEntry> history, Boolean deletionRequest) {

    /** Who the history names when the JCRB's rules rather than a person move the case: the clock, silence. */
    public static final String JCRB = "JCRB";

    public ReviewCase {
        rules = rules == null ? InterRmoRules.DEFAULTS : rules; // cases stored before the rules existed
        decisions = copy(decisions);
        assignments = copy(assignments).stream() // cases stored before inter-RMO assignments: all the RMO's own
                .map(a -> a.rmo() != null ? a : new Assignment(a.reviewer(), a.institute(), rmo, a.assignedBy(), a.at()))
                .toList();
        comments = copy(comments);
        interRmoReviews = copy(interRmoReviews);
        history = copy(history);
        deletionRequest = Boolean.TRUE.equals(deletionRequest); // cases stored before deletion requests existed
    }

    /** A case id derived from the CMC's, so that a redelivered submission can never open a second case. */
    public static String idFor(String cmcId) {
        return UUID.nameUUIDFromBytes(("review:" + cmcId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Outcome<ReviewCase> open(CmcSubmitted submitted, Instant now) {
        return open(submitted, InterRmoRules.DEFAULTS, now);
    }

    public static Outcome<ReviewCase> open(CmcSubmitted submitted, InterRmoRules rules, Instant now) {
        return open(submitted, submitted.deletionRequest() ? "opened: deletion of " + submitted.supersedesKcdbCode()
                + " requested" : "opened", rules, now);
    }

    /** A deletion request is reviewed like a submission of the published content; the history says why. */
    public static Outcome<ReviewCase> open(CmcDeletionRequested requested, InterRmoRules rules, Instant now) {
        return open(asSubmission(requested), "opened: deletion of " + requested.kcdbCode() + " requested: "
                + requested.reason(), rules, now);
    }

    private static Outcome<ReviewCase> open(CmcSubmitted submitted, String opening, InterRmoRules rules, Instant now) {
        ReviewCase opened = new ReviewCase(idFor(submitted.cmcId()), submitted.cmcId(), submitted.institute(),
                submitted.country(), submitted.rmo(), submitted.content().metrologyAreaLabel(), submitted.content(),
                submitted.supersedesKcdbCode(), submitted.round(), ReviewStage.INTRA_RMO_REVIEW, now, rules, null, null,
                null, null, List.of(new CaseHistoryEntry(now, submitted.submittedBy(), opening, null,
                        ReviewStage.INTRA_RMO_REVIEW)), submitted.deletionRequest());
        return new Outcome<>(opened, List.of(CaseEvents.opened(opened, now)));
    }

    /** What the case needs of a deletion request is what it needs of any submission. */
    public static CmcSubmitted asSubmission(CmcDeletionRequested requested) {
        return new CmcSubmitted(requested.eventId(), requested.occurredAt(), CmcSubmitted.SCHEMA_VERSION,
                requested.cmcId(), requested.round(), requested.institute(), requested.country(), requested.rmo(),
                requested.requestedBy(), requested.kcdbCode(), requested.content(), true);
    }

    public static CmcSubmitted asSubmission(CmcResubmitted resubmitted) {
        return new CmcSubmitted(resubmitted.eventId(), resubmitted.occurredAt(), CmcSubmitted.SCHEMA_VERSION,
                resubmitted.cmcId(), resubmitted.round(), resubmitted.institute(), resubmitted.country(),
                resubmitted.rmo(), resubmitted.submittedBy(), resubmitted.supersedesKcdbCode(),
                resubmitted.content(), resubmitted.deletionRequest());
    }

    /** The writer resubmitted after a return: the case goes back to intra-RMO review with the new content. */
    public Outcome<ReviewCase> resubmitted(CmcSubmitted submitted, Instant now) {
        if (submitted.round() <= round) {
            return unchanged(); // an older or repeated submission changes nothing
        }
        stage.require(Action.RESUBMISSION);
        ReviewCase next = new ReviewCase(id, cmcId, institute, country, rmo, submitted.content().metrologyAreaLabel(),
                submitted.content(), supersedesKcdbCode, submitted.round(), stage, openedAt, rules, decisions,
                assignments, comments, interRmoReviews, history, deletionRequest)
                .moveTo(ReviewStage.INTRA_RMO_REVIEW, submitted.submittedBy(), "resubmitted", now);
        return new Outcome<>(next, List.of(CaseEvents.opened(next, now)));
    }

    /**
     * A chair asks a TC reviewer of their RMO to review the CMC: in the intra-RMO review the submitting RMO's chair,
     * in the inter-RMO review the chair of an RMO that reviews it, until that RMO has decided.
     */
    public Outcome<ReviewCase> assignReviewer(Reviewer chair, Reviewer reviewer, Instant now) {
        stage.require(Action.ASSIGN_REVIEWER);
        if (stage == ReviewStage.INTER_RMO_REVIEW) {
            InterRmoReview current = currentRound();
            Entitlements.requireChairOfReviewingRmo(this, current, chair);
            requireUnsettled(current, now, "assign " + chair.rmo() + "'s reviewers");
            if (current.decisionOf(chair.rmo()).isPresent()) {
                throw new IllegalReviewTransition("assign reviewers for " + chair.rmo() + ", which has decided",
                        stage);
            }
        } else {
            Entitlements.requireChairOfSubmittingRmo(this, chair);
        }
        Entitlements.requireAssignable(this, chair.rmo(), reviewer);
        if (assigned(reviewer.username())) {
            return unchanged(); // assigning twice is a retry, not a second assignment
        }
        Assignment assignment = new Assignment(reviewer.username(), reviewer.institute(), chair.rmo(),
                chair.username(), now);
        List<Assignment> all = append(assignments, assignment);
        String forRmo = chair.rmo().equals(rmo) ? "" : " for " + chair.rmo();
        ReviewCase next = with(stage, decisions, all, comments, interRmoReviews, history)
                .noted(chair.username(), "assigned reviewer " + reviewer.username() + forRmo, now);
        return new Outcome<>(next, List.of(CaseEvents.reviewerAssigned(next, assignment)));
    }

    /** A comment in the review's thread, possibly answering an earlier one. */
    public Outcome<ReviewCase> comment(Actor author, String text, String inReplyTo, Instant now) {
        stage.require(Action.COMMENT);
        Entitlements.requireMayComment(this, author);
        if (blank(text)) {
            throw new ReviewRuleViolation("A comment needs some text.");
        }
        if (inReplyTo != null && comments.stream().noneMatch(c -> c.id().equals(inReplyTo))) {
            throw new ReviewRuleViolation("There is no comment " + inReplyTo + " on this case to reply to.");
        }
        ReviewComment comment = new ReviewComment("c-" + (comments.size() + 1), author.username(), text, inReplyTo,
                round, now);
        ReviewCase next = with(stage, decisions, assignments, append(comments, comment), interRmoReviews, history);
        return new Outcome<>(next, List.of(CaseEvents.commentAdded(next, comment)));
    }

    /**
     * The intra-RMO decision of the submitting RMO's chair. Approval needs the RMO's QMS statement reference and
     * opens the inter-RMO review; a return sends the CMC back to its writer; a rejection ends the case.
     */
    public Outcome<ReviewCase> decide(Decision.Kind kind, Reviewer chair, String comment, String qmsStatementRef,
                             Instant now) {
        stage.require(Action.INTRA_RMO_DECISION);
        Entitlements.requireChairOfSubmittingRmo(this, chair);
        Decision decision = new Decision(kind, chair.username(), chair.rmo(), comment, now,
                kind == Decision.Kind.APPROVE ? qmsStatementRef : null);
        ReviewCase decided = with(stage, append(decisions, decision), assignments, comments, interRmoReviews,
                history);
        return switch (kind) {
            case APPROVE -> {
                if (blank(qmsStatementRef)) {
                    throw new ReviewRuleViolation("An intra-RMO approval must cite the RMO's statement that an "
                            + "approved quality management system covers this CMC.");
                }
                InterRmoReview opened = InterRmoReview.open(interRmoReviews.size() + 1, rmo, rules, now);
                ReviewCase next = decided.withRound(opened).moveTo(ReviewStage.INTER_RMO_REVIEW, chair.username(),
                        "approved by " + rmo + "; inter-RMO review opened", now);
                yield new Outcome<>(next, List.of(CaseEvents.intraRmoApproved(next, decision, opened)));
            }
            case RETURN -> {
                ReviewCase next = decided.moveTo(ReviewStage.RETURNED_TO_WRITER, chair.username(),
                        "returned to writer", now);
                yield new Outcome<>(next, List.of(CaseEvents.returned(next, chair.username(), comment, now)));
            }
            case REJECT -> {
                ReviewCase next = decided.moveTo(ReviewStage.REJECTED, chair.username(), "rejected", now);
                yield new Outcome<>(next, List.of(CaseEvents.rejected(next, chair.username(), comment, now)));
            }
        };
    }

    /**
     * Another RMO's chair says, within the intent window, whether that RMO will review the CMC and by when. No
     * deadline means the latest the maximum review period allows.
     */
    public Outcome<ReviewCase> declareIntent(Reviewer chair, boolean willReview, Instant deadline, Instant now) {
        stage.require(Action.DECLARE_INTENT);
        InterRmoReview current = currentRound();
        Entitlements.requireChairOfAskedRmo(this, current, chair);
        if (current.intentOf(chair.rmo()).isPresent()) {
            throw new IllegalReviewTransition("take a second intent from " + chair.rmo(), stage);
        }
        if (!now.isBefore(current.intentWindowClosesAt())) {
            throw new IllegalReviewTransition("take an intent after its intent window closed at "
                    + current.intentWindowClosesAt() + " (" + chair.rmo() + " counts as not reviewing)", stage);
        }
        RmoIntent intent = new RmoIntent(chair.rmo(), willReview,
                willReview ? reviewDeadline(current, deadline, now) : null, chair.username(), now);
        ReviewCase next = withRound(current.withIntent(intent)).noted(chair.username(), willReview
                ? chair.rmo() + " will review by " + intent.deadline() : chair.rmo() + " will not review", now);
        return next.settle(List.of(CaseEvents.intentDeclared(next, intent)), now);
    }

    /** A reviewing RMO's chair approves, or objects, which returns the CMC to its writer. */
    public Outcome<ReviewCase> rmoDecide(Reviewer chair, RmoDecision.Kind kind, String comment, Instant now) {
        stage.require(Action.RMO_DECISION);
        InterRmoReview current = currentRound();
        Entitlements.requireChairOfReviewingRmo(this, current, chair);
        if (current.decisionOf(chair.rmo()).isPresent()) {
            throw new IllegalReviewTransition("take a second decision from " + chair.rmo(), stage);
        }
        requireUnsettled(current, now, "take " + chair.rmo() + "'s decision");
        if (kind == RmoDecision.Kind.OBJECT && blank(comment)) {
            throw new ReviewRuleViolation("An objection must tell the writer what to correct.");
        }
        RmoDecision decision = new RmoDecision(chair.rmo(), kind, chair.username(), comment, now);
        ReviewCase decided = withRound(current.withDecision(decision));
        IntegrationEvent rmoDecided = CaseEvents.rmoDecided(decided, decision);
        if (kind == RmoDecision.Kind.OBJECT) {
            ReviewCase returned = decided.moveTo(ReviewStage.RETURNED_TO_WRITER, chair.username(),
                    chair.rmo() + " objected; returned to writer", now);
            return new Outcome<>(returned, List.of(rmoDecided,
                    CaseEvents.returned(returned, chair.username(), comment, now)));
        }
        return decided.noted(chair.username(), chair.rmo() + " approved", now).settle(List.of(rmoDecided), now);
    }

    /** The JCRB secretary gives the reviewing RMOs more time: no RMO's deadline will be earlier than this. */
    public Outcome<ReviewCase> extendDeadline(JcrbSecretary secretary, Instant newDeadline, Instant now) {
        stage.require(Action.EXTEND_DEADLINE);
        InterRmoReview current = currentRound();
        requireUnsettled(current, now, "have its inter-RMO deadline extended");
        Instant deadline = current.deadline();
        if (newDeadline == null || !newDeadline.isAfter(deadline) || !newDeadline.isAfter(now)) {
            throw new ReviewRuleViolation("The new inter-RMO deadline " + newDeadline
                    + " must be in the future and later than the current one, " + deadline + ".");
        }
        ReviewCase next = withRound(current.withExtendedDeadline(newDeadline)).noted(secretary.username(),
                "inter-RMO deadline extended from " + deadline + " to " + newDeadline, now);
        return new Outcome<>(next, List.of(CaseEvents.deadlineExtended(next, current, deadline, newDeadline,
                secretary.username(), now)));
    }

    /**
     * The institute withdrew the CMC ({@code cmc.withdrawn}): the review ends without a decision. A case already
     * decided or withdrawn stays as it is, so a redelivered or late withdrawal changes nothing.
     */
    public Outcome<ReviewCase> withdrawn(String by, String reason, Instant now) {
        if (!stage.canMoveTo(ReviewStage.WITHDRAWN)) {
            return unchanged();
        }
        return new Outcome<>(moveTo(ReviewStage.WITHDRAWN, by, blank(reason) ? "withdrawn by the institute"
                : "withdrawn by the institute: " + reason, now), List.of());
    }

    /**
     * The JCRB secretary ends a case the JCRB holds. DOMAIN.md §2.2 has a case withdrawn only by its writer (and
     * {@code cmc.withdrawn} is the submission service's event), so a closure by the JCRB is a rejection.
     */
    public Outcome<ReviewCase> close(JcrbSecretary secretary, String comment, Instant now) {
        stage.require(Action.CLOSE);
        if (stage == ReviewStage.INTER_RMO_REVIEW) {
            requireUnsettled(currentRound(), now, "be closed by the JCRB");
        }
        if (blank(comment)) {
            throw new ReviewRuleViolation("Say why the JCRB closes the case.");
        }
        ReviewCase closed = moveTo(ReviewStage.REJECTED, secretary.username(), "closed by the JCRB secretary", now);
        return new Outcome<>(closed, List.of(CaseEvents.rejected(closed, secretary.username(), comment, now)));
    }

    /**
     * What the passing of time does to the inter-RMO review: closes the intent window, approves the CMC when the
     * policy says so, and reminds RMOs of approaching and passed deadlines, each reminder once. Calling it again at
     * the same instant changes nothing.
     */
    public Outcome<ReviewCase> advance(Instant now) {
        if (stage != ReviewStage.INTER_RMO_REVIEW) {
            return unchanged();
        }
        InterRmoReview current = currentRound();
        ReviewCase next = this;
        if (!current.intentWindowClosed() && !now.isBefore(current.intentWindowClosesAt())) {
            current = current.withIntentWindowClosed();
            next = next.withRound(current);
            List<String> silent = current.undeclaredRmos();
            if (!silent.isEmpty()) {
                next = next.noted(JCRB, "intent window closed; not reviewing, having not declared: "
                        + String.join(", ", silent), now);
            }
        }
        InterRmoReview.Outcome outcome = current.outcome(now, rules.approvalPolicy());
        if (outcome.approves()) {
            return next.approved(outcome, List.of(), now); // reminders are moot once approved
        }
        List<DeadlineWarning> due = current.warningsDue(now, rules.warningPeriod());
        InterRmoReview thisRound = current;
        ReviewCase warned = due.isEmpty() ? next : next.withRound(current.withWarnings(due));
        return new Outcome<>(warned,
                due.stream().<IntegrationEvent>map(w -> CaseEvents.deadlineApproaching(warned, thisRound, w)).toList());
    }

    /**
     * The submitting RMO's reviewers, the other RMOs' once the CMC reaches them, its writers, and the JCRB
     * secretary see the case.
     */
    public boolean visibleTo(Actor participant) {
        if (participant instanceof JcrbSecretary) {
            return true;
        }
        if (participant instanceof CmcWriter writer) {
            return institute.equals(writer.institute());
        }
        Reviewer reviewer = (Reviewer) participant;
        return rmo.equals(reviewer.rmo())
                || interRmoReviews.stream().anyMatch(r -> r.askedRmos().contains(reviewer.rmo()));
    }

    /**
     * Whether the case waits for this participant to act: what their inbox shows. See {@link Inbox} for who waits
     * on what.
     */
    public boolean awaits(Actor participant, Instant now) {
        return Inbox.awaits(this, participant, now);
    }

    /** Since when the case has been in its current stage: how long it has waited. */
    public Instant inStageSince() {
        for (int i = history.size() - 1; i >= 0; i--) {
            CaseHistoryEntry entry = history.get(i);
            if (entry.toStage() == stage && entry.fromStage() != stage) {
                return entry.at();
            }
        }
        return openedAt;
    }

    /** In inter-RMO review with a reviewing RMO past its deadline and undecided. */
    public boolean overdue(Instant now) {
        return interRmoReview().map(round -> !round.overdueRmos(now).isEmpty()).orElse(false);
    }

    public boolean assigned(String username) {
        return assignments.stream().anyMatch(a -> a.reviewer().equals(username));
    }

    /** The RMO a reviewer was assigned for, if assigned: the submitting RMO's unless another RMO's chair did it. */
    public Optional<String> assignedFor(String username) {
        return assignments.stream().filter(a -> a.reviewer().equals(username)).findFirst().map(Assignment::rmo);
    }

    /** The inter-RMO round under way, if the case is in inter-RMO review. */
    public Optional<InterRmoReview> interRmoReview() {
        return stage == ReviewStage.INTER_RMO_REVIEW ? Optional.of(interRmoReviews.get(interRmoReviews.size() - 1))
                : Optional.empty();
    }

    private InterRmoReview currentRound() {
        return interRmoReview().orElseThrow(() -> new IllegalStateException("No inter-RMO round in stage " + stage));
    }

    private static Instant reviewDeadline(InterRmoReview round, Instant declared, Instant now) {
        Instant deadline = declared == null ? round.latestReviewDeadline() : declared;
        if (!deadline.isAfter(now)) {
            throw new ReviewRuleViolation("A review deadline must be in the future; " + deadline + " is not.");
        }
        if (deadline.isAfter(round.latestReviewDeadline())) {
            throw new ReviewRuleViolation("The review deadline " + deadline + " is beyond the maximum inter-RMO "
                    + "review period: declare a deadline no later than " + round.latestReviewDeadline() + ".");
        }
        return deadline;
    }

    /** A late command must not undo what the clock is about to record (the scheduler may lag behind). */
    private void requireUnsettled(InterRmoReview round, Instant now, String action) {
        InterRmoReview.Outcome outcome = round.outcome(now, rules.approvalPolicy());
        if (outcome.approves()) {
            throw new IllegalReviewTransition(action + ": the inter-RMO review is over (" + outcome.historyText()
                    + ")", stage);
        }
    }

    /** Approves the CMC if the current round is over, after a command that may have ended it. */
    private Outcome<ReviewCase> settle(List<IntegrationEvent> events, Instant now) {
        InterRmoReview.Outcome outcome = currentRound().outcome(now, rules.approvalPolicy());
        return outcome.approves() ? approved(outcome, events, now) : new Outcome<>(this, events);
    }

    private Outcome<ReviewCase> approved(InterRmoReview.Outcome outcome, List<IntegrationEvent> before, Instant now) {
        ReviewCase approved = moveTo(ReviewStage.APPROVED, JCRB, outcome.historyText(), now);
        List<IntegrationEvent> events = new ArrayList<>(before);
        events.add(CaseEvents.approved(approved, JCRB, now));
        return new Outcome<>(approved, events);
    }

    private ReviewCase moveTo(ReviewStage next, String by, String action, Instant at) {
        if (!stage.canMoveTo(next)) {
            throw new IllegalReviewTransition(action, stage);
        }
        return with(next, decisions, assignments, comments, interRmoReviews,
                append(history, new CaseHistoryEntry(at, by, action, stage, next)));
    }

    /** A step worth a line in the history that leaves the stage as it is. */
    private ReviewCase noted(String by, String action, Instant at) {
        return with(stage, decisions, assignments, comments, interRmoReviews,
                append(history, new CaseHistoryEntry(at, by, action, stage, stage)));
    }

    /** Replaces the round with the same number, or starts a new one. */
    private ReviewCase withRound(InterRmoReview changed) {
        List<InterRmoReview> rounds = new ArrayList<>(interRmoReviews);
        if (!rounds.isEmpty() && rounds.get(rounds.size() - 1).round() == changed.round()) {
            rounds.set(rounds.size() - 1, changed);
        } else {
            rounds.add(changed);
        }
        return with(stage, decisions, assignments, comments, rounds, history);
    }

    private ReviewCase with(ReviewStage stage, List<Decision> decisions, List<Assignment> assignments,
                            List<ReviewComment> comments, List<InterRmoReview> interRmoReviews,
                            List<CaseHistoryEntry> history) {
        return new ReviewCase(id, cmcId, institute, country, rmo, area, content, supersedesKcdbCode, round, stage,
                openedAt, rules, decisions, assignments, comments, interRmoReviews, history, deletionRequest);
    }

    private Outcome<ReviewCase> unchanged() {
        return new Outcome<>(this, List.of());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> all = new ArrayList<>(list);
        all.add(element);
        return all;
    }
}
