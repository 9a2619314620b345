package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query that requires its {@code _id} to be one of a list ({@code $in}, or one value, among other conditions, flat
 * or in {@code $and}) reads only those documents on the platform's store, and answers exactly as a store that matches
 * every document in the collection's order (the scan): the same random writes and queries on both, with ids of mixed
 * types (strings, numbers of three types that compare equal, object ids, booleans, nested documents, numbers too
 * large for a double), lists with missing ids and duplicates, projections, sorts, skips and limits, counts and an
 * aggregation. And the id lists are really read through the index: documents examined equal the documents named.
 */
class IdListsTest {

    private static final List<String> STATES = List.of("DRAFT", "SUBMITTED", "PUBLISHED");

    @TempDir
    Path dir;

    @Test
    void randomWritesAndIdQueriesAnswerAsTheScan() {
        Random random = new Random(15);
        try (Stores stores = new Stores(dir)) {
            stores.both(c -> c.createIndex(Indexes.ascending("state")));
            List<Object> ids = new ArrayList<>(List.of((1L << 53) + 1)); // equal as a double to 2^53
            stores.both(c -> c.insertOne(new Document("_id", (1L << 53) + 1).append("_version", 0L)
                    .append("state", "DRAFT").append("n", 1).append("outbox", List.of())));
            for (int round = 0; round < 40; round++) {
                stores.write(random, ids);
                for (int i = 0; i < 15; i++) {
                    stores.compare(random, ids);
                }
            }
        }
    }

