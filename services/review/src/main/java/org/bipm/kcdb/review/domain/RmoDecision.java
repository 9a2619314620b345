package org.bipm.kcdb.review.domain;

import java.time.Instant;

/** A reviewing RMO's decision in the inter-RMO review, taken by its TC chair. */
public record RmoDecision(String rmo, Kind decision, String by, String comment, Instant at) {

    public enum Kind {
        APPROVE, OBJECT
    }

    boolean approves() {
        return decision == Kind.APPROVE;
    }
}
