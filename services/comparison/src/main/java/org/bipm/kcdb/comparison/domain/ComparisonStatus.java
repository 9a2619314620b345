package org.bipm.kcdb.comparison.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life cycle of a comparison (CONTRACT.md §4); WITHDRAWN is reachable from any unfinished stage. */
public enum ComparisonStatus {
    PLANNED, MEASUREMENTS, DRAFT_A, DRAFT_B, APPROVED, PUBLISHED, WITHDRAWN;

    private static final Map<ComparisonStatus, Set<ComparisonStatus>> NEXT = Map.of(
            PLANNED, EnumSet.of(MEASUREMENTS, WITHDRAWN),
            MEASUREMENTS, EnumSet.of(DRAFT_A, WITHDRAWN),
            DRAFT_A, EnumSet.of(DRAFT_B, WITHDRAWN),
            DRAFT_B, EnumSet.of(APPROVED, WITHDRAWN),
            APPROVED, EnumSet.of(PUBLISHED, WITHDRAWN),
            PUBLISHED, EnumSet.noneOf(ComparisonStatus.class),
            WITHDRAWN, EnumSet.noneOf(ComparisonStatus.class));

    public boolean canMoveTo(ComparisonStatus next) {
        return NEXT.get(this).contains(next);
    }
}
