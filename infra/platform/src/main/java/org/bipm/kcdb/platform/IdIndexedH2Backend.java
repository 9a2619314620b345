package org.bipm.kcdb.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend of mongo-java-server, except that a query naming one {@code _id} among other conditions reads that
 * one document through the id index, as MongoDB does. mongo-java-server uses an index only when the query has
 * exactly the index's fields, so the platform's conditional writes ({@code {_id, _version}}) scanned the whole
 * collection: every command cost more the larger the store (issue 15, migration at speed). Data files are the same
 * as the plain backend's (same map names).
 */
final class IdIndexedH2Backend extends H2Backend {

    IdIndexedH2Backend(String file) {
        super(file);
    }

    /**
     * With a page cache of {@code cacheMegabytes} (MVStore's default is 16 MB): a query the store answers by scanning
     * reads its documents from cached pages rather than reading and deserialising them from the file again.
     */
    IdIndexedH2Backend(String file, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open());
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

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(name);
            return new IdIndexedCollection(this, name, options, store.openMap("databases." + namespace),
                    store.openMap("meta." + namespace), cursorRegistry);
        }
    }

    static final class IdIndexedCollection extends H2Collection {

        IdIndexedCollection(MongoDatabase database, String name, CollectionOptions options,
                            MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            Object id = namedId(query);
            if (id != null) {
                Document byId = new Document("_id", id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        // the candidates by id, each still matched against the whole query
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * The one {@code _id} a query with further conditions requires, written flat ({@code {_id, _version}}, as
         * Spring Data writes it) or as {@code $and} (as the driver's {@code Filters.and} does); else null.
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
}
