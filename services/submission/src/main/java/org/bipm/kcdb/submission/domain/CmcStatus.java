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
    DELETED,
    /** A newer version (an approved modification) replaced it in the KCDB: history, no longer to change. */
    ARCHIVED;

    private static final Map<CmcStatus, Set<CmcStatus>> NEXT = Map.ofEntries(
            Map.entry(DRAFT, EnumSet.of(SUBMITTED)),
            Map.entry(SUBMITTED, EnumSet.of(INTRA_RMO_REVIEW, RETURNED, INTER_RMO_REVIEW, APPROVED, PUBLISHED,
                    REJECTED, WITHDRAWN)),
            Map.entry(INTRA_RMO_REVIEW, EnumSet.of(RETURNED, INTER_RMO_REVIEW, APPROVED, PUBLISHED, REJECTED,
                    WITHDRAWN)),
            Map.entry(RETURNED, EnumSet.of(SUBMITTED, WITHDRAWN)),
            Map.entry(INTER_RMO_REVIEW, EnumSet.of(RETURNED, APPROVED, PUBLISHED, REJECTED, WITHDRAWN)),
            Map.entry(APPROVED, EnumSet.of(PUBLISHED)),
            Map.entry(PUBLISHED, EnumSet.of(DELETED, ARCHIVED)),
            Map.entry(DELETED, EnumSet.of(PUBLISHED)), // the KCDB office may restore it
            Map.entry(REJECTED, EnumSet.noneOf(CmcStatus.class)),
            Map.entry(WITHDRAWN, EnumSet.noneOf(CmcStatus.class)),
            Map.entry(ARCHIVED, EnumSet.noneOf(CmcStatus.class)));

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
