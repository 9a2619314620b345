package org.bipm.kcdb.notification.domain;

/**
 * An event that tells the CMC's writers came before the CMC's submission was on file: the submission and the review
 * arrive on different topics, so their order is not guaranteed. Thrown so the event is retried (and dead-lettered if
 * the submission never comes), never applied silently to nobody.
 */
public class CaseNotOnFile extends RuntimeException {

    public CaseNotOnFile(String cmcId) {
        super("CMC " + cmcId + " is not on file yet: its submission has not been read");
    }
}
