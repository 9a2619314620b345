package org.bipm.kcdb.review.application;

import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.persistence.ReadTogether;

/**
 * The cases of one bulk request (CONTRACT.md §7) as its caller sees them, read together in one query before any of
 * them is changed ({@link ReviewApplication#bulk}). Each case's command starts from this copy instead of reading its
 * case alone; when it must read the case again is support's rule ({@link ReadTogether}).
 */
public final class BulkCases {

    private final Caller caller;
    private final ReadTogether<ReviewCase> copies;

    BulkCases(Caller caller, ReadTogether<ReviewCase> copies) {
        this.caller = caller;
        this.copies = copies;
    }

    Caller caller() {
        return caller;
    }

    /** The cases as read with the others: only those there and the caller's to see. */
    ReadTogether<ReviewCase> copies() {
        return copies;
    }
}
