package org.bipm.kcdb.submission.persistence;

import java.util.Date;
import java.util.LinkedHashMap;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bipm.kcdb.submission.domain.reference.ReferenceEntry;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;
import org.bipm.kcdb.support.outbox.OutboxEvent;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** What the KCDB office added, replaced or retired in the reference data: one document per entry, with its outbox. */
public class ReferenceChanges {

    public static final String COLLECTION = "referenceChanges";

    private final ReactiveMongoTemplate mongo;
    private final JsonMapper json;

    public ReferenceChanges(ReactiveMongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /** Every entry the office changed, in the store's order. */
    public Flux<ReferenceEntry> all() {
        return mongo.findAll(Document.class, COLLECTION).map(ReferenceChanges::entryOf);
    }

    /**
     * One single-document write: the entry's new state and, in the same document's outbox, the event that announces
     * it, so the change is never saved without its event.
     */
    public Mono<ReferenceEntry> save(ReferenceEntry entry, ReferenceDataChanged changed) {
        OutboxEvent event = OutboxEvent.of(changed, json);
        Update update = new Update().set("table", entry.table().path()).set("key", entry.key())
                .set("fields", new Document(entry.fields())).set("retired", entry.retired())
                .set("changedBy", entry.changedBy()).set("changedAt", Date.from(entry.changedAt()))
                .push("outbox", event.toDocument()).set(OutboxEvent.PENDING, true);
        Query id = Query.query(Criteria.where("_id").is(entry.table().path() + ":" + entry.key().toLowerCase()));
        return mongo.upsert(id, update, COLLECTION).thenReturn(entry);
    }

    private static ReferenceEntry entryOf(Document document) {
        ReferenceTable table = ReferenceTable.ofPath(document.getString("table")).orElseThrow();
        Date at = document.getDate("changedAt");
        Document fields = document.get("fields", Document.class);
        return new ReferenceEntry(table, document.getString("key"), new LinkedHashMap<>(fields),
                document.getBoolean("retired", false), document.getString("changedBy"),
                at == null ? null : at.toInstant());
    }
}
