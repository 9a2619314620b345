package org.bipm.kcdb.review.application;

import java.util.Map;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.support.persistence.Versioned;

/**
 * The cases of one bulk request (CONTRACT.md §7) as its caller sees them, read together in one query before any of
 * them is changed ({@link ReviewApplication#bulk}). Each case's command starts from this copy instead of reading its
 * case alone; everything else stays the single command's (see {@code ReviewApplication.change(BulkCases, ...)}).
 */
public final class BulkCases {

    private final Caller caller;
    private final Map<String, Versioned<ReviewCase>> read;

    BulkCases(Caller caller, Map<String, Versioned<ReviewCase>> read) {
        this.caller = caller;
        this.read = Map.copyOf(read);
    }

    Caller caller() {
        return caller;
    }

    /** The case as read with the others; null when it is not there or not the caller's to see. */
    Versioned<ReviewCase> copy(String id) {
        return read.get(id);
    }
}
