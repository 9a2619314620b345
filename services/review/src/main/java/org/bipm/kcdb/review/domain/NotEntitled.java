package org.bipm.kcdb.review.domain;

/** The reviewer's role or scope does not cover this action on this case. */
public class NotEntitled extends RuntimeException {

    public NotEntitled(String message) {
        super(message);
    }
}
