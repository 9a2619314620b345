package org.bipm.kcdb.review.domain;

import java.time.Instant;

/**
 * A TC chair's intra-RMO decision on the case. An approval names the RMO's statement that an approved quality
 * management system covers the CMC (DOMAIN.md §0: no CMC enters Appendix C without one).
 */
public record Decision(Kind decision, String by, String rmo, String comment, Instant at, String qmsStatementRef) {

    public enum Kind {
        APPROVE, RETURN, REJECT
    }
}
