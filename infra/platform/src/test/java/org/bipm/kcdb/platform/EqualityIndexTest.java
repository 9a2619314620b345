package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's own non-unique indexes (issue 13) change what a query reads, never what it answers: the same
 * random writes and queries on two collections of one store, one with the services' kind of indexes declared and one
 * without, give the same documents in the same order and the same counts, before and after a restart of the store
 * and after the indexed collection is dropped and made again. And the index is really read: a query on the leading
 * field's value gets only that value's documents as candidates.
 */
class EqualityIndexTest {

    private static final List<String> INSTITUTES = List.of("NIST", "PTB", "NPL", "LNE", "METAS");
    private static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "PUBLISHED");

    @TempDir
    Path dir;

    @Test
    void randomWritesAndQueriesAnswerTheSameWithAndWithoutTheIndexes() {
        Path file = dir.resolve("store.mv");
        Random random = new Random(13);
        try (Store store = new Store(file)) {
            declareIndexes(store.indexed());
            for (int round = 0; round < 25; round++) {
                store.write(random);
                store.compareQueries(random, 10);
            }
        }
        try (Store store = new Store(file)) { // reopened: the indexes are rebuilt from the data
            store.compareQueries(random, 100);
            for (int round = 0; round < 20; round++) {
                store.write(random);
                store.compareQueries(random, 5);
            }
            store.indexed().drop();
            store.plain().drop();
            declareIndexes(store.indexed());
            for (int round = 0; round < 10; round++) {
                store.write(random);
                store.compareQueries(random, 10);
            }
        }
    }

    @Test
    void aQueryOnTheLeadingFieldReadsOnlyTheDocumentsWithThatValue() {
        IdIndexedH2Backend backend = new IdIndexedH2Backend(dir.resolve("read.mv").toString());
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> cmcs = client.getDatabase("kcdb").getCollection("cmcs");
            cmcs.createIndex(Indexes.compoundIndex(Indexes.ascending("institute"), Indexes.descending("createdAt")));
            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                many.add(new Document("_id", "cmc-" + i).append("institute", INSTITUTES.get(i % 5))
                        .append("status", STATUSES.get(i % 3)));
            }
            cmcs.insertMany(many);
            cmcs.updateOne(Filters.eq("_id", "cmc-0"), Updates.set("institute", "PTB")); // was NIST
            cmcs.deleteOne(Filters.eq("_id", "cmc-5")); // NIST

            var collection = (IdIndexedH2Backend.IdIndexedCollection) backend.resolveDatabase("kcdb")
                    .resolveCollection("cmcs", true);
            assertThat(collection.indexedCandidates(
                    new de.bwaldvogel.mongo.bson.Document("institute", "NIST").append("status", "DRAFT")))
                    .hasSize(198).doesNotContain("cmc-0", "cmc-5").contains("cmc-10");
            assertThat(collection.indexedCandidates(new de.bwaldvogel.mongo.bson.Document("status", "DRAFT")))
                    .isNull(); // not a leading field: scanned
            assertThat(cmcs.countDocuments(Filters.and(Filters.eq("institute", "NIST"), Filters.eq("status", "DRAFT"))))
                    .isEqualTo(66);
        } finally {
            server.shutdown();
        }
    }

    private static void declareIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.compoundIndex(Indexes.ascending("institute"), Indexes.descending("createdAt")));
        collection.createIndex(Indexes.compoundIndex(Indexes.ascending("institute"), Indexes.ascending("status"),
                Indexes.descending("createdAt")));
        collection.createIndex(Indexes.ascending("pending"));
        collection.createIndex(Indexes.ascending("owner.name"));
    }

    /** One store with the same documents in two collections: {@code indexed} and {@code plain}. */
    private static final class Store implements AutoCloseable {
        private final MongoServer server;
        private final MongoClient client;
        private final MongoDatabase database;
        private static int next = 100_000;

        Store(Path file) {
            server = new MongoServer(new IdIndexedH2Backend(file.toString()));
            client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
            database = client.getDatabase("kcdb");

        }

        MongoCollection<Document> indexed() {
            return database.getCollection("indexed");
        }

        MongoCollection<Document> plain() {
            return database.getCollection("plain");
        }

        /** One random write, the same on both collections. */
        void write(Random random) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                List<Document> documents = new ArrayList<>();
                for (int i = random.nextInt(20); i >= 0; i--) {
                    documents.add(document(random, "d-" + (next++)));
                }
                indexed().insertMany(documents.stream().map(Document::new).toList());
                plain().insertMany(documents.stream().map(Document::new).toList());
            } else if (kind < 7) {
                Bson filter = filter(random);
                Bson update = random.nextBoolean() ? Updates.set("institute", value(random))
                        : Updates.combine(Updates.set("status", STATUSES.get(random.nextInt(3))),
                        Updates.unset("pending"));
                indexed().updateMany(filter, update);
                plain().updateMany(filter, update);
            } else if (kind < 8) {
                Document any = indexed().find().skip(random.nextInt((int) Math.max(1, indexed().countDocuments())))
                        .first();
                if (any != null) {
                    Document replacement = document(random, any.getString("_id"));
                    indexed().replaceOne(Filters.eq("_id", any.get("_id")), replacement);
                    plain().replaceOne(Filters.eq("_id", any.get("_id")), replacement);
                }
            } else {
                Bson filter = filter(random);
                indexed().deleteMany(filter);
                plain().deleteMany(filter);
            }
        }

        void compareQueries(Random random, int count) {
            assertThat(all(indexed().find())).isEqualTo(all(plain().find()));
            for (int i = 0; i < count; i++) {
                Bson filter = filter(random);
                Bson sort = switch (random.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> Sorts.descending("createdAt");
                    case 2 -> Sorts.ascending("status", "createdAt");
                    case 3 -> new Document("$natural", -1);
                    default -> new Document("$natural", 1);
                };
                int skip = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
                int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(10) : 0;
                assertThat(all(indexed().find(filter).sort(sort).skip(skip).limit(limit)))
                        .as("find %s sorted %s", filter, sort)
                        .isEqualTo(all(plain().find(filter).sort(sort).skip(skip).limit(limit)));
                assertThat(indexed().countDocuments(filter)).as("count %s", filter)
                        .isEqualTo(plain().countDocuments(filter));
            }
        }

        private static List<Document> all(Iterable<Document> documents) {
            List<Document> list = new ArrayList<>();
            documents.forEach(list::add);
            return list;
        }

        /** Mostly what the services ask (an institute, with a status, flat or with $and), sometimes anything. */
        private static Bson filter(Random random) {
            Object institute = value(random);
            Bson status = Filters.eq("status", STATUSES.get(random.nextInt(3)));
            return switch (random.nextInt(9)) {
                case 0 -> new Document("institute", institute);
                case 1 -> new Document("institute", institute).append("status", STATUSES.get(random.nextInt(3)));
                case 2 -> Filters.and(Filters.eq("institute", institute), status);
                case 3 -> Filters.and(Filters.eq("institute", institute),
                        Filters.gte("createdAt", new Date(random.nextInt(20))));
                case 4 -> Filters.eq("pending", random.nextBoolean());
                case 5 -> Filters.eq("owner.name", institute);
                case 6 -> Filters.in("institute", institute, "PTB");
                case 7 -> Filters.or(Filters.eq("institute", institute), status);
                default -> status;
            };
        }

        /** An institute as the services write it, or as it should never be but a store must still answer. */
        private static Object value(Random random) {
            return switch (random.nextInt(12)) {
                case 0 -> List.of(INSTITUTES.get(random.nextInt(5)), INSTITUTES.get(random.nextInt(5)));
                case 1 -> 7;
                default -> INSTITUTES.get(random.nextInt(5));
            };
        }

        private static Document document(Random random, String id) {
            Document document = new Document("_id", id).append("status", STATUSES.get(random.nextInt(3)))
                    .append("createdAt", new Date(random.nextInt(20))); // ties: the collection's order decides
            switch (random.nextInt(8)) {
                case 0 -> { } // no institute
                case 1 -> document.append("institute", null);
                default -> document.append("institute", value(random));
            }
            if (random.nextBoolean()) {
                document.append("pending", random.nextBoolean());
            }
            if (random.nextInt(3) == 0) {
                document.append("owner", random.nextBoolean() ? new Document("name", value(random))
                        : List.of(new Document("name", value(random)), new Document("name", List.of("NIST"))));
            }
            return document;
        }

        @Override
        public void close() {
            client.close();
            server.shutdown();
        }
    }
}
