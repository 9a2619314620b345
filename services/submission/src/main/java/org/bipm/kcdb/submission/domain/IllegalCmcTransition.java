package org.bipm.kcdb.submission.domain;

/** An action the CMC's current status does not allow. */
public class IllegalCmcTransition extends RuntimeException {

    private final CmcStatus current;

    public IllegalCmcTransition(String action, CmcStatus current) {
        super("A CMC in status " + current + " cannot be " + action + ".");
        this.current = current;
    }

    public CmcStatus current() {
        return current;
    }
}
