package org.bipm.kcdb.submission.application;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue;
import org.bipm.kcdb.submission.domain.reference.ReferenceEntry;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;
import org.bipm.kcdb.support.outbox.OutboxEvent;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KCDB reference data: the seed built from the public KCDB sources, plus what the KCDB office added, replaced or
 * retired (kept in the store, so every instance and restart sees it). Each change is announced on
 * {@code kcdb.cmc.submissions} ({@code org.bipm.kcdb.reference-data.changed}) through the change's own outbox, for
 * the public tables. CMCs store the labels they were written with, so a retirement never changes an existing CMC; it
 * only stops new ones from using the entry.
 */
public class ReferenceData {

    public static final String CHANGES = "referenceChanges";
    static final String SEED = "/reference-data/kcdb-seed.json";
    /** Another instance's change is seen within this time. */
    static final Duration FRESH = Duration.ofSeconds(10);
    static final int MAX_FIELDS = 20;
    static final int MAX_TEXT = 500;

    private final List<ReferenceEntry> seed;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final JsonMapper json;
    private final ObjectProvider<OutboxRelay> relay;
    private volatile ReferenceCatalogue current;
    private volatile Instant loadedAt = Instant.EPOCH;

    public ReferenceData(JsonMapper json, ReactiveMongoTemplate mongo, Clock clock,
                         ObjectProvider<OutboxRelay> relay) {
        this.seed = readSeed(json);
        this.mongo = mongo;
        this.clock = clock;
        this.json = json;
        this.relay = relay;
        this.current = new ReferenceCatalogue(seed);
    }

    /** The catalogue, reloading the office's changes when the cached one is older than {@link #FRESH}. */
    public Mono<ReferenceCatalogue> catalogue() {
        if (Duration.between(loadedAt, clock.instant()).compareTo(FRESH) < 0) {
            return Mono.just(current);
        }
        return mongo.findAll(Document.class, CHANGES).map(ReferenceData::entryOf).collectList().map(changes -> {
            // a later entry with the same key replaces the seed's
            List<ReferenceEntry> all = new ArrayList<>(seed);
            all.addAll(changes);
            ReferenceCatalogue fresh = new ReferenceCatalogue(all);
            current = fresh;
            loadedAt = clock.instant();
            return fresh;
        });
    }

    public Mono<ReferenceEntry> add(Caller caller, ReferenceTable table, Map<String, Object> fields) {
        requireOffice(caller);
        checkFields(table, fields);
        String key = table.keyOf(fields);
        return catalogue().flatMap(catalogue -> {
            if (catalogue.entry(table, key).filter(e -> !e.retired()).isPresent()) {
                return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "reference-exists",
                        "The " + table.path() + " table already has '" + key + "'.", Map.of("key", key)));
            }
            return save(new ReferenceEntry(table, key, fields, false, caller.username(), clock.instant()));
        });
    }

    public Mono<ReferenceEntry> retire(Caller caller, ReferenceTable table, String key) {
        requireOffice(caller);
        return catalogue().flatMap(catalogue -> catalogue.entry(table, key == null ? "" : key)
                .map(entry -> save(entry.retire(caller.username(), clock.instant())))
                .orElseGet(() -> Mono.error(ApiProblem.notFound("Entry '" + key + "' of " + table.path()))));
    }

    /**
     * Replaces a current entry with a new value (an institute's new name or identifiers, a corrected label): the
     * fields identifying it stay, the others are the body's; 404 when the table has no such current entry.
     */
    public Mono<ReferenceEntry> replace(Caller caller, ReferenceTable table, Map<String, Object> fields) {
        requireOffice(caller);
        checkFields(table, fields);
        String key = table.keyOf(fields);
        return catalogue().flatMap(catalogue -> catalogue.entry(table, key).filter(e -> !e.retired())
                .map(existing -> save(new ReferenceEntry(table, existing.key(), fields, false, caller.username(),
                        clock.instant())))
                .orElseGet(() -> Mono.error(ApiProblem.notFound("Entry '" + key + "' of " + table.path()))));
    }

    /**
     * One single-document write: the entry's new state and, in the same document's outbox, the
     * {@link ReferenceDataChanged} event that announces it, so the change is never saved without its event.
     */
    private Mono<ReferenceEntry> save(ReferenceEntry entry) {
        ReferenceDataChanged changed = new ReferenceDataChanged(UUID.randomUUID(), entry.changedAt(),
                ReferenceDataChanged.SCHEMA_VERSION, entry.table().path(), entry.key(), entry.fields(),
                entry.retired(), entry.changedBy());
        OutboxEvent event = OutboxEvent.of(changed, json);
        Update update = new Update().set("table", entry.table().path()).set("key", entry.key())
                .set("fields", new Document(entry.fields())).set("retired", entry.retired())
                .set("changedBy", entry.changedBy()).set("changedAt", Date.from(entry.changedAt()))
                .push("outbox", new Document("eventId", event.eventId()).append("type", event.type())
                        .append("topic", event.topic()).append("key", event.key())
                        .append("occurredAt", event.occurredAt().toString()).append("payload", event.payload()));
        Query id = Query.query(Criteria.where("_id").is(entry.table().path() + ":" + entry.key().toLowerCase()));
        return mongo.upsert(id, update, CHANGES).map(saved -> {
            current = current.with(entry);
            relay.ifAvailable(OutboxRelay::nudge);
            return entry;
        });
    }

    private static void checkFields(ReferenceTable table, Map<String, Object> fields) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (String field : table.required()) {
            Object value = fields.get(field);
            if (value == null || value.toString().isBlank()) {
                errors.add(new ApiProblem.FieldError(field, "is required"));
            }
        }
        if (fields.size() > MAX_FIELDS) {
            errors.add(new ApiProblem.FieldError("(body)", "at most " + MAX_FIELDS + " fields"));
        }
        fields.forEach((name, value) -> {
            if (!name.matches("[A-Za-z][A-Za-z0-9]{0,49}")) {
                errors.add(new ApiProblem.FieldError(name, "is not a field name"));
            } else if (value != null && !(value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                errors.add(new ApiProblem.FieldError(name, "must be text, a number or true/false"));
            } else if (value != null && value.toString().length() > MAX_TEXT) {
                errors.add(new ApiProblem.FieldError(name, "must be at most " + MAX_TEXT + " characters"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(HttpStatus.UNPROCESSABLE_CONTENT, "The entry is not valid.", errors);
        }
    }

    private static void requireOffice(Caller caller) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Only the KCDB office changes reference data.");
        }
    }

    private static ReferenceEntry entryOf(Document document) {
        ReferenceTable table = ReferenceTable.ofPath(document.getString("table")).orElseThrow();
        Date at = document.getDate("changedAt");
        Document fields = document.get("fields", Document.class);
        return new ReferenceEntry(table, document.getString("key"), new LinkedHashMap<>(fields),
                document.getBoolean("retired", false), document.getString("changedBy"),
                at == null ? null : at.toInstant());
    }

    /** The seed's entries, in file order. */
    public static List<ReferenceEntry> readSeed(JsonMapper json) {
        try (InputStream in = ReferenceData.class.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException("The reference-data seed " + SEED + " is missing");
            }
            Map<String, Object> tables = json.readValue(in, new TypeReference<Map<String, Object>>() { });
            List<ReferenceEntry> entries = new ArrayList<>();
            for (ReferenceTable table : ReferenceTable.values()) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) tables.get(table.seedName());
                rows.forEach(row -> entries.add(ReferenceEntry.seeded(table, row)));
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("The reference-data seed cannot be read", e);
        }
    }
}
