package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bipm.kcdb.platform.MongoWireServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule every store of the project keeps, the platform's ({@code IdIndexedH2Backend}, infra/platform) and the
 * component tests' ({@link CopyOnUpdateMemoryBackend}): a stored document is never changed, an update stores a
 * changed copy (issue 16). The store encodes an answer after the collection let go of it, so an update that changed
 * the stored document in place (a field set or unset, as the review's case writes do: {@code AggregateStore}'s
 * {@code $set} of whole nested documents and arrays, {@code $unset} of the fields gone, the outbox's {@code pending})
 * failed the encoding with a {@code ConcurrentModificationException}, reset the connection and failed the operations
 * in flight (the fault run's 80 bulk items answered 500), or answered parts of two versions of a document.
 * mongo-java-server's own {@code MemoryBackend}, which updates in place, fails the race within a run.
 */
class StoreAnswerRaceTest {

    private static final int CASES = 20;
    private static final int WRITERS = 3;
    private static final int READERS = 3;
    /** Per thread; before the fix the first failure came within a few hundred operations. */
    private static final int OPERATIONS = 600;

    @TempDir
    Path dir;

    /** A store on a data file, and whether it keeps its data there across a restart. */
    record Store(String name, Function<Path, MongoBackend> open, boolean durable) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Store> stores() {
        return Stream.of(new Store("the platform's store", MongoWireServer::backend, true),
                new Store("the component tests' store", file -> new CopyOnUpdateMemoryBackend(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void answersAreNeverChangedWhileTheyAreEncodedAndHoldOneVersionOfEachDocument(Store store) throws Exception {
        MongoServer server = new MongoServer(store.open().apply(dir.resolve("race.mv")));
        // without the driver's one retry, which hid most resets here (the services' bulk items failed regardless)
        String uri = "mongodb://127.0.0.1:" + server.bind().getPort() + "/?retryReads=false&retryWrites=false";
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        try (MongoClient writing = MongoClients.create(uri); MongoClient reading = MongoClients.create(uri)) {
            MongoCollection<Document> written = writing.getDatabase("review").getCollection("review_cases");
            MongoCollection<Document> read = reading.getDatabase("review").getCollection("review_cases");
            List<Document> cases = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                cases.add(reviewCase(i, 0));
            }
            written.insertMany(cases);

            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            // a few failures, to see both kinds (a reset connection, a mixed answer); then stop
            BooleanSupplier failed = () -> failures.size() >= 10;
            AtomicLong operations = new AtomicLong();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(threads.submit(() -> {
                    for (int n = 1; n <= OPERATIONS && !failed.getAsBoolean(); n++) {
                        int round = writer * OPERATIONS + n;
                        try {
                            written.updateOne(Filters.eq("_id", "case-" + (round % CASES)), changeTo(round));
                            operations.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add("update: " + e);
                        }
                    }
                }));
            }
            for (int r = 0; r < READERS; r++) {
                running.add(threads.submit(() -> {
                    for (int n = 0; n < OPERATIONS && !failed.getAsBoolean(); n++) {
                        try {
                            for (Document answered : read.find(Filters.eq("rmo", "EURAMET"))) {
                                String mixed = mixedVersions(answered);
                                if (mixed != null) {
                                    failures.add("answer holding parts of two versions: " + mixed);
                                }
                            }
                            operations.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add("query: " + e);
                        }
                    }
                }));
            }
            for (Future<?> each : running) {
                each.get(60, TimeUnit.SECONDS);
            }
            assertThat(failures).as("after %d operations", operations.get()).isEmpty();
            assertThat(read.countDocuments()).isEqualTo(CASES);
        } finally {
            threads.shutdownNow();
            server.shutdownNow();
        }
    }

    /**
     * Updates work on copies: every kind of update still changes what is stored, answers the version it should and
     * keeps a declared index right; a store that keeps its data holds the same after a restart.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyKindOfUpdateStoresItsChangedCopy(Store store) {
        Path file = dir.resolve("copies.mv");
        MongoServer server = new MongoServer(store.open().apply(file));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> cases = client.getDatabase("review").getCollection("review_cases");
            cases.createIndex(Indexes.ascending("rmo"));
            for (int i = 0; i < 5; i++) {
                cases.insertOne(reviewCase(i, 0));
            }
            Document before = cases.findOneAndUpdate(Filters.eq("_id", "case-0"), changeTo(CASES));
            assertThat(before).containsEntry("_version", 0L).doesNotContainKey("pending");
            cases.updateOne(Filters.eq("_id", "case-0"), Updates.combine(Updates.set("decision.outcome", "REJECTED"),
                    Updates.push("interRmoReviews.askedRmos", "AFRIMETS")));
            Document after = cases.findOneAndUpdate(Filters.eq("_id", "case-1"), Updates.set("rmo", "SIM"),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            assertThat(after).containsEntry("rmo", "SIM");
            assertThat(cases.updateMany(Filters.and(Filters.eq("rmo", "EURAMET"), Filters.ne("_id", "case-0")),
                    Updates.set("stage", "APPROVED")).getModifiedCount()).isEqualTo(3);
            assertThat(cases.updateMany(Filters.eq("rmo", "EURAMET"), Updates.unset("area")).getModifiedCount())
                    .isEqualTo(4);
            cases.updateOne(Filters.eq("_id", "case-9"), Updates.set("rmo", "APMP"), new UpdateOptions().upsert(true));
            cases.replaceOne(Filters.eq("_id", "case-2"), new Document("_id", "case-2").append("rmo", "AFRIMETS"));
            assertThat(cases.findOneAndDelete(Filters.eq("_id", "case-3"))).containsEntry("stage", "APPROVED");
            assertStored(cases);
        } finally {
            server.shutdownNow();
        }
        if (store.durable()) {
            MongoServer again = new MongoServer(store.open().apply(file));
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + again.bind().getPort())) {
                assertStored(client.getDatabase("review").getCollection("review_cases"));
            } finally {
                again.shutdownNow();
            }
        }
    }

    private static void assertStored(MongoCollection<Document> cases) {
        Document first = cases.find(Filters.eq("_id", "case-0")).first();
        assertThat(first).containsEntry("_version", (long) CASES).containsEntry("pending", true)
                .containsEntry("stage", "INTER_RMO").doesNotContainKey("area");
        assertThat(mixedVersions(first)).isNull();
        assertThat(first.get("decision", Document.class)).containsEntry("outcome", "REJECTED");
        assertThat(first.get("interRmoReviews", Document.class).getList("askedRmos", String.class))
                .containsExactly("APMP", "SIM", "COOMET", "AFRIMETS");
        assertThat(cases.find(Filters.eq("rmo", "EURAMET")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder("case-0", "case-4");
        assertThat(cases.find(Filters.eq("rmo", "SIM")).first()).containsEntry("_id", "case-1");
        assertThat(cases.find(Filters.eq("rmo", "APMP")).first()).containsEntry("_id", "case-9");
        assertThat(cases.find(Filters.eq("_id", "case-2")).first()).containsEntry("rmo", "AFRIMETS")
                .doesNotContainKey("_version");
        assertThat(cases.find(Filters.eq("stage", "APPROVED")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .containsExactly("case-4");
        assertThat(cases.find(Filters.exists("area")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .containsExactly("case-1");
        assertThat(cases.countDocuments()).isEqualTo(5);
    }

    /** A review case's shape: a few flat fields, nested documents, arrays of documents, about 2 kB. */
    static Document reviewCase(int i, int round) {
        return new Document("_id", "case-" + i).append("_version", (long) round).append("cmcId", "cmc-" + i)
                .append("stage", "INTER_RMO").append("rmo", "EURAMET").append("area", "EM")
                .append("assignments", assignments(round)).append("interRmoReviews", interRmoReviews(round));
    }

    private static List<Document> assignments(int round) {
        List<Document> assignments = new ArrayList<>();
        for (int a = 0; a < 12; a++) {
            assignments.add(new Document("reviewer", "reviewer-" + a).append("rmo", "RMO-" + a % 5)
                    .append("round", round).append("comments", List.of("seen " + round, "checked " + a)));
        }
        return assignments;
    }

    private static Document interRmoReviews(int round) {
        return new Document("round", round).append("askedRmos", List.of("APMP", "SIM", "COOMET"))
                .append("intents", new Document("APMP", new Document("round", round).append("declared", true)));
    }

    /**
     * One write of the aggregate as {@code AggregateStore} writes it: whole nested values set, the version and the
     * change time; a field present in every other version (the outbox's {@code pending}, a decision) set or unset.
     */
    static Bson changeTo(int round) {
        List<Bson> changes = new ArrayList<>(List.of(Updates.set("_version", (long) round),
                Updates.set("assignments", assignments(round)), Updates.set("interRmoReviews", interRmoReviews(round)),
                Updates.set("changedAt", new java.util.Date())));
        if (pendingIn(round)) {
            changes.add(Updates.set("pending", true));
            changes.add(Updates.set("decision", new Document("round", round).append("outcome", "APPROVED")));
        } else {
            changes.add(Updates.unset("pending"));
            changes.add(Updates.unset("decision"));
        }
        return Updates.combine(changes);
    }

    /** Every other write of each case sets the pending flag and the decision, the next one unsets them. */
    private static boolean pendingIn(long round) {
        return round / CASES % 2 == 1;
    }

    /** Null when every part of the answered case belongs to the version it names; else what differs. */
    private static String mixedVersions(Document answered) {
        long version = answered.getLong("_version");
        List<Document> assignments = answered.getList("assignments", Document.class);
        Document reviews = answered.get("interRmoReviews", Document.class);
        Document decision = answered.get("decision", Document.class);
        boolean pending = pendingIn(version);
        boolean consistent = assignments.stream().allMatch(a -> a.getInteger("round") == version)
                && reviews.getInteger("round") == version && answered.containsKey("pending") == pending
                && (decision == null ? !pending : decision.getInteger("round") == version);
        return consistent ? null : answered.toJson();
    }
}
