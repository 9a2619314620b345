package org.bipm.kcdb.support.domain;

/**
 * There is no such thing for this caller (404): it does not exist, or it exists and is not theirs to see, which
 * deliberately reads the same so that nothing leaks.
 */
public class NotFound extends Refusal {

    /** @param what what was looked for, e.g. {@code "CMC 42"}; the message reads "CMC 42 was not found." */
    public NotFound(String what) {
        super(what + " was not found.");
    }
}
