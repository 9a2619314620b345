package org.bipm.kcdb.support.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.support.domain.ConcurrentChange;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.outbox.OutboxEvent;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores framework-free aggregates (plain records) in one collection. Every write is a single-document
 * operation that changes the state, bumps the version only if it is still the expected one, and appends the
 * events to the document's outbox: no transaction needed, no save-then-send, no lost update.
 */
public class AggregateStore<T> {

    /** The one retry policy of every command: how often a command decides again after a concurrent write. */
    public static final int RETRIES = 5;
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

    static final String VERSION = "_version";
    /**
     * When the document last changed, written by whichever instance changed it (a BSON date, so real MongoDB can
     * index it). Readers that keep a copy (a search index) catch up with {@link #stampsChangedSince}; they
     * should overlap their windows by more than the instances' clock skew.
     */
    public static final String CHANGED_AT = "_changedAt";
    private static final String OUTBOX = "outbox";

    private final ReactiveMongoTemplate mongo;
    private final JsonMapper json;
    private final Class<T> type;
    private final String collection;
    private final Set<String> fields;
    private final String name;
    private final java.util.function.Consumer<String> nudge;
    /** The aggregate's mapping when a change writes only the properties it changed; null: the whole state. */
    private final MongoPersistentEntity<?> changesOnly;
    private final ChangesWritten written;

    public AggregateStore(ReactiveMongoTemplate mongo, JsonMapper json, Class<T> type, String collection) {
        this(mongo, json, type, collection, "resource", () -> { });
    }

    /**
     * @param name  the aggregate as users call it ({@code "review case"}), for the refusal after too many conflicts
     * @param nudge what to do once events are written (the outbox relay's {@code nudge}: send them now, not at the
     *              relay's next round)
     */
    public AggregateStore(ReactiveMongoTemplate mongo, JsonMapper json, Class<T> type, String collection, String name,
                          Runnable nudge) {
        this(mongo, json, type, collection, name, (java.util.function.Consumer<String>) id -> nudge.run());
    }

    /**
     * @param name  the aggregate as users call it ({@code "review case"}), for the refusal after too many conflicts
     * @param nudge what to do once events are written, given the aggregate's id (the outbox relay's
     *              {@code nudge(collection, id)}: send them now, reading only that aggregate)
     */
    public AggregateStore(ReactiveMongoTemplate mongo, JsonMapper json, Class<T> type, String collection, String name,
                          java.util.function.Consumer<String> nudge) {
        this(mongo, json, type, collection, name, nudge, false);
    }

    /**
     * @param changesOnly a command's write sets only the top-level properties it changed (compared by
     *                    {@code equals} with the aggregate as loaded), not the whole state: see
     *                    {@link StoredAggregate#changesOnly()}
     */
    public AggregateStore(ReactiveMongoTemplate mongo, JsonMapper json, Class<T> type, String collection, String name,
                          java.util.function.Consumer<String> nudge, boolean changesOnly) {
        this(mongo, json, type, collection, name, nudge, changesOnly, ChangesWritten.INSIDE);
    }

