package org.bipm.kcdb.review.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The stages of a review case (CONTRACT.md §3) and which may follow which. */
public enum ReviewStage {
    INTRA_RMO_REVIEW, RETURNED_TO_WRITER, INTER_RMO_REVIEW, APPROVED, REJECTED, WITHDRAWN;

    private static final Map<ReviewStage, Set<ReviewStage>> NEXT = Map.of(
            INTRA_RMO_REVIEW, EnumSet.of(RETURNED_TO_WRITER, INTER_RMO_REVIEW, APPROVED, REJECTED, WITHDRAWN),
            RETURNED_TO_WRITER, EnumSet.of(INTRA_RMO_REVIEW, WITHDRAWN),
            INTER_RMO_REVIEW, EnumSet.of(RETURNED_TO_WRITER, APPROVED, REJECTED, WITHDRAWN),
            APPROVED, EnumSet.noneOf(ReviewStage.class),
            REJECTED, EnumSet.noneOf(ReviewStage.class),
            WITHDRAWN, EnumSet.noneOf(ReviewStage.class));

    public boolean canMoveTo(ReviewStage next) {
        return NEXT.get(this).contains(next);
    }
}
