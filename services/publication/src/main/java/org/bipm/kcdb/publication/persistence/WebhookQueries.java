package org.bipm.kcdb.publication.persistence;

import org.bipm.kcdb.publication.domain.Webhook;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;

/** The queries of {@code webhooks} beyond the webhook's id. */
public final class WebhookQueries {

    private WebhookQueries() {
    }

    /** The webhooks a delivery round serves. */
    public static Flux<Versioned<Webhook>> active(AggregateStore<Webhook> webhooks) {
        return webhooks.find(Query.query(Criteria.where("status").is(Webhook.Status.ACTIVE.name())));
    }

    /** The webhooks registered by {@code owner}; every webhook when {@code owner} is null. */
    public static Flux<Versioned<Webhook>> ownedBy(AggregateStore<Webhook> webhooks, String owner) {
        return webhooks.find(owner == null ? new Query() : Query.query(Criteria.where("owner").is(owner)));
    }
}
