package org.bipm.kcdb.publication.messaging;

import java.nio.charset.StandardCharsets;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.publication.application.FeedScope;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.SelectiveConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies the events of the platform's four topics into the subscribers' feed, once each. Draft evaluations of key
 * comparisons stay out: they are confidential to the participants until the comparison is published, and
 * {@code comparison.published} then carries the KCRV and degrees of equivalence for everyone. Migrated CMCs stay
 * out too: the old KCDB published them long ago, and a migration of tens of thousands would bury the news.
 * Each entry carries its audience ({@link FeedScope}), decided from the case as it stands when the event arrives;
 * the four topics keep no order between them, and {@link FeedCases} makes either order give the same audience.
 */
public class FeedAppender implements SelectiveConsumer {

    private static final Logger log = LoggerFactory.getLogger(FeedAppender.class);

    private final EventFeed feed;
    private final FeedCases cases;
    private final JsonMapper json;

    public FeedAppender(EventFeed feed, FeedCases cases, JsonMapper json) {
        this.feed = feed;
        this.cases = cases;
        this.json = json;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String ceType = EventHandlers.ceType(message);
        EventType type = ceType == null ? null : EventType.fromCeType(ceType).orElse(null);
        if (type == null) {
            log.debug("The feed skips a message of unknown type {}", ceType);
            return;
        }
        if (!FeedScope.fed(type)) {
            return;
        }
        byte[] payload = message.getPayload();
        // Parsed once: the event's common fields are bound from the tree the rest is read from.
        JsonNode tree = json.readTree(payload);
        IntegrationEvent event = json.readerFor(type.payloadType())
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
        String data = new String(payload, StandardCharsets.UTF_8);
        String cmcId = text(tree, "cmcId");
        // Every event about a CMC of the reviews and submissions topics may move its case on (the intra-RMO
        // approval, public itself, opens the inter-RMO review), each topic what it knows of it (FeedCases); the
        // other topics' events in the feed are all public, and their case is not read.
        String audience = cmcId == null || !FeedCases.follows(type) && FeedScope.isPublic(type) ? FeedScope.EVERYONE
                : FeedScope.audience(type, cases.apply(type, cmcId, tree), text(tree, "rmo"));
        feed.append(new FeedEntry(event.eventId().toString(), 0, type.ceType(), "/kcdb/" + type.topic().writer(),
                event.aggregateId(), event.occurredAt().toString(), area(tree), text(tree, "rmo"),
                text(tree, "country"), data, audience));
    }

    /**
     * The feed leaves out some types ({@link FeedScope#fed}): the support's filter drops their records before the
     * binder converts them (a migration hands over tens of thousands of {@code cmc.migrated}).
     */
    @Override
    public boolean handles(EventType type) {
        return FeedScope.fed(type);
    }

    /** Events name the area directly, or inside the CMC content they carry. */
    private static String area(JsonNode tree) {
        String area = text(tree, "metrologyAreaLabel");
        if (area == null) {
            area = text(tree, "area");
        }
        JsonNode content = tree.get("content");
        return area == null && content != null ? text(content, "metrologyAreaLabel") : area;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
