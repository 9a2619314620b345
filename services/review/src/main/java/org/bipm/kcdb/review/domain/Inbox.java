package org.bipm.kcdb.review.domain;

import java.time.Instant;

/**
 * Who a case waits for. Narrower than who may see it: an inbox lists what its owner can act on now, so a chair is
 * not shown a case their RMO has already answered, nor one from their own institute.
 */
final class Inbox {

    private Inbox() {
    }

    static boolean awaits(ReviewCase reviewCase, Actor participant, Instant now) {
        if (participant instanceof JcrbSecretary) {
            return !reviewCase.stage().terminal(); // the secretary follows every open case
        }
        if (participant instanceof CmcWriter writer) {
            return reviewCase.stage() == ReviewStage.RETURNED_TO_WRITER
                    && reviewCase.institute().equals(writer.institute());
        }
        Reviewer reviewer = (Reviewer) participant;
        if (reviewCase.institute().equals(reviewer.institute())) {
            return false; // conflict of interest: nothing to act on
        }
        return switch (reviewCase.stage()) {
            case INTRA_RMO_REVIEW -> reviewCase.assignedFor(reviewer.username()).filter(reviewCase.rmo()::equals)
                    .isPresent()
                    || reviewer.chairFor(reviewCase.rmo(), reviewCase.area());
            case INTER_RMO_REVIEW -> awaitsRmo(reviewCase, reviewer, now) || awaitsAssignee(reviewCase, reviewer);
            default -> false;
        };
    }

    /** A reviewer a reviewing RMO's chair assigned, until that RMO has decided. */
    private static boolean awaitsAssignee(ReviewCase reviewCase, Reviewer reviewer) {
        InterRmoReview round = reviewCase.interRmoReview().orElseThrow();
        return reviewCase.assignedFor(reviewer.username())
                .filter(rmo -> round.reviewingRmos().contains(rmo) && round.decisionOf(rmo).isEmpty())
                .isPresent();
    }

    /** A chair of an asked RMO: while it may still declare its intent, or reviews and has not decided. */
    private static boolean awaitsRmo(ReviewCase reviewCase, Reviewer chair, Instant now) {
        InterRmoReview round = reviewCase.interRmoReview().orElseThrow();
        String rmo = chair.rmo();
        if (!round.askedRmos().contains(rmo) || !chair.chairFor(rmo, reviewCase.area())) {
            return false;
        }
        boolean mayStillDeclare = round.intentOf(rmo).isEmpty() && now.isBefore(round.intentWindowClosesAt());
        boolean mustDecide = round.reviewingRmos().contains(rmo) && round.decisionOf(rmo).isEmpty();
        return mayStillDeclare || mustDecide;
    }
}
