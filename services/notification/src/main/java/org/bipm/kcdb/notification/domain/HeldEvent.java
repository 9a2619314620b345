package org.bipm.kcdb.notification.domain;

import java.time.Instant;
import org.bipm.kcdb.events.IntegrationEvent;

/**
 * A review event that came before its CMC's submission was on file, kept until the submission comes (or the wait is
 * over) and then applied as it would have been.
 *
 * @param cmcId  the CMC the event is about
 * @param event  the event as it came
 * @param heldAt when it was put aside
 */
public record HeldEvent(String cmcId, IntegrationEvent event, Instant heldAt) {
}
