package org.bipm.kcdb.publication.domain;

import org.bipm.kcdb.support.domain.IllegalTransition;

/** A status change the KCDB's rules do not allow from the record's current status (answered with 409). */
public class IllegalPublicationTransition extends IllegalTransition {

    public IllegalPublicationTransition(String kcdbCode, PublicationStatus current, String action) {
        super("Cannot " + action + " " + kcdbCode + ": it is " + current.label() + ".", current);
    }

    @Override
    public PublicationStatus current() {
        return (PublicationStatus) super.current();
    }
}
