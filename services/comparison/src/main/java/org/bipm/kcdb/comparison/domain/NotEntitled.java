package org.bipm.kcdb.comparison.domain;

/** The actor's institute or role does not allow this action on this comparison. */
public class NotEntitled extends RuntimeException {

    public NotEntitled(String message) {
        super(message);
    }
}
