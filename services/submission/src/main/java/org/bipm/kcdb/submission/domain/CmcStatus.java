package org.bipm.kcdb.submission.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status of a CMC as its writer sees it (CONTRACT.md §2), and the one place that says which status may
 * follow which. Review and publication events move it forward; a late or repeated event never moves it back.
 */
public enum CmcStatus {
    DRAFT, SUBMITTED, INTRA_RMO_REVIEW, RETURNED, INTER_RMO_REVIEW, APPROVED, PUBLISHED, REJECTED, WITHDRAWN,
    /** Deleted from the KCDB: on the institute's approved request or by the KCDB office. */
    DELETED;

    private static final Map<CmcStatus, Set<CmcStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(SUBMITTED),
            SUBMITTED, EnumSet.of(INTRA_RMO_REVIEW, RETURNED, INTER_RMO_REVIEW, APPROVED, PUBLISHED, REJECTED, WITHDRAWN),
            INTRA_RMO_REVIEW, EnumSet.of(RETURNED, INTER_RMO_REVIEW, APPROVED, PUBLISHED, REJECTED, WITHDRAWN),
            RETURNED, EnumSet.of(SUBMITTED, WITHDRAWN),
            INTER_RMO_REVIEW, EnumSet.of(RETURNED, APPROVED, PUBLISHED, REJECTED, WITHDRAWN),
            APPROVED, EnumSet.of(PUBLISHED),
            PUBLISHED, EnumSet.of(DELETED),
            DELETED, EnumSet.of(PUBLISHED), // the KCDB office may restore it
            REJECTED, EnumSet.noneOf(CmcStatus.class),
            WITHDRAWN, EnumSet.noneOf(CmcStatus.class));

    public boolean canMoveTo(CmcStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Only drafts and CMCs returned by reviewers are the writer's to change. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }

    /** Reviewers and the offices see a CMC once it has left the writer's drafts. */
    public boolean visibleBeyondInstitute() {
        return this != DRAFT;
    }
}
