package org.bipm.kcdb.notification.application;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.DeliveryState;
import org.bipm.kcdb.notification.persistence.DeliveryStore;

/**
 * Assembles each person's daily digest: their notices awaiting it become one e-mail. In three steps that can each
 * be repeated: the notices are gathered under the digest's id (IN_DIGEST), the digest is recorded as an e-mail
 * (its id makes a repeat a no-op), the notices are marked DIGESTED. A run interrupted anywhere is completed by the
 * next.
 */
public class Digests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DeliveryStore deliveries;
    private final Clock clock;

    public Digests(DeliveryStore deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Returns how many digests were recorded. */
    public int assemble() {
        String run = clock.instant().toString();
        Set<String> people = new LinkedHashSet<>(deliveries.inState(DeliveryState.AWAITING_DIGEST)
                .map(Delivery::username).collectList().block(WAIT));
        for (String username : people) {
            deliveries.gatherInto(username, "digest:" + username + ":" + run).block(WAIT);
        }
        Set<String> digests = new LinkedHashSet<>(deliveries.inState(DeliveryState.IN_DIGEST)
                .map(Delivery::digestId).collectList().block(WAIT));
        int recorded = 0;
        for (String digestId : digests) {
            List<Delivery> notices = deliveries.gathered(digestId).block(WAIT);
            if (!notices.isEmpty() && Boolean.TRUE.equals(deliveries.enqueue(Delivery.digestOf(digestId, notices,
                    clock.instant())).block(WAIT))) {
                recorded++;
            }
            deliveries.digested(digestId).block(WAIT);
        }
        return recorded;
    }
}
