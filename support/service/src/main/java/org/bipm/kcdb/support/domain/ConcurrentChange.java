package org.bipm.kcdb.support.domain;

/**
 * Others kept changing the aggregate while the command was retried on each newer state (409): rare enough that the
 * caller simply tries again.
 */
public class ConcurrentChange extends Refusal {

    /** @param what the aggregate as users call it, e.g. {@code "review case"} */
    public ConcurrentChange(String what) {
        super("The " + what + " is being changed by others; try again.");
    }
}
