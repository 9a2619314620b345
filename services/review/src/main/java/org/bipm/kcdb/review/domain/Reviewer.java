package org.bipm.kcdb.review.domain;

import java.util.Set;

/**
 * A member of an RMO technical committee: a TC reviewer, or a TC chair ({@code chair}) for the areas their
 * committee covers.
 */
public record Reviewer(String username, String institute, String rmo, Set<String> areas, boolean chair)
        implements Actor {

    public Reviewer {
        areas = areas == null ? Set.of() : Set.copyOf(areas);
    }

    boolean chairFor(String rmoOfCase, String area) {
        return chair && rmoOfCase.equals(rmo) && areas.contains(area);
    }
}
