package org.bipm.kcdb.test;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.lang.reflect.Field;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server in memory, except that a stored document is never changed once stored: an update works on a deep
 * copy and stores it in the document's place, as the platform's store does ({@code IdIndexedH2Backend},
 * infra/platform; issue 16). The library changes the stored document in place while answers that hold it are being
 * encoded, outside the collection's lock: an answer then held parts of two versions, or failed with a
 * {@code ConcurrentModificationException} that reset the connection (seen by the review's bulk tests).
 */
public class CopyOnUpdateMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String name) {
        return new MemoryDatabase(name, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
                return newCollection(this, collection, options, cursorRegistry);
            }
        };
    }

    /** A backend that finds documents its own way (the review benchmark's id index) keeps the copies with this. */
    protected CopyOnUpdateCollection newCollection(MemoryDatabase database, String name, CollectionOptions options,
                                                   CursorRegistry cursors) {
        return new CopyOnUpdateCollection(database, name, options, cursors);
    }

    public static class CopyOnUpdateCollection extends MemoryCollection {

        /** MemoryCollection's list of stored documents, which it offers no way to replace one of. */
        private static final Field DOCUMENTS;

        static {
            try {
                DOCUMENTS = MemoryCollection.class.getDeclaredField("documents");
                DOCUMENTS.setAccessible(true);
            } catch (NoSuchFieldException e) {
                throw new ExceptionInInitializerError("mongo-java-server changed its MemoryCollection: " + e);
            }
        }

        private final List<Document> documents;
        /** Whether an update runs: guarded by this collection's monitor, which every update and query holds. */
        private boolean updating;

        @SuppressWarnings("unchecked")
        protected CopyOnUpdateCollection(MemoryDatabase database, String name, CollectionOptions options,
                                         CursorRegistry cursors) {
            super(database, name, options, cursors);
            try {
                this.documents = (List<Document>) DOCUMENTS.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            updating = true;
            try {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            } finally {
                updating = false;
            }
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            updating = true;
            try {
                return super.findAndModify(query);
            } finally {
                updating = false;
            }
        }

        /** An update reads the documents it changes here: it is given copies, changed in place of the stored ones. */
        @Override
        protected final QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
                                                   int batchSize, Document fieldSelector) {
            QueryResult found = select(query, orderBy, skip, limit, batchSize, fieldSelector);
            if (!updating) {
                return found;
            }
            Iterable<Document> copies = () -> StreamSupport.stream(found.spliterator(), false)
                    .map(Document::cloneDeeply).iterator();
            return new QueryResult(copies, found.getCursorId());
        }

        /** The documents a query selects, as the library selects them unless a subclass has a quicker way. */
        protected QueryResult select(Document query, Document orderBy, int skip, int limit, int batchSize,
                                     Document fieldSelector) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /** The library's own does nothing (the stored document was changed in place): the copy takes its place. */
        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            documents.set(position, newDocument);
        }
    }
}
