package org.bipm.kcdb.support.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which collections hold outboxes, the CloudEvents source of this service, and how often to poll. */
@ConfigurationProperties("kcdb.outbox")
public record OutboxProperties(List<String> collections, String source, Duration interval) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        interval = interval == null ? Duration.ofMillis(250) : interval;
    }
}
