package org.bipm.kcdb.review.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;

/** The integration events a case emits, built from the case after the change. */
final class CaseEvents {

    private CaseEvents() {
    }

    static ReviewOpened opened(ReviewCase c, Instant now) {
        return new ReviewOpened(UUID.randomUUID(), now, ReviewOpened.SCHEMA_VERSION, c.id(), c.cmcId(), c.rmo(),
                c.area(), c.stage().name(), now.plus(c.rules().steps().intraRmoReviewOf(c.rmo())));
    }

    static ReviewerAssigned reviewerAssigned(ReviewCase c, Assignment assignment) {
        return new ReviewerAssigned(UUID.randomUUID(), assignment.at(), ReviewerAssigned.SCHEMA_VERSION, c.id(),
                c.cmcId(), c.rmo(), assignment.reviewer(), assignment.assignedBy(), assignment.rmo(),
                reviewerDueAt(c, assignment));
    }

    /**
     * The one rule for a reviewer's due date: the reviewer period after the assignment, but in the inter-RMO review
     * never after the own deadline of the RMO the reviewer reviews for (that RMO decides by then, so a later date
     * would only remind the reviewer after the review it serves is over). A JCRB extension moves both together.
     */
    static Instant reviewerDueAt(ReviewCase c, Assignment assignment) {
        Instant due = assignment.at().plus(c.rules().steps().reviewer());
        Instant rmoDeadline = c.interRmoReview().filter(round -> !c.rmo().equals(assignment.rmo()))
                .map(round -> round.deadlineOf(assignment.rmo())).orElse(null);
        return rmoDeadline != null && rmoDeadline.isBefore(due) ? rmoDeadline : due;
    }

    static ReviewCommentAdded commentAdded(ReviewCase c, ReviewComment comment) {
        return new ReviewCommentAdded(UUID.randomUUID(), comment.at(), ReviewCommentAdded.SCHEMA_VERSION, c.id(),
                c.cmcId(), comment.id(), comment.author(), comment.inReplyTo(), comment.text());
    }

    static IntraRmoReviewApproved intraRmoApproved(ReviewCase c, Decision decision, InterRmoReview round) {
        return new IntraRmoReviewApproved(UUID.randomUUID(), decision.at(), IntraRmoReviewApproved.SCHEMA_VERSION,
                c.id(), c.cmcId(), c.institute(), c.country(), c.rmo(), c.area(), decision.by(),
                decision.qmsStatementRef(), round.askedRmos(), round.intentWindowClosesAt(),
                round.latestReviewDeadline());
    }

    static RmoIntentDeclared intentDeclared(ReviewCase c, RmoIntent intent) {
        return new RmoIntentDeclared(UUID.randomUUID(), intent.at(), RmoIntentDeclared.SCHEMA_VERSION, c.id(),
                c.cmcId(), intent.rmo(), intent.willReview(), intent.deadline(), intent.declaredBy());
    }

    static RmoDecided rmoDecided(ReviewCase c, RmoDecision decision) {
        return new RmoDecided(UUID.randomUUID(), decision.at(), RmoDecided.SCHEMA_VERSION, c.id(), c.cmcId(),
                decision.rmo(), decision.decision().name(), decision.by(), decision.comment());
    }

    /** The reminder names the RMO's reviewers assigned in this round, so that each is reminded in person. */
    static ReviewDeadlineApproaching deadlineApproaching(ReviewCase c, InterRmoReview round, DeadlineWarning warning) {
        List<String> reviewers = c.assignments().stream()
                .filter(a -> warning.rmo().equals(a.rmo()) && !a.at().isBefore(round.openedAt()))
                .map(Assignment::reviewer).distinct().toList();
        return new ReviewDeadlineApproaching(UUID.randomUUID(), warning.at(),
                ReviewDeadlineApproaching.SCHEMA_VERSION, c.id(), c.cmcId(), warning.rmo(), warning.kind().name(),
                warning.deadline(), warning.overdue(), reviewers);
    }

    /**
     * The JCRB's extension names the reviewing RMOs it gives more time (those that have not decided and whose own
     * deadline was earlier) and the reviewers they assigned in this round, whose reviews may now take as long.
     */
    static ReviewDeadlineExtended deadlineExtended(ReviewCase c, InterRmoReview before, Instant previousDeadline,
                                                   Instant deadline, String by, Instant now) {
        List<String> rmos = before.reviewingRmos().stream()
                .filter(rmo -> before.decisionOf(rmo).isEmpty() && before.deadlineOf(rmo).isBefore(deadline))
                .toList();
        List<String> reviewers = c.assignments().stream()
                .filter(a -> rmos.contains(a.rmo()) && !a.at().isBefore(before.openedAt()))
                .map(Assignment::reviewer).distinct().toList();
        return new ReviewDeadlineExtended(UUID.randomUUID(), now, ReviewDeadlineExtended.SCHEMA_VERSION, c.id(),
                c.cmcId(), c.rmo(), before.round(), previousDeadline, deadline, by, rmos, reviewers);
    }

    static ReviewReturned returned(ReviewCase c, String by, String comment, Instant now) {
        return new ReviewReturned(UUID.randomUUID(), now, ReviewReturned.SCHEMA_VERSION, c.id(), c.cmcId(), by,
                comment, now.plus(c.rules().steps().writerAnswer()));
    }

    static CmcApproved approved(ReviewCase c, String by, Instant now) {
        return new CmcApproved(UUID.randomUUID(), now, CmcApproved.SCHEMA_VERSION, c.cmcId(), c.id(), c.institute(),
                c.country(), c.rmo(), by, c.supersedesKcdbCode(), c.content(), c.deletionRequest());
    }

    static CmcRejected rejected(ReviewCase c, String by, String comment, Instant now) {
        return new CmcRejected(UUID.randomUUID(), now, CmcRejected.SCHEMA_VERSION, c.id(), c.cmcId(), by, comment);
    }
}