    /** @param written with {@code changesOnly}, how finely a change is written (for benchmarks: the earlier ways) */
    public AggregateStore(ReactiveMongoTemplate mongo, JsonMapper json, Class<T> type, String collection, String name,
                          java.util.function.Consumer<String> nudge, boolean changesOnly, ChangesWritten written) {
        this.written = written;
        this.name = name;
        this.nudge = nudge;
        this.mongo = mongo;
        this.json = json;
        this.type = type;
        this.collection = collection;
        Set<String> names = new java.util.HashSet<>();
        mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type)
                .doWithProperties((PropertyHandler<MongoPersistentProperty>) p -> names.add(p.getFieldName()));
        this.fields = Set.copyOf(names);
        this.changesOnly = changesOnly
                ? mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type) : null;
    }

    /** How finely a changes-only store writes a change; each finer way includes the coarser ones. */
    public enum ChangesWritten {
        /** Each top-level property that changed set whole (issue 15's second pass). */
        PROPERTIES,
        /** A list that only grew at its end has its new elements pushed (the third pass). */
        APPENDS,
        /** A record changed in place, and a list's element changed in place, gone into (the fourth pass). */
        INSIDE
    }

    public String collection() {
        return collection;
    }

    public Mono<Versioned<T>> find(String id) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, collection).map(this::read);
    }

    /** The aggregates with these ids (those that exist), in one query by {@code _id} (an index hit on every store). */
    public Flux<Versioned<T>> findAll(java.util.Collection<String> ids) {
        return find(byIds(ids));
    }

    private static Query byIds(java.util.Collection<String> ids) {
        return Query.query(Criteria.where("_id").in(ids));
    }

    public Flux<Versioned<T>> find(Query query) {
        return mongo.find(query, Document.class, collection).map(this::read);
    }

    /** One aggregate as a reader that keeps a copy sees it. */
    public record Change<T>(String id, T aggregate, long version, Instant changedAt) {
    }

    /**
     * At most {@code limit} of the ids and versions of the aggregates written at or after {@code since} (by any
     * instance; of every aggregate when null), in the order of their ids, those after the id {@code after} (from the
     * first when null). A reader that keeps a copy pages with the last id of each page and then reads in full
     * ({@link #changes}) only those it does not hold at that version:
     * <ul>
     * <li>no answer holds more than a page: a store builds a query's whole answer before sending it (the local store
     * in its heap), and one answer with everything changed ran it out of memory during a migration of 100 000
     * records (issue 15);</li>
     * <li>a document is much more than its id and version, and the reader's looks overlap (by more than the clock
     * skew): read whole at every look, each record written during a migration was sent, decoded and converted again
     * at every look within the overlap.</li>
     * </ul>
     */
    public Flux<Stamp> stampsChangedSince(Instant since, String after, int limit) {
        Query query = new Query().with(Sort.by("_id")).limit(limit);
        if (since != null) {
            query.addCriteria(Criteria.where(CHANGED_AT).gte(Date.from(since)));
        }
        if (after != null) {
            query.addCriteria(Criteria.where("_id").gt(after));
        }
        query.fields().include("_id").include(VERSION);
        return mongo.find(query, Document.class, collection).map(document -> {
            Number version = document.get(VERSION, Number.class);
            return new Stamp(String.valueOf(document.get("_id")), version == null ? 0 : version.longValue());
        });
    }

    /** An aggregate's id and version, as {@link #stampsChangedSince} reads them. */
    public record Stamp(String id, long version) {
    }

    /**
     * The aggregates of these ids (those that exist), each with its id, version and time of change (null for
     * documents written before that was recorded): one query by id, as {@link #findAll}.
     */
    public Flux<Change<T>> changes(java.util.Collection<String> ids) {
        return mongo.find(byIds(ids), Document.class, collection).map(this::change);
    }

    private Change<T> change(Document document) {
        Versioned<T> versioned = read(document);
        Date changedAt = document.get(CHANGED_AT, Date.class);
        return new Change<>(String.valueOf(document.get("_id")), versioned.aggregate(), versioned.version(),
                changedAt == null ? null : changedAt.toInstant());
    }

    public Mono<Long> count(Query query) {
        return mongo.count(query, collection);
    }

    /** Inserts a new aggregate at version 1; fails with a duplicate-key error if the id exists. */
    public Mono<Versioned<T>> insert(String id, T aggregate, List<? extends IntegrationEvent> events) {
        Document document = firstVersion(id, aggregate, events, new Date());
        return mongo.insert(document, collection).thenReturn(new Versioned<>(aggregate, 1L, id))
                .doOnSuccess(stored -> nudgeIf(id, events));
    }

    /** Inserts what a command created, with its events, at version 1 (see {@link #insert(String, Object, List)}). */
    public Mono<Versioned<T>> insert(String id, Outcome<T> created) {
        return insert(id, created.aggregate(), created.events());
    }

    /**
     * The one way a command changes a stored aggregate: loads it ({@code load}, which may refuse, e.g. with
     * {@code NotFound}), lets the domain {@code decide} (which may refuse too), and writes the new state with its
     * events in one conditional write, unless nothing changed. When someone else wrote the aggregate in between, it
     * loads and decides again on the newer state, with {@link #RETRIES} retries backing off from
     * {@link #FIRST_BACKOFF}; after that the command is refused with {@link ConcurrentChange} (409). Once events are
     * written the relay is nudged to send them at once.
     *
     * @return the aggregate as stored afterwards (as loaded, when nothing changed)
     */
    public Mono<Versioned<T>> change(Mono<Versioned<T>> load, Function<? super T, Outcome<T>> decide) {
        return apply(load, decide).map(Applied::stored);
    }

    /** {@link #change}, telling also whether anything was written (a sweep counts what it moved). */
    public Mono<Applied<T>> apply(Mono<Versioned<T>> load, Function<? super T, Outcome<T>> decide) {
        return Mono.defer(() -> load.flatMap(current -> {
                    Outcome<T> outcome = decide.apply(current.aggregate());
                    if (!outcome.changed(current.aggregate())) {
                        return Mono.just(new Applied<>(current, false));
                    }
                    return update(idOf(current), current.version(), current.aggregate(), outcome.aggregate(),
                            outcome.events())
                            .switchIfEmpty(Mono.error(WrittenMeanwhile::new))
                            .map(stored -> new Applied<>(stored, true));
                }))
                .retryWhen(Retry.backoff(RETRIES, FIRST_BACKOFF).filter(WrittenMeanwhile.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new ConcurrentChange(name)));
    }

    /** {@link #change} for an aggregate known by its id; empty when there is none. */
    public Mono<Versioned<T>> change(String id, Function<? super T, Outcome<T>> decide) {
        return change(find(id), decide);
    }

    /** The aggregate as stored after a command, and whether the command wrote anything. */
    public record Applied<T>(Versioned<T> stored, boolean written) {
    }

    /** Someone else wrote the aggregate between our read and our write: the signal to decide again. */
    private static final class WrittenMeanwhile extends RuntimeException {
        WrittenMeanwhile() {
            super(null, null, false, false);
        }
    }

    private void nudgeIf(String id, List<? extends IntegrationEvent> events) {
        if (!events.isEmpty()) {
            nudge.accept(id);
        }
    }

    /** The id the aggregate is stored under, from the document it was read from. */
    private String idOf(Versioned<T> current) {
        if (current.id() == null) {
            throw new IllegalArgumentException("change() needs the aggregate as this store read it (with its id)");
        }
        return current.id();
    }

    /**
     * Inserts new aggregates (without events) at version 1 in one round trip, for bulk imports; fails with a
     * duplicate-key error if an id exists. The map's keys are the ids.
     */
    public Mono<Integer> insertAll(java.util.Map<String, T> aggregates) {
        List<Document> documents = new ArrayList<>();
        Date now = new Date();
        aggregates.forEach((id, aggregate) -> documents.add(firstVersion(id, aggregate, List.of(), now)));
        return mongo.insert(documents, collection).count().map(Long::intValue);
    }

    /** A new aggregate for {@link #insertEach}: its id, its state and the events of its creation. */
    public record Created<T>(String id, T aggregate, List<? extends IntegrationEvent> events) {
    }

    /**
     * Inserts new aggregates, each at version 1 with its events in its outbox, in one round trip for the lot (a
     * migration's batch), each on its own: an aggregate whose id (or another unique field) is taken already is left
     * out and the others are still inserted (unordered). The relay is nudged for every one inserted.
     *
     * @return the positions in {@code created} of the aggregates not inserted because a key was taken; the caller
     *         reads those again one by one (already there unchanged, changed, or a clash with another aggregate)
     */
    public Mono<Set<Integer>> insertEach(List<Created<T>> created) {
        if (created.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<Document> documents = new ArrayList<>(created.size());
        Date now = new Date();
        for (Created<T> each : created) {
            documents.add(firstVersion(each.id(), each.aggregate(), each.events(), now));
        }
        return InsertEach.documents(mongo, collection, documents)
                .doOnNext(taken -> {
                    for (int i = 0; i < created.size(); i++) {
                        if (!taken.contains(i)) {
                            nudgeIf(created.get(i).id(), created.get(i).events());
                        }
                    }
                });
    }

    /**
     * Replaces the aggregate's state if it is still at {@code expectedVersion}; empty when someone else changed
     * it first (or it is gone). Events already waiting in the outbox stay there; the new ones are sent at once.
     */
    public Mono<Versioned<T>> update(String id, long expectedVersion, T aggregate,
                                     List<? extends IntegrationEvent> events) {
        return update(id, expectedVersion, null, aggregate, events);
    }

    /** {@link #update(String, long, Object, List)} from the state {@code before} (null: unknown), as loaded. */
    private Mono<Versioned<T>> update(String id, long expectedVersion, T before, T aggregate,
                                      List<? extends IntegrationEvent> events) {
        Update update = changesOnly != null && before != null ? changes(before, aggregate) : state(aggregate);
        update.set(VERSION, expectedVersion + 1);
        update.set(CHANGED_AT, new Date());
        if (!events.isEmpty()) {
            update.push(OUTBOX).each(outbox(events).toArray());
            update.set(OutboxEvent.PENDING, true);
        }
        Query current = Query.query(Criteria.where("_id").is(id).and(VERSION).is(expectedVersion));
        return mongo.updateFirst(current, update, collection)
                .filter(result -> result.getModifiedCount() == 1 || result.getMatchedCount() == 1)
                .map(result -> new Versioned<>(aggregate, expectedVersion + 1, id))
                .doOnSuccess(stored -> {
                    if (stored != null) {
                        nudgeIf(id, events);
                    }
                });
    }

    /** The whole state: every property set, those without a value removed. */
    private Update state(T aggregate) {
        Document state = write(aggregate);
        Update update = new Update();
        state.forEach((key, value) -> {
            if (!"_id".equals(key) && !"_class".equals(key)) {
                update.set(key, value);
            }
        });
        fields.stream().filter(f -> !"_id".equals(f) && !state.containsKey(f)).forEach(update::unset);
        return update;
    }

    /**
     * Only the properties the command changed, each converted as the whole state's write converts it; the others
     * are in the stored document already, as they were loaded (the version condition guarantees it). A command
     * changes a few properties of a large aggregate (a review case's round and history, not the CMC's content), and
     * converting the whole state for every change was a quarter of the review's CPU (issue 15, bench/README.md).
     */
    private Update changes(T before, T after) {
        Update update = new Update();
        changes("", changesOnly, before, after, update);
        return update;
    }

    /**
     * The properties of {@code entity} that differ between {@code before} and {@code after}, written under
     * {@code path}: see {@link ChangesWritten}. An intent added to a case's round set the whole round, all its intents
     * and decisions converted again, at every change (issue 15, bench/README.md).
     */
    private void changes(String path, MongoPersistentEntity<?> entity, Object before, Object after, Update update) {
        PersistentPropertyAccessor<?> was = entity.getPropertyAccessor(before);
        PersistentPropertyAccessor<?> now = entity.getPropertyAccessor(after);
        MongoConverter converter = mongo.getConverter();
        for (MongoPersistentProperty property : entity) {
            if (property.isIdProperty() && path.isEmpty() || !property.isWritable()) {
                continue;
            }
            Object value = now.getProperty(property);
            Object old = was.getProperty(property);
            if (java.util.Objects.equals(value, old)) {
                continue;
            }
            String field = path + property.getFieldName();
            if (value == null) {
                update.unset(field);
                continue;
            }
            TypeInformation<?> declared = property.getTypeInformation();
            if (written == ChangesWritten.PROPERTIES || !inPlace(field, old, value, declared, update)) {
                update.set(field, stored(converter, value, declared));
            }
        }
    }

    /**
     * Writes what changed inside {@code old} to make it {@code value}, if that can be told without setting it whole:
     * a record of its declared type gone into; a list whose new elements are at its end pushed, or whose elements
     * changed in place (records of the declared element type) gone into. False for any other change (the caller
     * sets the value whole), and for a list loaded empty (the stored document may hold no array or a null there,
     * which a push refuses).
     */
    private boolean inPlace(String field, Object old, Object value, TypeInformation<?> declared, Update update) {
        MongoPersistentEntity<?> nested = written == ChangesWritten.INSIDE ? sameRecord(old, value, declared) : null;
        if (nested != null) {
            changes(field + ".", nested, old, value, update);
            return true;
        }
        TypeInformation<?> element = declared.getComponentType();
        if (!(old instanceof List<?> was) || !(value instanceof List<?> now) || element == null || was.isEmpty()
                || now.size() < was.size()) {
            return false;
        }
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < was.size(); i++) {
            if (!java.util.Objects.equals(was.get(i), now.get(i))) {
                if (written != ChangesWritten.INSIDE || sameRecord(was.get(i), now.get(i), element) == null) {
                    return false;
                }
                changed.add(i);
            }
        }
        if (!changed.isEmpty() && now.size() > was.size()) {
            return false; // a push and a change inside the same array conflict in one update
        }
        for (int i : changed) {
            changes(field + "." + i + ".", sameRecord(was.get(i), now.get(i), element), was.get(i), now.get(i), update);
        }
        if (now.size() > was.size()) {
            MongoConverter converter = mongo.getConverter();
            List<Object> pushed = new ArrayList<>(now.size() - was.size());
            for (Object each : now.subList(was.size(), now.size())) {
                pushed.add(each == null ? null : stored(converter, each, element));
            }
            update.push(field).each(pushed.toArray());
        }
        return true;
    }

    /** The mapping of a record that is there before and after and of its declared type; null for anything else. */
    private MongoPersistentEntity<?> sameRecord(Object old, Object value, TypeInformation<?> declared) {
        if (old == null || value == null || old.getClass() != value.getClass() || value.getClass() != declared.getType()
                || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>
                || mongo.getConverter().getCustomConversions().isSimpleType(value.getClass())) {
            return null;
        }
        return mongo.getConverter().getMappingContext().getPersistentEntity(declared);
    }

    /**
     * A property's value as the whole state's write stores it: a collection element by element as of its declared
     * element type (the list as a whole would give each element its class name, which the whole write leaves out).
     */
    private static Object stored(MongoConverter converter, Object value, TypeInformation<?> declared) {
        if (value instanceof java.util.Collection<?> collection && declared.getComponentType() != null) {
            TypeInformation<?> element = declared.getComponentType();
            List<Object> stored = new ArrayList<>(collection.size());
            for (Object each : collection) {
                stored.add(each == null ? null : stored(converter, each, element));
            }
            return stored;
        }
        return converter.convertToMongoType(value, declared);
    }

    public Mono<Boolean> delete(String id, long expectedVersion) {
        return mongo.remove(Query.query(Criteria.where("_id").is(id).and(VERSION).is(expectedVersion)), collection)
                .map(result -> result.getDeletedCount() == 1);
    }

    public static Query sortedBy(Query query, Sort sort) {
        return query.with(sort);
    }

    /** A new aggregate's document: version 1, its creation's events in its outbox. */
    private Document firstVersion(String id, T aggregate, List<? extends IntegrationEvent> events, Date at) {
        Document document = write(aggregate);
        document.put("_id", id);
        document.put(VERSION, 1L);
        document.put(CHANGED_AT, at);
        document.put(OUTBOX, outbox(events));
        if (!events.isEmpty()) {
            document.put(OutboxEvent.PENDING, true);
        }
        return document;
    }

    private Document write(T aggregate) {
        MongoConverter converter = mongo.getConverter();
        Document document = new Document();
        converter.write(aggregate, document);
        document.remove("_class");
        return document;
    }

    private Versioned<T> read(Document document) {
        Number version = document.get(VERSION, Number.class);
        T aggregate = mongo.getConverter().read(type, document);
        return new Versioned<>(aggregate, version == null ? 0 : version.longValue(),
                String.valueOf(document.get("_id")));
    }

    private List<Document> outbox(List<? extends IntegrationEvent> events) {
        List<Document> documents = new ArrayList<>();
        for (IntegrationEvent event : events) {
            documents.add(OutboxEvent.of(event, json).toDocument());
        }
        return documents;
    }
}
