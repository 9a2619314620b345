package org.bipm.kcdb.review.domain;

/** How the inter-RMO review ends when a reviewing RMO stays silent past the deadline. */
public enum ApprovalPolicy {
    /** Only every reviewing RMO's explicit approval approves the CMC; a silent RMO holds the case open. */
    ALL_MUST_APPROVE,
    /** No objection by the latest deadline approves the CMC, so a silent RMO cannot block it (DOMAIN.md §2.2). */
    SILENCE_IS_CONSENT
}
