package org.bipm.kcdb.support.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which collections hold outboxes, the CloudEvents source of this service, how often to poll, and how many events
 * the relay has at the broker at once ({@code in-flight}: 200 by default, one batch; 1 sends and removes one event
 * at a time, as before issue 15).
 */
@ConfigurationProperties("kcdb.outbox")
public record OutboxProperties(List<String> collections, String source, Duration interval, Integer inFlight) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        interval = interval == null ? Duration.ofMillis(250) : interval;
        inFlight = inFlight == null ? 200 : inFlight;
    }
}
