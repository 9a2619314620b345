package org.bipm.kcdb.publication.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The KCDB office's changes to the reference tables, as the submission service announced them
 * ({@code org.bipm.kcdb.reference-data.changed}): per entry its latest value, kept in the store so every instance and
 * restart sees them, and in memory for the public views (refreshed every {@link #FRESH}, and at once on the instance
 * that consumed the event).
 * <p>
 * Precedence, per public table and parent: a table the office imported from the KCDB
 * ({@code POST /api/kcdb/imports/reference-data/{table}}) is served as it came and these changes do not touch it
 * (the import is the KCDB's own answer; the office imports it again to refresh it); otherwise the seeded table is
 * served with these changes applied: a changed entry replaces the seeded one with the same id (else the same label,
 * else the same value), a new one is appended, a retired one is no longer listed.
 */
public class ReferenceChanges implements InitializingBean, DisposableBean {

    public static final String COLLECTION = "reference_data_changes";
    static final Duration FRESH = Duration.ofSeconds(10);

    /** One entry's latest value: its submission table, key, fields and whether it is retired. */
    public record Change(String table, String key, Map<String, Object> fields, boolean retired) {
        public Object field(String name) {
            return fields.get(name);
        }
    }

    /**
     * How a public list's entries are written and which of a change's fields fill them: the KCDB's
     * {@code {id, label, value}} lists, {@code {code, name}} for the domains, the RMOs' acronym and name as a label
     * and value. {@code identity} lists the entry fields, in order, by which a change finds the entry it replaces.
     */
    public record Shape(Map<String, String> fromChange, List<String> identity) {

        /** The KCDB's {@code {id, label, value}} lists. */
        public static final Shape LISTED = new Shape(ordered("id", "id", "label", "label", "value", "value"),
                List.of("id", "label", "value"));

        private static Map<String, String> ordered(String... pairs) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put(pairs[i], pairs[i + 1]);
            }
            return Collections.unmodifiableMap(map);
        }

        /** An entry field (in list order) and the change field it is taken from, as pairs. */
        public static Shape of(List<String> identity, String... entryAndChangeFields) {
            return new Shape(ordered(entryAndChangeFields), identity);
        }
    }

    private volatile Map<String, Change> latest = Map.of();
    private volatile PublicNames names = PublicNames.seed(ReferenceData.kcdb());
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ReactiveMongoTemplate mongo;
    private Disposable refresh;

    public ReferenceChanges(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The latest known changes (for views built without the store at hand, e.g. a published CMC's institute). */
    public Map<String, Change> latest() {
        return latest;
    }

    /** The names the public KCDB shows, the office's changes applied: one snapshot per set of changes. */
    public PublicNames names() {
        return names;
    }

    /**
     * Runs {@code listener} whenever the changes differ from the ones known before (a consumed event or another
     * instance's, seen at the next reload): the search index rewrites its documents and facets with the new names.
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void replace(Map<String, Change> next) {
        if (next.equals(latest)) {
            return;
        }
        latest = Collections.unmodifiableMap(next);
        names = PublicNames.of(ReferenceData.kcdb(), latest.values());
        listeners.forEach(Runnable::run);
    }

    /**
     * Applies an announced change: an upsert of the entry's value, so applying it twice changes nothing. The events
     * of one entry share its Kafka key and arrive in order, so the last one applied is the latest.
     */
    public Mono<Void> apply(ReferenceDataChanged changed) {
        String id = id(changed.table(), changed.key());
        Map<String, Object> fields = changed.fields() == null ? Map.of() : changed.fields();
        Update update = new Update().set("table", changed.table()).set("key", changed.key())
                .set("fields", new Document(fields)).set("retired", changed.retired())
                .set("eventId", changed.eventId().toString()).set("occurredAt", Date.from(changed.occurredAt()));
        return mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, COLLECTION).doOnSuccess(done -> {
            Map<String, Change> next = new HashMap<>(latest);
            next.put(id, new Change(changed.table(), changed.key(), new LinkedHashMap<>(fields), changed.retired()));
            replace(next);
        }).then();
    }

    /** Reloads the changes from the store. */
    public Mono<Map<String, Change>> reload() {
        return mongo.findAll(Document.class, COLLECTION).collectMap(d -> d.getString("_id"), d -> {
            Document fields = d.get("fields", Document.class);
            return new Change(d.getString("table"), d.getString("key"),
                    fields == null ? Map.of() : new LinkedHashMap<>(fields), d.getBoolean("retired", false));
        }).map(loaded -> {
            replace(new HashMap<>(loaded));
            return latest;
        });
    }

    /** The changes of one submission table. */
    public List<Change> of(String table) {
        List<Change> found = new ArrayList<>();
        latest.values().stream().filter(c -> c.table().equals(table)).forEach(found::add);
        return found;
    }

    /**
     * A seeded list with the changes of its table applied (see the class comment); {@code underParent} keeps only
     * the changes listed under the list's parent.
     */
    public List<Map<String, Object>> applied(List<Map<String, Object>> seeded, String table,
                                                     java.util.function.Predicate<Change> underParent) {
        return applied(seeded, table, underParent, Shape.LISTED);
    }

    /** As {@link #applied(List, String, java.util.function.Predicate)}, for a list of another shape. */
    public List<Map<String, Object>> applied(List<Map<String, Object>> seeded, String table,
                                             java.util.function.Predicate<Change> underParent, Shape shape) {
        List<Map<String, Object>> entries = new ArrayList<>();
        seeded.forEach(e -> entries.add(new LinkedHashMap<>(e)));
        for (Change change : of(table)) {
            if (!underParent.test(change)) {
                continue;
            }
            int at = indexOf(entries, change, shape);
            if (change.retired()) {
                if (at >= 0) {
                    entries.remove(at);
                }
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            shape.fromChange().forEach((entryField, changeField) -> {
                Object value = change.field(changeField);
                // a change that does not say (an id the KCDB gave, a label) keeps the seeded entry's
                entry.put(entryField, value != null ? value : at >= 0 ? entries.get(at).get(entryField) : null);
            });
            if (at >= 0) {
                entries.set(at, entry);
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static int indexOf(List<Map<String, Object>> entries, Change change, Shape shape) {
        for (String field : shape.identity()) {
            Object wanted = change.field(shape.fromChange().get(field));
            if (wanted == null) {
                continue;
            }
            for (int i = 0; i < entries.size(); i++) {
                Object have = entries.get(i).get(field);
                if (have != null && normal(have).equals(normal(wanted))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String normal(Object value) {
        return value instanceof Number n ? String.valueOf(n.longValue())
                : Objects.toString(value).strip().toLowerCase(Locale.ROOT);
    }

    static String id(String table, String key) {
        return table + ":" + key.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void afterPropertiesSet() {
        refresh = Flux.interval(Duration.ZERO, FRESH).concatMap(tick -> reload().onErrorResume(e -> Mono.empty()))
                .subscribe();
    }

    @Override
    public void destroy() {
        if (refresh != null) {
            refresh.dispose();
        }
    }
}
