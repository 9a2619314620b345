package org.bipm.kcdb.publication.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.publication.application.FeedScope;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.PolledEvents;
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
 * An event comes with the fed events that follow it in the poll that brought it ({@link PolledEvents#followingOf}),
 * appended together in their order, as one at a time would append them; the listener container's later calls for
 * them are passed over.
 */
public class FeedAppender implements SelectiveConsumer {

    private static final Logger log = LoggerFactory.getLogger(FeedAppender.class);
    /** The name the feed notes the events it appended ahead of their records under ({@link PolledEvents}). */
    private static final String CONSUMER = "feed";

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
        String polledId = EventHandlers.ceId(message);
        if (polledId != null && PolledEvents.isAppliedAhead(CONSUMER, polledId)) {
            return; // appended with an earlier record of its poll
        }
        Read first = read(type, message.getPayload());
        List<Read> run = new ArrayList<>();
        run.add(first);
        List<String> ahead = new ArrayList<>();
        String firstId = first.event().eventId().toString();
        for (PolledEvents.Polled polled : PolledEvents.followingOf(firstId, FeedAppender::fedType)) {
            Read next;
            try {
                next = read(EventType.fromCeType(polled.ceType()).orElseThrow(), polled.payload());
            } catch (RuntimeException unreadable) {
                break; // refused at its own turn
            }
            if (!next.event().eventId().toString().equals(polled.eventId())) {
                break; // a record whose header says another event than its payload: at its own turn, alone
            }
            run.add(next);
            ahead.add(polled.eventId());
        }
        try {
            append(run);
        } catch (RuntimeException failed) {
            if (run.size() == 1) {
                throw failed;
            }
            // Which event failed is not known: this one alone, so that only an event that fails on its own is
            // retried and parked on the dead-letter topic; the others come at their own turn. The run's entries
            // appended before the failure are refused then as redelivered, and its cases written again the same.
            log.debug("The feed appends event {} alone: its run of {} failed: {}", firstId, run.size(),
                    failed.toString());
            append(List.of(first));
            return;
        }
        PolledEvents.appliedAhead(CONSUMER, ahead);
    }

    /**
     * Appends a run of events in their order: the cases they move on and their audiences in one read ({@link
     * FeedCases#apply}), the entries in one append, then the cases' writes in one; so a poll of the reviews topic
     * costs the store four round trips, not three or four an event. The entries go first: an append that fails
     * leaves the cases as they were, and the retry decides the same audiences.
     */
    private void append(List<Read> run) {
        List<FeedCases.Event> about = new ArrayList<>();
        for (Read read : run) {
            // Every event about a CMC of the reviews and submissions topics may move its case on (the intra-RMO
            // approval, public itself, opens the inter-RMO review), each topic what it knows of it (FeedCases); the
            // other topics' events in the feed are all public, and their case is not read.
            if (read.cmcId() != null && (FeedCases.follows(read.type()) || !FeedScope.isPublic(read.type()))) {
                about.add(new FeedCases.Event(read.type(), read.cmcId(), read.tree()));
            }
        }
        FeedCases.Applied applied = cases.apply(about);
        List<FeedEntry> entries = new ArrayList<>(run.size());
        int caseOf = 0;
        for (Read read : run) {
            JsonNode tree = read.tree();
            EventType type = read.type();
            String audience = read.cmcId() != null && (FeedCases.follows(type) || !FeedScope.isPublic(type))
                    ? FeedScope.audience(type, applied.audiences().get(caseOf++), text(tree, "rmo"))
                    : FeedScope.EVERYONE;
            entries.add(new FeedEntry(read.event().eventId().toString(), 0, type.ceType(),
                    "/kcdb/" + type.topic().writer(), read.event().aggregateId(), read.event().occurredAt().toString(),
                    area(tree), text(tree, "rmo"), text(tree, "country"), read.data(), audience));
        }
        feed.appendAll(entries);
        cases.write(applied);
    }

    /** An event as read from its record: parsed once, the event's common fields bound from the tree. */
    private record Read(EventType type, JsonNode tree, IntegrationEvent event, String data) {

        String cmcId() {
            return text(tree, "cmcId");
        }
    }

    private Read read(EventType type, byte[] payload) {
        JsonNode tree = json.readTree(payload);
        IntegrationEvent event = json.readerFor(type.payloadType())
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
        return new Read(type, tree, event, new String(payload, StandardCharsets.UTF_8));
    }

    private static boolean fedType(String ceType) {
        return EventType.fromCeType(ceType).map(FeedScope::fed).orElse(false);
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
