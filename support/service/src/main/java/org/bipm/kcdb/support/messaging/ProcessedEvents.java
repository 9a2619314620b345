package org.bipm.kcdb.support.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.bipm.kcdb.support.persistence.InsertEach;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The events each consumer has applied, keyed by (consumer, eventId) through the document id, which Mongo keeps
 * unique on every backend. Redelivery of an applied event is then a no-op.
 * <p>
 * The look before a handler asks about the whole poll that brought the event at its first record: one query for
 * the poll's events instead of one for each ({@link PolledEvents}, which says why that answer holds as a look
 * before each record would; issue 15, bench/README.md "What every consumer paid for the processed-event look and
 * the observations").
 */
public class ProcessedEvents {

    static final String COLLECTION = "processed_events";

    private final ReactiveMongoTemplate mongo;
    private final EventMeters meters;

    public ProcessedEvents(ReactiveMongoTemplate mongo) {
        this(mongo, EventMeters.none());
    }

    public ProcessedEvents(ReactiveMongoTemplate mongo, EventMeters meters) {
        this.mongo = mongo;
        this.meters = meters;
    }

    /** Where the consumers count what they applied and what they skipped. */
    public EventMeters meters() {
        return meters;
    }

    /**
     * Whether the consumer applied the event before. If the event came in this thread's last poll (a moment ago),
     * the events of that poll the consumer looks up ({@code looksUp}, by {@code ce_type}) are asked about together
     * the first time, and the answer, with what the consumer marked since, is taken for the others.
     */
    public boolean alreadyApplied(String consumer, String eventId, Predicate<String> looksUp) {
        PolledEvents.Poll poll = PolledEvents.lastWith(eventId);
        if (poll == null) {
            return alreadyApplied(consumer, eventId);
        }
        PolledEvents.Looked looked = poll.lookedBy(consumer);
        Boolean applied = looked == null ? null : looked.answer(eventId);
        if (applied == null) {
            Set<String> asked = poll.idsOf(looksUp);
            asked.add(eventId);
            looked = new PolledEvents.Looked(asked, appliedAmong(consumer, asked));
            poll.looked(consumer, looked);
            applied = looked.answer(eventId);
        }
        return applied;
    }

    private Set<String> appliedAmong(String consumer, Set<String> eventIds) {
        List<String> keys = eventIds.stream().map(eventId -> key(consumer, eventId)).toList();
        Query query = Query.query(Criteria.where("_id").in(keys));
        query.fields().include("_id");
        List<Document> marked = mongo.find(query, Document.class, COLLECTION).collectList().block();
        Set<String> applied = new HashSet<>();
        int prefix = consumer.length() + 1;
        for (Document mark : marked == null ? List.<Document>of() : marked) {
            applied.add(mark.getString("_id").substring(prefix));
        }
        return applied;
    }

    /** Whether the consumer applied the event before: one look at the store. */
    public boolean alreadyApplied(String consumer, String eventId) {
        Boolean exists = mongo.exists(Query.query(Criteria.where("_id").is(key(consumer, eventId))), COLLECTION).block();
        return Boolean.TRUE.equals(exists);
    }

    public void markApplied(String consumer, String eventId, String type) {
        // false: another instance applied and marked it concurrently; nothing left to do.
        markFirst(consumer, eventId, type);
    }

    /**
     * Marks the event applied in one insert; false if it was marked already (the store refused the duplicate id),
     * i.e. the event was delivered and applied before.
     */
    public boolean markFirst(String consumer, String eventId, String type) {
        Document record = new Document("_id", key(consumer, eventId)).append("consumer", consumer)
                .append("eventId", eventId).append("type", type).append("appliedAt", Instant.now());
        boolean first;
        try {
            mongo.insert(record, COLLECTION).block();
            first = true;
        } catch (DuplicateKeyException alreadyMarked) {
            first = false;
        }
        // Marked either way (a store that failed has thrown): a redelivery of it later in the same poll is known as
        // applied without another look.
        PolledEvents.Poll poll = PolledEvents.lastWith(eventId);
        PolledEvents.Looked looked = poll == null ? null : poll.lookedBy(consumer);
        if (looked != null) {
            looked.marked(eventId);
        }
        return first;
    }

    /**
     * Marks the events (of one type) applied in one insert, each on its own (unordered): those marked before are
     * refused by their duplicate ids and the others still marked. Returns the events that were marked before.
     */
    public Set<String> markAllFirst(String consumer, Collection<String> eventIds, String type) {
        List<Document> records = new ArrayList<>(eventIds.size());
        List<String> ids = List.copyOf(eventIds);
        Instant now = Instant.now();
        for (String eventId : ids) {
            records.add(new Document("_id", key(consumer, eventId)).append("consumer", consumer)
                    .append("eventId", eventId).append("type", type).append("appliedAt", now));
        }
        Set<String> markedBefore = new HashSet<>();
        for (int position : InsertEach.documents(mongo, COLLECTION, records).block()) {
            markedBefore.add(ids.get(position));
        }
        return markedBefore;
    }

    private static String key(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }
}
