package org.bipm.kcdb.review.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;

/**
 * The review of one CMC by its RMO. Immutable; each command returns the next case and the events that tell
 * the other services. A resubmitted CMC continues the same case, with its history.
 */
public record ReviewCase(String id, String cmcId, String institute, String country, String rmo, String area,
                         CmcContent content, String supersedesKcdbCode, int round, ReviewStage stage,
                         Instant openedAt, List<Decision> decisions, List<CaseHistoryEntry> history) {

    public ReviewCase {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A case id derived from the CMC's, so that a redelivered submission can never open a second case. */
    public static String idFor(String cmcId) {
        return UUID.nameUUIDFromBytes(("review:" + cmcId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    public static Transition open(CmcSubmitted submitted, Instant now) {
        String id = idFor(submitted.cmcId());
        ReviewCase opened = new ReviewCase(id, submitted.cmcId(), submitted.institute(), submitted.country(),
                submitted.rmo(), submitted.content().metrologyAreaLabel(), submitted.content(),
                submitted.supersedesKcdbCode(), submitted.round(), ReviewStage.INTRA_RMO_REVIEW, now, List.of(),
                List.of(new CaseHistoryEntry(now, submitted.submittedBy(), "opened", null,
                        ReviewStage.INTRA_RMO_REVIEW)));
        return new Transition(opened, List.of(opened.openedEvent(now)));
    }

    /** The writer resubmitted after a return: the case continues with the new content. */
    public Transition resubmitted(CmcSubmitted submitted, Instant now) {
        if (submitted.round() <= round) {
            return new Transition(this, List.of()); // an older or repeated submission changes nothing
        }
        ReviewCase next = new ReviewCase(id, cmcId, institute, country, rmo, submitted.content().metrologyAreaLabel(),
                submitted.content(), supersedesKcdbCode, submitted.round(), stage, openedAt, decisions, history)
                .moveTo(ReviewStage.INTRA_RMO_REVIEW, submitted.submittedBy(), "resubmitted", now);
        return new Transition(next, List.of(next.openedEvent(now)));
    }

    public Transition decide(Decision.Kind kind, Reviewer chair, String comment, Instant now) {
        requireChairOfThisCase(chair);
        if (stage != ReviewStage.INTRA_RMO_REVIEW) {
            throw new IllegalReviewTransition("take an intra-RMO decision", stage);
        }
        Decision decision = new Decision(kind, chair.username(), chair.rmo(), comment, now);
        return switch (kind) {
            case APPROVE -> {
                // One step for now: the intra-RMO approval is final. The inter-RMO tier comes with its own issue.
                ReviewCase next = withDecision(decision).moveTo(ReviewStage.APPROVED, chair.username(), "approved", now);
                yield new Transition(next, List.of(new CmcApproved(UUID.randomUUID(), now, CmcApproved.SCHEMA_VERSION,
                        cmcId, id, institute, country, rmo, chair.username(), supersedesKcdbCode, content)));
            }
            case RETURN -> {
                ReviewCase next = withDecision(decision).moveTo(ReviewStage.RETURNED_TO_WRITER, chair.username(),
                        "returned to writer", now);
                yield new Transition(next, List.of(new ReviewReturned(UUID.randomUUID(), now,
                        ReviewReturned.SCHEMA_VERSION, id, cmcId, chair.username(), comment)));
            }
            case REJECT -> {
                ReviewCase next = withDecision(decision).moveTo(ReviewStage.REJECTED, chair.username(), "rejected", now);
                yield new Transition(next, List.of(new CmcRejected(UUID.randomUUID(), now, CmcRejected.SCHEMA_VERSION,
                        id, cmcId, chair.username(), comment)));
            }
        };
    }

    /** Reviewers of the submitting RMO read the case; chairs must also cover its area to decide. */
    public boolean visibleTo(Reviewer reviewer) {
        return rmo.equals(reviewer.rmo());
    }

    private void requireChairOfThisCase(Reviewer chair) {
        if (!chair.chair() || !rmo.equals(chair.rmo()) || !chair.areas().contains(area)) {
            throw new NotEntitled("Only a TC chair of " + rmo + " for area " + area + " decides this case.");
        }
        if (institute.equals(chair.institute())) {
            throw new NotEntitled("A chair from the submitting institute cannot decide on its own CMC.");
        }
    }

    private ReviewOpened openedEvent(Instant now) {
        return new ReviewOpened(UUID.randomUUID(), now, ReviewOpened.SCHEMA_VERSION, id, cmcId, rmo, area,
                stage.name());
    }

    private ReviewCase withDecision(Decision decision) {
        List<Decision> all = new ArrayList<>(decisions);
        all.add(decision);
        return new ReviewCase(id, cmcId, institute, country, rmo, area, content, supersedesKcdbCode, round, stage,
                openedAt, all, history);
    }

    private ReviewCase moveTo(ReviewStage next, String by, String action, Instant at) {
        if (!stage.canMoveTo(next)) {
            throw new IllegalReviewTransition(action, stage);
        }
        List<CaseHistoryEntry> all = new ArrayList<>(history);
        all.add(new CaseHistoryEntry(at, by, action, stage, next));
        return new ReviewCase(id, cmcId, institute, country, rmo, area, content, supersedesKcdbCode, round, next,
                openedAt, decisions, all);
    }

    /** The case after a command, and the events to publish with it. */
    public record Transition(ReviewCase reviewCase, List<IntegrationEvent> events) {
    }
}