    @Test
    void anIdListAmongOtherConditionsReadsOnlyItsDocuments() {
        try (Stores stores = new Stores(dir)) {
            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                many.add(new Document("_id", "cmc-" + i).append("_version", 1L).append("outbox", List.of()));
            }
            stores.indexed().insertMany(many);
            IdIndexedH2Backend.IdIndexedCollection store = stores.indexedStore();
            long before = store.examined();
            List<Document> found = stores.indexed().find(Filters.and(
                    Filters.in("_id", "cmc-7", "cmc-1999", "cmc-7", "absent", 7), Filters.size("outbox", 0)))
                    .projection(Projections.include("outbox")).into(new ArrayList<>());
            assertThat(found).extracting(d -> d.get("_id")).containsExactly("cmc-1999", "cmc-7");
            assertThat(store.examined() - before).isEqualTo(2);
            before = store.examined();
            assertThat(stores.indexed().updateMany(new Document("_id", new Document("$in", List.of("cmc-1", "cmc-2")))
                    .append("_version", 1L), Updates.inc("_version", 1L)).getModifiedCount()).isEqualTo(2);
            assertThat(stores.indexed().countDocuments(Filters.and(Filters.eq("_id", "cmc-1"),
                    Filters.eq("_version", 2L)))).isEqualTo(1);
            assertThat(store.examined() - before).isEqualTo(3);
        }
    }

    /**
     * A reader paging by id (sorted by {@code _id}, a limit, each page after the last id of the one before, as the
     * search index's catch-up reads what changed) gets the scan's pages, and each page reads the collection only as far
     * as its limit: the library's scan kept every match in the heap before applying the limit (issue 15: the store ran
     * out of memory when a migration's 100 000 records had changed). With an id that is not a string in the collection
     * the query is scanned, with the same answers.
     */
    @Test
    void aPageByIdReadsOnlyAsFarAsItsLimitAndAnswersAsTheScan() {
        try (Stores stores = new Stores(dir)) {
            Random random = new Random(15);
            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = List.of("cmc-", "CMC-", "a", "", "z-").get(random.nextInt(5)) + random.nextInt(100_000);
                many.add(new Document("_id", id).append("changed", i % 4 == 0).append("outbox", List.of()));
            }
            List<Document> distinct = new ArrayList<>(many.stream()
                    .collect(java.util.stream.Collectors.toMap(d -> d.get("_id"), d -> d, (a, b) -> a,
                            java.util.LinkedHashMap::new)).values());
            stores.both(c -> c.insertMany(distinct));
            long changed = distinct.stream().filter(d -> d.getBoolean("changed")).count();
            IdIndexedH2Backend.IdIndexedCollection store = stores.indexedStore();
            List<Object> read = new ArrayList<>();
            String after = null;
            while (true) {
                Bson query = after == null ? Filters.eq("changed", true)
                        : Filters.and(Filters.eq("changed", true), Filters.gt("_id", after));
                long before = store.examined();
                List<Document> page = stores.indexed().find(query).sort(Sorts.ascending("_id")).limit(50)
                        .into(new ArrayList<>());
                assertThat(store.examined() - before).as("documents examined for a page of 50 of every 4th")
                        .isLessThan(2 * 50 * 4 + 50);
                assertThat(page).as("the page after " + after).isEqualTo(stores.scanned().find(query)
                        .sort(Sorts.ascending("_id")).limit(50).into(new ArrayList<>()));
                page.forEach(d -> read.add(d.get("_id")));
                if (page.size() < 50) {
                    break;
                }
                after = page.get(page.size() - 1).getString("_id");
            }
            assertThat(read).as("every changed document once, in the order of the ids").hasSize((int) changed)
                    .doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.comparing(String.class::cast));
            stores.same("$gte and a skip", c -> c.find(Filters.gte("_id", "a5")).sort(Sorts.ascending("_id"))
                    .skip(3).limit(20).into(new ArrayList<>()));

            stores.both(c -> c.insertOne(new Document("_id", 7).append("changed", true).append("outbox", List.of())));
            stores.same("with a number among the ids", c -> c.find(Filters.eq("changed", true))
                    .sort(Sorts.ascending("_id")).limit(50).into(new ArrayList<>()));
            stores.same("after a string, with a number among the ids", c -> c.find(Filters.and(
                    Filters.eq("changed", true), Filters.gt("_id", "a"))).sort(Sorts.ascending("_id")).limit(50)
                    .into(new ArrayList<>()));
        }
    }

    /** Two stores on the same writes: the platform's ({@code indexed}) and one that scans for every query. */
    private static final class Stores implements AutoCloseable {
        private final IdIndexedH2Backend indexedBackend;
        private final MongoServer indexedServer;
        private final MongoServer scanServer;
        private final MongoClient indexedClient;
        private final MongoClient scanClient;
        private int next;

        Stores(Path dir) {
            indexedBackend = new IdIndexedH2Backend(dir.resolve("indexed.mv").toString());
            indexedServer = new MongoServer(indexedBackend);
            scanServer = new MongoServer(new IdIndexedH2Backend(dir.resolve("scan.mv").toString(), true));
            indexedClient = MongoClients.create("mongodb://127.0.0.1:" + indexedServer.bind().getPort());
            scanClient = MongoClients.create("mongodb://127.0.0.1:" + scanServer.bind().getPort());
        }

        MongoCollection<Document> indexed() {
            return indexedClient.getDatabase("kcdb").getCollection("cases");
        }

        MongoCollection<Document> scanned() {
            return scanClient.getDatabase("kcdb").getCollection("cases");
        }

        IdIndexedH2Backend.IdIndexedCollection indexedStore() {
            return (IdIndexedH2Backend.IdIndexedCollection) indexedBackend.resolveDatabase("kcdb")
                    .resolveCollection("cases", true);
        }

        void both(java.util.function.Consumer<MongoCollection<Document>> write) {
            write.accept(indexed());
            write.accept(scanned());
        }

        /** The same answer, or the same refusal, from both. */
        <T> void same(String what, Function<MongoCollection<Document>, T> ask) {
            Object indexedAnswer;
            Object scanAnswer;
            try {
                indexedAnswer = ask.apply(indexed());
            } catch (MongoException e) {
                indexedAnswer = "refused " + e.getCode();
            }
            try {
                scanAnswer = ask.apply(scanned());
            } catch (MongoException e) {
                scanAnswer = "refused " + e.getCode();
            }
            assertThat(indexedAnswer).as(what).isEqualTo(scanAnswer);
        }

        void write(Random random, List<Object> ids) {
            int kind = random.nextInt(10);
            if (kind < 5 || ids.size() < 10) {
                List<Document> documents = new ArrayList<>();
                for (int i = random.nextInt(8); i >= 0; i--) {
                    Object id = newId(random);
                    ids.add(id);
                    documents.add(new Document("_id", id).append("_version", (long) random.nextInt(3))
                            .append("state", STATES.get(random.nextInt(3))).append("n", random.nextInt(5))
                            .append("outbox", random.nextBoolean() ? List.of() : List.of(new Document("e", 1))));
                }
                same("insert", c -> c.insertMany(documents.stream().map(Document::new).toList()).getInsertedIds()
                        .size());
            } else if (kind < 8) {
                Bson filter = filter(random, ids);
                Bson update = random.nextBoolean() ? Updates.inc("_version", 1L)
                        : Updates.combine(Updates.set("state", STATES.get(random.nextInt(3))), Updates.set("outbox",
                        List.of()));
                if (random.nextBoolean()) {
                    same("updateMany " + filter, c -> c.updateMany(filter, update).getModifiedCount());
                } else {
                    same("findOneAndUpdate " + filter, c -> c.findOneAndUpdate(filter, update));
                }
            } else {
                Bson filter = filter(random, ids);
                same("deleteMany " + filter, c -> c.deleteMany(filter).getDeletedCount());
            }
        }

        void compare(Random random, List<Object> ids) {
            Bson filter = filter(random, ids);
            Bson sort = switch (random.nextInt(5)) {
                case 0 -> Sorts.descending("n");
                case 1 -> Sorts.ascending("state", "_version");
                case 2 -> new Document("$natural", -1);
                case 3 -> new Document("$natural", 1);
                default -> null;
            };
            Bson projection = switch (random.nextInt(4)) {
                case 0 -> Projections.include("outbox");
                case 1 -> Projections.exclude("_id", "n");
                default -> null;
            };
            int skip = random.nextInt(3) == 0 ? random.nextInt(3) : 0;
            int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
            same("find " + filter + " sort " + sort + " projection " + projection + " skip " + skip + " limit "
                    + limit, c -> c.find(filter).sort(sort).projection(projection).skip(skip).limit(limit)
                    .into(new ArrayList<>()));
            same("count " + filter, c -> c.countDocuments(filter));
            same("aggregate " + filter, c -> c.aggregate(List.of(Aggregates.match(filter),
                    Aggregates.group("$state", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))))
                    .into(new ArrayList<>()));
        }

        /** What the services send ({@code _id} lists, {@code {_id, _version}}), in many forms, sometimes odd. */
        private static Bson filter(Random random, List<Object> ids) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                list.add(someId(random, ids));
            }
            Bson other = switch (random.nextInt(4)) {
                case 0 -> Filters.eq("_version", (long) random.nextInt(3));
                case 1 -> Filters.size("outbox", 0);
                case 2 -> Filters.eq("state", STATES.get(random.nextInt(3)));
                default -> Filters.gte("n", random.nextInt(5));
            };
            Object one = someId(random, ids);
            return switch (random.nextInt(10)) {
                case 0 -> Filters.in("_id", list);
                case 1 -> new Document("_id", new Document("$in", list)).append("_version", (long) random.nextInt(3));
                case 2 -> Filters.and(Filters.in("_id", list), other);
                case 3 -> Filters.and(other, Filters.eq("_id", one));
                case 4 -> new Document("_id", one).append("_version", (long) random.nextInt(3));
                case 5 -> new Document("_id", new Document("$eq", one)).append("n", new Document("$lt", 3));
                case 6 -> Filters.and(Filters.in("_id", list), Filters.nin("_id", one), other);
                case 7 -> Filters.or(Filters.in("_id", list), other);
                case 8 -> Filters.and(Filters.in("state", STATES.get(random.nextInt(3)), "none"), other);
                default -> Filters.eq("_id", one);
            };
        }

        /** An id stored, the same number as another type, a missing one, or one the index cannot look up. */
        private static Object someId(Random random, List<Object> ids) {
            Object stored = ids.isEmpty() ? "none" : ids.get(random.nextInt(ids.size()));
            return switch (random.nextInt(12)) {
                case 0 -> stored instanceof Integer n ? Long.valueOf(n) : stored;
                case 1 -> stored instanceof Integer n ? Double.valueOf(n) : stored;
                case 2 -> "missing-" + random.nextInt(5);
                case 3 -> random.nextInt(1_000) + 100_000;
                case 4 -> Pattern.compile("^d-1");
                case 5 -> new Document("b", stored).append("a", 1); // the stored nested ids' fields, other order
                case 6 -> (double) (1L << 53); // equal as a double to the large long ids
                default -> stored;
            };
        }

        private Object newId(Random random) {
            int n = next++;
            return switch (random.nextInt(9)) {
                case 0 -> n;
                case 1 -> (long) n + 1_000_000;
                case 2 -> n + 0.5;
                case 3 -> new ObjectId();
                case 4 -> new Document("a", 1).append("b", "d-" + n);
                case 5 -> (1L << 53) + n + 1; // not exact as a double
                case 6 -> n == 0 ? Boolean.TRUE : "d-" + n;
                default -> "d-" + n;
            };
        }

        @Override
        public void close() {
            indexedClient.close();
            scanClient.close();
            indexedServer.shutdown();
            scanServer.shutdown();
        }
    }
}
