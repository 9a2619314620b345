package org.bipm.kcdb.notification.domain;

/**
 * A review event came before the CMC's submission was on file: the submission and the review arrive on different
 * topics, read by different consumers, so their order is not guaranteed. Thrown so the event is held until the
 * submission comes (application's {@code Notifications}), never told without the writer; an event that can only be
 * told to the writers stays held after the wait too, never applied silently to nobody.
 */
public class CaseNotOnFile extends RuntimeException {

    public CaseNotOnFile(String cmcId) {
        super("CMC " + cmcId + " is not on file yet: its submission has not been read");
    }
}
