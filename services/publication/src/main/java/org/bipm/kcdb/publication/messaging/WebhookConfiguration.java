package org.bipm.kcdb.publication.messaging;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.support.metrics.DeliveryMeters;
import java.util.List;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.bipm.kcdb.publication.domain.Webhook;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** The webhook delivery: the retry policy from {@code kcdb.webhooks.*} and the delivery round on a fixed delay. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebhookConfiguration {

    /** Production delivers to public https receivers only; the local platform and tests allow http and loopback. */
    @Bean
    WebhookTargets webhookTargets(@Value("${kcdb.webhooks.allow-http:false}") boolean allowHttp,
                                  @Value("${kcdb.webhooks.allowed-targets:}") List<String> allowed) {
        return new WebhookTargets(allowHttp, allowed, InetAddress::getAllByName);
    }

    @Bean
    WebhookDelivery webhookDelivery(AggregateStore<Webhook> webhooks, EventFeed feed, WebhookTargets targets,
                                    JsonMapper json, Clock clock,
                                    @Value("${kcdb.webhooks.max-attempts:6}") int maxAttempts,
                                    @Value("${kcdb.webhooks.initial-backoff:1s}") Duration initialBackoff,
                                    @Value("${kcdb.webhooks.max-backoff:5m}") Duration maxBackoff,
                                    @Value("${kcdb.webhooks.disable-after-failures:50}") int disableAfter,
                                    @Value("${kcdb.webhooks.timeout:10s}") Duration timeout,
                                    @Value("${kcdb.webhooks.parallel-deliveries:64}") int parallel,
                                    MeterRegistry registry) {
        return new WebhookDelivery(webhooks, feed, targets, json, clock,
                new Webhook.Policy(maxAttempts, initialBackoff, maxBackoff, disableAfter), timeout, parallel,
                DeliveryMeters.webhooks(registry));
    }

    @Bean
    DeliveryRound deliveryRound(WebhookDelivery delivery) {
        return new DeliveryRound(delivery);
    }

    static class DeliveryRound {

        private final WebhookDelivery delivery;

        DeliveryRound(WebhookDelivery delivery) {
            this.delivery = delivery;
        }

        @Scheduled(fixedDelayString = "${kcdb.webhooks.tick:1s}")
        void run() {
            delivery.deliverDue();
        }
    }
}
