package org.bipm.kcdb.review.domain;

import java.time.Instant;

/** A TC chair's decision on the case. */
public record Decision(Kind decision, String by, String rmo, String comment, Instant at) {

    public enum Kind {
        APPROVE, RETURN, REJECT
    }
}
