package org.bipm.kcdb.submission.domain;

import org.bipm.kcdb.support.domain.IllegalTransition;

/** An action the CMC's current status does not allow. */
public class IllegalCmcTransition extends IllegalTransition {

    public IllegalCmcTransition(String action, CmcStatus current) {
        super("A CMC in status " + current + " cannot be " + action + ".", current);
    }

    @Override
    public CmcStatus current() {
        return (CmcStatus) super.current();
    }
}
