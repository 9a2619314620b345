package org.bipm.kcdb.review;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import org.bipm.kcdb.test.CopyOnUpdateMemoryBackend;

/**
 * The component tests' in-memory store, for {@link ReviewBenchmark} only: a query that names one {@code _id} among
 * other conditions (every conditional write's {@code {_id, _version}}) reads that document through the id index and
 * matches the whole query on it, as MongoDB and the platform's store ({@code IdIndexedH2Backend}, infra/platform) do.
 * The plain backend scans the collection for such a query: two thirds of a first profile's samples, a cost the
 * platform does not have. Updates store copies as the component tests' store does ({@link CopyOnUpdateMemoryBackend}):
 * a stored document is never changed.
 */
final class IdIndexedMemoryBackend extends CopyOnUpdateMemoryBackend {

    @Override
    protected CopyOnUpdateCollection newCollection(MemoryDatabase database, String name, CollectionOptions options,
                                                   CursorRegistry cursors) {
        return new IdIndexedCollection(database, name, options, cursors);
    }

    private static final class IdIndexedCollection extends CopyOnUpdateCollection {

        IdIndexedCollection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult select(Document query, Document orderBy, int skip, int limit, int batchSize,
                                     Document fieldSelector) {
            Object id = query.size() > 1 ? query.get("_id") : null;
            if (id != null && !(id instanceof Document) && !(id instanceof Collection)) {
                Document byId = new Document("_id", id);
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.select(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
    }
}
