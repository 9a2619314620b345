package org.bipm.kcdb.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend of mongo-java-server, except that a query naming one {@code _id} among other conditions reads that
 * one document through the id index, as MongoDB does. mongo-java-server uses an index only when the query has
 * exactly the index's fields, so the platform's conditional writes ({@code {_id, _version}}) scanned the whole
 * collection: every command cost more the larger the store (issue 15, migration at speed). The same for a list of
 * ids ({@code $in}) among other conditions, and for a count or an aggregation whose first {@code $match} names ids
 * (issue 15's second pass: each read every document); candidates come in the scan's order, so the answers are the
 * scan's ({@code IdListsTest}), and {@link ScanCensus} tells which queries still scan. Data files have the plain
 * backend's map names; the documents are written as BSON ({@link BsonDocumentType}) and the unique indexes' keys
 * compared without serialising them ({@link IndexKeyType}), and a file written before either is read.
 * <p>
 * And a declared non-unique index (mongo-java-server accepts and lists them but keeps none) is kept in memory, built
 * when the index is created or the store opens, and serves a query or a count ({@code countDocuments}, an
 * aggregation that begins with {@code $match}) with an equality on the index's leading field: only the documents with
 * that value are read and matched against the whole query, in the collection's own order, so the answer is the
 * scan's (issue 13: the writer's CMC list, {@code {institute, createdAt}}, read all 30 000 CMCs twice per page).
 * With the system property {@value #SECONDARY_INDEXES} set to {@code false} the store scans as before (for
 * benchmarks that compare the two).
 * <p>
 * And a stored document is never changed once stored: an update works on a deep copy, which it then stores
 * (issue 16). mongo-java-server changes the stored document in place (field by field, fields removed and added)
 * while the answers of queries hold that same object and are encoded after the collection's lock is released: an
 * answer encoded during an update held parts of two versions of a document, or failed with a
 * {@code ConcurrentModificationException}, which reset the connection and failed every operation in flight on it
 * (the fault run's 80 bulk items answered 500). MVStore keeps the stored objects themselves in its pages, which it
 * also serialises in the background. Copying on the update rather than on every answer: updates are the fewer, and
 * one more copy beside the two the library's update makes already. With {@value #COPY_ON_UPDATE} set to
 * {@code false} the store updates in place as before (for the benchmark that compares the two).
 */
final class IdIndexedH2Backend extends H2Backend {

    static final String SECONDARY_INDEXES = "kcdb.store.secondaryIndexes";
    static final String COPY_ON_UPDATE = "kcdb.store.copyOnUpdate";
    static final String ID_LISTS = "kcdb.store.idLists";

    /** Every query matched against every document, in the collection's order: the answers the tests compare to. */
    private final boolean scanOnly;

    IdIndexedH2Backend(String file) {
        this(file, false);
    }

    /** With {@code scanOnly}, a store that reads every document for every query (for tests: the reference). */
    IdIndexedH2Backend(String file, boolean scanOnly) {
        super(file);
        this.scanOnly = scanOnly;
    }

    /**
     * With a page cache of {@code cacheMegabytes} (MVStore's default is 16 MB): a query the store answers by scanning
     * reads its documents from cached pages rather than reading and deserialising them from the file again.
     */
    IdIndexedH2Backend(String file, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open());
        this.scanOnly = false;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new Database(name, getMvStore(), getCursorRegistry());
    }

    /** An inner class: the store is the backend's, reachable while H2Database's constructor opens collections. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /**
         * The library's unique index (every collection's {@code _id} index), its map opened first with the key type
         * that orders keys without serialising them ({@link IndexKeyType}): the library's own opening then finds it
         * open. The map's name is the library's ({@code H2Database}).
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            if (IndexKeyType.enabled()) {
                getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                        new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            }
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        /** Called for each declared non-unique index, at its creation and when the store opens (then rebuilt). */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            // read here, not in a field: H2Database's constructor opens the indexes before fields are set
            return !"false".equals(System.getProperty(SECONDARY_INDEXES)) ? new EqualityIndex(indexName, keys, sparse)
                    : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }

        /**
         * An aggregation reads the whole collection before its first stage; when that stage is a {@code $match} an
         * index serves, the collection hands the aggregation only that index's candidates (the stage still matches).
         */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String name
                    && resolveCollection(name, false) instanceof IdIndexedCollection collection
                    && query.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
                    && pipeline.get(0) instanceof Document first && first.size() == 1
                    && first.get("$match") instanceof Document match
                    && !match.containsKey("query") && !match.containsKey("$query")) { // read as wrappers by handleQuery
                collection.firstMatch.set(match);
                try {
                    return super.handleCommand(channel, command, query, resolver, oplog);
                } finally {
                    collection.firstMatch.remove();
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(name);
            // documents written as BSON (BsonDocumentType): the map's name and keys as the library's
            BsonDocumentType documents = BsonDocumentType.enabled() ? new BsonDocumentType() : null;
            MVMap<Object, Document> data = documents != null
                    ? store.openMap("databases." + namespace,
                            new MVMap.Builder<Object, Document>().valueType(documents))
                    : store.openMap("databases." + namespace);
            return new IdIndexedCollection(this, name, options, data, documents, store.openMap("meta." + namespace),
                    cursorRegistry, scanOnly);
        }
    }

    static final class IdIndexedCollection extends H2Collection {

        /** Numbers below this size are exact as doubles: the id index's key of one is the matcher's equality. */
        private static final double EXACT = 0x1p53;

        private final MVMap<Object, Document> data;
        /** How the map writes its documents; null when they are written with Java serialisation only. */
        private final BsonDocumentType documents;
        /** The {@code $match} that begins the aggregation this thread is running on this collection, if any. */
        private final ThreadLocal<Document> firstMatch = new ThreadLocal<>();
        private final boolean copyOnUpdate = !"false".equals(System.getProperty(COPY_ON_UPDATE));
        private final boolean idLists = !"false".equals(System.getProperty(ID_LISTS));
        private final boolean scanOnly;
        /** Documents matched against a query (MongoDB's "documents examined"), a count for tests and benchmarks. */
        private final LongAdder examined = new LongAdder();
        /** Whether an update runs: guarded by this collection's monitor, which every update and query holds. */
        private boolean updating;

        IdIndexedCollection(MongoDatabase database, String name, CollectionOptions options,
                            MVMap<Object, Document> data, BsonDocumentType documents, MVMap<String, Object> meta,
                            CursorRegistry cursors, boolean scanOnly) {
            super(database, name, options, data, meta, cursors);
            this.data = data;
            this.documents = documents;
            this.scanOnly = scanOnly;
        }

        /** H2Collection's two ways into the map: an insert, and an update's new version. */
        @Override
        protected Object addDocumentInternal(Document document) {
            if (documents != null) {
                documents.stored(document);
            }
            return super.addDocumentInternal(document);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            if (documents != null) {
                documents.stored(newDocument);
            }
            super.handleUpdate(position, oldDocument, newDocument);
        }

        /** How many documents queries, counts, updates and deletes on this collection have matched so far. */
        long examined() {
            return examined.sum();
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            examined.increment();
            return super.documentMatchesQuery(document, query);
        }

        /**
         * The library's update reads the documents to change through {@link #queryDocuments}, changes each in place
         * and hands it to {@code handleUpdate}, which puts it into the map: given copies, it stores the copies and
         * leaves the stored documents, and the answers that hold them, as they were.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            updating = copyOnUpdate;
            try {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            } finally {
                updating = false;
            }
        }

        /** As {@link #updateDocuments}: the document found is changed (or removed) as a copy. */
        @Override
        public synchronized Document findAndModify(Document query) {
            updating = copyOnUpdate;
            try {
                return super.findAndModify(query);
            } finally {
                updating = false;
            }
        }

        /** What an aggregation reads before its stages: the candidates of its first {@code $match}, else all. */
        @Override
        public Stream<Document> queryAllAsStream() {
            Document match = firstMatch.get();
            firstMatch.remove(); // once: a stage that reads this collection again reads all of it
            if (match != null && (idLists ? candidates(match, null) : indexedCandidates(match)) != null) {
                return handleQueryAsStream(match);
            }
            ScanCensus.scanned(getCollectionName(), new Document("$aggregate", match), count());
            return super.queryAllAsStream();
        }

        /** The library's scan: every document, in the collection's order (counted by the census, when it runs). */
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            ScanCensus.scanned(getCollectionName(), query, count());
            return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            QueryResult found = find(query, orderBy, skip, limit, batchSize, fieldSelector);
            if (!updating) {
                return found;
            }
            // copied as the update reaches them (a single update stops at the first); an update asks for no batches
            Iterable<Document> copies = () -> StreamSupport.stream(found.spliterator(), false)
                    .map(Document::cloneDeeply).iterator();
            return new QueryResult(copies, found.getCursorId());
        }

        private QueryResult find(Document query, Document orderBy, int skip, int limit, int batchSize,
                                 Document fieldSelector) {
            if (scanOnly) {
                return matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            List<Object> candidates = candidates(query, orderBy);
            if (candidates != null) {
                return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
            }
            List<Document> firstById = firstById(query, orderBy, skip, limit);
            if (firstById != null) {
                // the documents as read (not read again by position): matched again, the skip, limit and projection
                return matchDocumentsFromStream(firstById.stream(), query, orderBy, skip, limit, batchSize,
                        fieldSelector);
            }
            if (idLists && query.containsKey("_id")) {
                // ids the index cannot look up exactly: scanned (the library's index refused an $in with a pattern)
                return matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector); // another unique index
        }

        /**
         * The positions of the only documents that can match {@code query}, in the order the scan reads them (the
         * collection's, or its reverse for {@code $natural: -1}), so that an unsorted answer, ties of a sort, a skip
         * and a limit come out as the scan's: the documents of the ids the query requires (its {@code _id}, or one
         * of its {@code _id}s), else those an index gives by the equality on its leading field; null when neither
         * serves the query (then the query is scanned, or served by another unique index of the library's).
         * Each candidate is still matched against the whole query.
         */
        List<Object> candidates(Document query, Document orderBy) {
            if (scanOnly) {
                return null;
            }
            Collection<Object> positions = byId(query);
            if (positions == null) {
                positions = indexedCandidates(query);
            }
            if (positions == null) {
                return null;
            }
            List<Object> ordered = new ArrayList<>(new LinkedHashSet<>(positions));
            // as H2Collection's scan: the map's key order, or for $natural: -1 the library's descending order
            ordered.sort(isNaturalDescending(orderBy) ? ValueComparator.desc() : data.getKeyType()::compare);
            return ordered;
        }

        /**
         * For a query sorted by {@code _id} ascending with a limit (a reader paging through the collection by id, as
         * the search index's catch-up does): the first {@code skip + limit} matching documents, read
         * in the map's key order from the query's lower bound on {@code _id} ({@code $gt} or {@code $gte} a string),
         * or from the first key, stopping once enough match (each still matched against the whole query). The library's scan matches every document and keeps
         * every match, sorted, in the heap before it applies the limit: a page of the 100 000 records a migration
         * had just written held nearly all of them, and the store ran out of memory (issue 15). Null when the query
         * is not such a query, or when a key that is not a string is met (the map orders only strings as the sort
         * does): then the query is scanned.
         */
        List<Document> firstById(Document query, Document orderBy, int skip, int limit) {
            if (limit <= 0 || orderBy == null || orderBy.size() != 1 || !Integer.valueOf(1).equals(orderBy.get("_id"))) {
                return null;
            }
            // where to start: the query's lower bound on _id, flat or in a part of $and (the driver's Filters.and);
            // any other condition on _id is matched, from the first key
            Object from = null;
            boolean inclusive = true;
            Object condition = query.get("_id");
            if (condition == null && query.get("$and") instanceof Collection<?> all) {
                for (Object part : all) {
                    if (part instanceof Document each && each.get("_id") instanceof Document bound
                            && bound.size() == 1 && (bound.containsKey("$gt") || bound.containsKey("$gte"))) {
                        condition = bound;
                    }
                }
            }
            if (condition instanceof Document bound && bound.size() == 1
                    && (bound.get("$gt") instanceof String || bound.get("$gte") instanceof String)) {
                inclusive = bound.containsKey("$gte");
                from = bound.get(inclusive ? "$gte" : "$gt");
            }
            List<Document> found = new ArrayList<>();
            Cursor<Object, Document> cursor = data.cursor(from);
            while (found.size() < skip + limit && cursor.hasNext()) {
                Object key = cursor.next();
                if (!(key instanceof String)) {
                    return null;
                }
                Document document = cursor.getValue();
                if ((inclusive || !key.equals(from)) && documentMatchesQuery(document, query)) {
                    found.add(document);
                }
            }
            return found;
        }

        /** The positions of the documents with the ids {@link #requiredIds} finds in {@code query}; else null. */
        private Collection<Object> byId(Document query) {
            Collection<?> ids = requiredIds(query);
            if (ids == null) {
                return null;
            }
            Document lookup = new Document("_id", new Document("$in", new ArrayList<>(ids)));
            for (Index<Object> index : getIndexes()) {
                if (index.isUnique() && index.canHandle(lookup)) {
                    // the library's look-up, one per id, through the same normalised keys the index stores
                    List<Object> positions = new ArrayList<>();
                    index.getPositions(lookup).forEach(positions::add);
                    return positions;
                }
            }
            return null;
        }

        /**
         * The {@code _id} values a document must have one of to match {@code query}: its {@code _id} written as a
         * value, {@code $eq} or {@code $in}, flat ({@code {_id, _version}}, as Spring Data writes a conditional
         * write) or in a part of {@code $and} (the driver's {@code Filters.and}); null when the query requires none,
         * or names one the id index cannot look up exactly as the matcher compares it (null, a document, an array,
         * a pattern, a large number: those queries are scanned). Without {@value #ID_LISTS} only one id written as a
         * value among other conditions (the store before issue 15's second pass, for the benchmark's comparison).
         */
        Collection<?> requiredIds(Document query) {
            if (!idLists) {
                Object id = namedId(query);
                return id == null ? null : List.of(id);
            }
            return requiredValues(query, "_id", IdIndexedCollection::lookedUpExactly);
        }

        /**
         * Whether the id index finds every document the matcher takes as equal to {@code id}: strings, object ids,
         * UUIDs, booleans, and numbers a double holds exactly (the index keys every number by its double value).
         */
        static boolean lookedUpExactly(Object id) {
            if (id instanceof Integer || id instanceof Long || id instanceof Double) {
                double value = ((Number) id).doubleValue();
                // below 2^53 only: a long just above it rounds to 2^53 as a double, yet the index keys it as a long
                return Math.abs(value) < EXACT && (!(id instanceof Long) || (long) value == (Long) id);
            }
            return id instanceof String || id instanceof ObjectId || id instanceof UUID || id instanceof Boolean;
        }

        /**
         * The positions of the documents that can match {@code query} by the equality (or {@code $in}) on its
         * leading field that the most selective index gives; null when no index serves the query.
         */
        Collection<Object> indexedCandidates(Document query) {
            Set<Object> fewest = null;
            for (Index<Object> index : getIndexes()) {
                if (index instanceof EqualityIndex equality) {
                    Collection<?> values = valuesOn(query, equality.field);
                    Set<Object> positions = values == null ? null : equality.positions(values);
                    if (positions != null && (fewest == null || positions.size() < fewest.size())) {
                        fewest = positions;
                    }
                }
            }
            return fewest;
        }

        /**
         * The values {@code query} requires {@code field} to equal one of, written flat ({@code {institute: "NIST",
         * ...}}, as Spring Data writes it), as {@code $eq} or {@code $in}, or in a part of {@code $and} (the driver's
         * {@code Filters.and}); only strings, booleans and object ids, whose equality is plain {@code equals} (no
         * numeric or null semantics); else null.
         */
        static Collection<?> valuesOn(Document query, String field) {
            return requiredValues(query, field, IdIndexedCollection::plainValue);
        }

        /**
         * The values {@code query} requires {@code field} to equal one of: written flat, as {@code $eq} or {@code $in},
         * or in a part of {@code $and}; null when it requires none, or names one an index cannot look up {@code exact}ly.
         */
        private static Collection<?> requiredValues(Document query, String field, Predicate<Object> exact) {
            Collection<?> values = valuesIn(query.get(field), exact);
            if (values == null && query.get("$and") instanceof Collection<?> all) {
                for (Object each : all) {
                    values = each instanceof Document part ? valuesIn(part.get(field), exact) : null;
                    if (values != null) {
                        break;
                    }
                }
            }
            return values;
        }

        private static Collection<?> valuesIn(Object condition, Predicate<Object> exact) {
            if (condition instanceof Document operators) {
                if (operators.get("$in") instanceof Collection<?> values) {
                    return values.stream().allMatch(exact) ? values : null;
                }
                return operators.containsKey("$eq") && exact.test(operators.get("$eq"))
                        ? List.of(operators.get("$eq")) : null;
            }
            return exact.test(condition) ? List.of(condition) : null;
        }

        static boolean plainValue(Object value) {
            return value instanceof String || value instanceof Boolean || value instanceof ObjectId;
        }

        /**
         * The one {@code _id} a query with further conditions requires, written flat or as {@code $and}, as the
         * store read it before issue 15's second pass (only with {@value #ID_LISTS} {@code false}).
         */
        static Object namedId(Document query) {
            if (query.size() > 1) {
                return plain(query.get("_id"));
            }
            if (query.get("$and") instanceof Collection<?> all) {
                for (Object each : all) {
                    if (each instanceof Document part && part.size() == 1 && plain(part.get("_id")) != null) {
                        return part.get("_id");
                    }
                }
            }
            return null;
        }

        private static Object plain(Object id) {
            return id == null || id instanceof Document || id instanceof Collection ? null : id;
        }
    }

    /**
     * A non-unique index in memory: from each string, boolean or object id of the index's leading field to the
     * positions of the documents that hold it (every element of an array, at any depth, as MongoDB matches an
     * equality in an array; a document with none is known to the index but under no value). It only
     * narrows the candidates, which are matched against the whole query, so holding too many is harmless and too few
     * impossible. Positions are the documents' {@code _id} values, as {@link H2Collection} keys its documents.
     */
    static final class EqualityIndex extends Index<Object> {

        private final String field;
        private final Map<Object, Set<Object>> positionsByValue = new HashMap<>();
        private final Map<Object, Set<Object>> valuesByPosition = new HashMap<>();

        EqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.field = keys.get(0).getKey();
        }

        /** The documents holding any of {@code values}. */
        synchronized Set<Object> positions(Collection<?> values) {
            Set<Object> positions = new HashSet<>();
            for (Object value : values) {
                positions.addAll(positionsByValue.getOrDefault(value, Set.of()));
            }
            return positions;
        }

        /** Never chosen by the library's own planner: the collection chooses it (see indexedCandidates). */
        @Override
        public boolean canHandle(Document query) {
            return false;
        }

        @Override
        public Iterable<Object> getPositions(Document query) {
            throw new UnsupportedOperationException("read through IdIndexedCollection");
        }

        /** The id index gives a document's position; this one adds nothing to that. */
        @Override
        public Object getPosition(Document document) {
            return null;
        }

        @Override
        public void checkAdd(Document document, MongoCollection<Object> collection) {
        }

        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            Set<Object> values = new LinkedHashSet<>();
            collect(Utils.getSubdocumentValueCollectionAware(document, field), values);
            valuesByPosition.put(position, values);
            for (Object value : values) {
                positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
            }
        }

        @Override
        public synchronized Object remove(Document document) {
            Object position = document.get("_id");
            Set<Object> values = valuesByPosition.remove(position);
            if (values == null) {
                return null;
            }
            for (Object value : values) {
                Set<Object> positions = positionsByValue.get(value);
                positions.remove(position);
                if (positions.isEmpty()) {
                    positionsByValue.remove(value);
                }
            }
            return position;
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        }

        @Override
        public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                               MongoCollection<Object> collection) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }

        @Override
        public synchronized long getCount() {
            return valuesByPosition.size();
        }

        @Override
        public long getDataSize() {
            return 0;
        }

        @Override
        public synchronized void drop() {
            positionsByValue.clear();
            valuesByPosition.clear();
        }

        private static void collect(Object value, Set<Object> values) {
            if (value instanceof Collection<?> elements) {
                for (Object element : elements) {
                    collect(element, values);
                }
            } else if (IdIndexedCollection.plainValue(value)) {
                values.add(value); // immutable, so a safe key; no query looks up anything else
            }
        }
    }
}
