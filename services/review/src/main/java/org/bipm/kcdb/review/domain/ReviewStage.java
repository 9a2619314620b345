package org.bipm.kcdb.review.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The workflow of a review case (CONTRACT.md §3, DOMAIN.md §2.2) in one place: the stages, which stage may follow
 * which, and which actions each stage takes. Anything else is an {@link IllegalReviewTransition}.
 */
public enum ReviewStage {
    INTRA_RMO_REVIEW, RETURNED_TO_WRITER, INTER_RMO_REVIEW, APPROVED, REJECTED, WITHDRAWN;

    /** What participants (and the clock) do to a case; the text completes "a case in stage X cannot ...". */
    public enum Action {
        ASSIGN_REVIEWER("assign a reviewer"),
        COMMENT("take comments"),
        INTRA_RMO_DECISION("take an intra-RMO decision"),
        RESUBMISSION("take a resubmission"),
        DECLARE_INTENT("take an RMO's intent to review"),
        RMO_DECISION("take an RMO's inter-RMO decision"),
        EXTEND_DEADLINE("have its inter-RMO deadline extended"),
        CLOSE("be closed by the JCRB");

        private final String description;

        Action(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Set<ReviewStage> NONE = EnumSet.noneOf(ReviewStage.class);

    private static final Map<ReviewStage, Set<ReviewStage>> NEXT = Map.of(
            INTRA_RMO_REVIEW, EnumSet.of(RETURNED_TO_WRITER, INTER_RMO_REVIEW, REJECTED, WITHDRAWN),
            RETURNED_TO_WRITER, EnumSet.of(INTRA_RMO_REVIEW, REJECTED, WITHDRAWN),
            INTER_RMO_REVIEW, EnumSet.of(RETURNED_TO_WRITER, APPROVED, REJECTED, WITHDRAWN),
            APPROVED, NONE,
            REJECTED, NONE,
            WITHDRAWN, NONE);

    // Each reviewing RMO's chair assigns that RMO's reviewers in the inter-RMO review as the submitting RMO's chair
    // does in the intra-RMO review. The writer answers comments while the CMC is back with them; the JCRB secretary
    // closes only what is in the
    // JCRB's hands (a case under inter-RMO review, or returned and perhaps abandoned) — intra-RMO rejection is the
    // RMO chair's call.
    private static final Map<ReviewStage, Set<Action>> ACTIONS = Map.of(
            INTRA_RMO_REVIEW, EnumSet.of(Action.ASSIGN_REVIEWER, Action.COMMENT, Action.INTRA_RMO_DECISION),
            RETURNED_TO_WRITER, EnumSet.of(Action.COMMENT, Action.RESUBMISSION, Action.CLOSE),
            INTER_RMO_REVIEW, EnumSet.of(Action.ASSIGN_REVIEWER, Action.COMMENT, Action.DECLARE_INTENT,
                    Action.RMO_DECISION, Action.EXTEND_DEADLINE, Action.CLOSE),
            APPROVED, EnumSet.noneOf(Action.class),
            REJECTED, EnumSet.noneOf(Action.class),
            WITHDRAWN, EnumSet.noneOf(Action.class));

    public boolean canMoveTo(ReviewStage next) {
        return NEXT.get(this).contains(next);
    }

    public boolean allows(Action action) {
        return ACTIONS.get(this).contains(action);
    }

    /** Throws {@link IllegalReviewTransition} naming this stage unless it takes {@code action}. */
    public void require(Action action) {
        if (!allows(action)) {
            throw new IllegalReviewTransition(action.description(), this);
        }
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Whether the passing of time alone can change a case in this stage ({@link ReviewCase#advance}). */
    public boolean drivenByClock() {
        return this == INTER_RMO_REVIEW;
    }
}
