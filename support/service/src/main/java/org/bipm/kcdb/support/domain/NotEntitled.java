package org.bipm.kcdb.support.domain;

/** The caller's role or scope does not cover this action (403); see {@link NotFound} for what they may not see. */
public class NotEntitled extends Refusal {

    public NotEntitled(String message) {
        super(message);
    }
}
