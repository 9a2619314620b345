package org.bipm.kcdb.publication.domain;

/** A status change the KCDB's rules do not allow from the record's current status (answered with 409). */
public class IllegalPublicationTransition extends RuntimeException {

    private final PublicationStatus current;

    public IllegalPublicationTransition(String kcdbCode, PublicationStatus current, String action) {
        super("Cannot " + action + " " + kcdbCode + ": it is " + current.label() + ".");
        this.current = current;
    }

    public PublicationStatus current() {
        return current;
    }
}
