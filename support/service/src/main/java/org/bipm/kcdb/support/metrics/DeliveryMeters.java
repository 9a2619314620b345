package org.bipm.kcdb.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What became of each attempt to deliver outside the platform (a subscriber's webhook, an e-mail), one counter
 * per channel tagged with the {@code outcome} (docs/metrics.md): {@code delivered}, {@code failed} (will be tried
 * again) or {@code parked} (given up on, waiting for someone to look).
 */
public final class DeliveryMeters {

    public static final String WEBHOOKS = "kcdb.webhook.deliveries";
    public static final String MAILS = "kcdb.mail.deliveries";

    private final Counter delivered;
    private final Counter failed;
    private final Counter parked;

    private DeliveryMeters(MeterRegistry registry, String name, String description) {
        this.delivered = counter(registry, name, description, "delivered");
        this.failed = counter(registry, name, description, "failed");
        this.parked = counter(registry, name, description, "parked");
    }

    /** Events posted to subscribers' webhooks. */
    public static DeliveryMeters webhooks(MeterRegistry registry) {
        return new DeliveryMeters(registry, WEBHOOKS, "Events posted to subscribers' webhooks, by outcome");
    }

    /** E-mails handed to the SMTP server. */
    public static DeliveryMeters mails(MeterRegistry registry) {
        return new DeliveryMeters(registry, MAILS, "E-mails handed to the SMTP server, by outcome");
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String outcome) {
        return Counter.builder(name).description(description).tag("outcome", outcome).register(registry);
    }

    public void delivered() {
        delivered.increment();
    }

    public void failed() {
        failed.increment();
    }

    public void parked() {
        parked.increment();
    }
}
