package org.bipm.kcdb.platform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.sun.management.OperatingSystemMXBean;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rerunnable benchmark, not a test (skipped without {@code -Dkcdb.bench=true}; {@code bench/store-scan.sh}): the
 * documents a write path's query examines on the local store, and the JVM's CPU per query, at 1 000, 10 000 and
 * 100 000 documents, for the queries the services' write paths send by {@code _id}. Side by side in one store: the
 * collection {@code before} made with {@value IdIndexedH2Backend#ID_LISTS}{@code =false} (the store as it was: one
 * {@code _id} value among other conditions read by id, an {@code _id} list alone by the library's index, any other
 * list scanned) and {@code after} as the platform runs it. Documents examined do not depend on the machine's load.
 */
class StoreScanBenchmark {

    private static final int IDS = 20;

    @TempDir
    Path dir;

    @Test
    void documentsExaminedPerWriteAsTheStoreGrows() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        int queries = Integer.getInteger("kcdb.bench.requests", 100);
        List<Shape> shapes = List.of(
                new Shape("bulk read {_id: {$in: 20 ids}}, the outbox", (c, ids) ->
                        c.find(Filters.in("_id", ids)).projection(Projections.include("outbox"))
                                .into(new ArrayList<>())),
                new Shape("conditional write {_id, _version}", (c, ids) ->
                        c.updateOne(new Document("_id", ids.get(0)).append("_version", 1L),
                                Updates.set("stage", "APPROVED"))),
                new Shape("{_id: {$in: 20 ids}, outbox: {$size: 0}}", (c, ids) ->
                        c.find(new Document("_id", new Document("$in", ids)).append("outbox",
                                new Document("$size", 0))).into(new ArrayList<>())),
                new Shape("and(in(_id, 20 ids), eq(stage)) update", (c, ids) ->
                        c.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("stage", "OPEN")),
                                Updates.set("seen", true))),
                new Shape("count {_id, _version} (countDocuments)", (c, ids) ->
                        c.countDocuments(Filters.and(Filters.eq("_id", ids.get(0)), Filters.eq("_version", 1L)))));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n==== KCDB local store: documents examined"
                + " per query ====%nload average before: %s, %d processors, %d queries of each kind and size%n"
                + "%-46s %8s %14s %14s%n", Files.readString(Path.of("/proc/loadavg")).strip(),
                Runtime.getRuntime().availableProcessors(), queries, "query", "stored", "before", "after"));
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            IdIndexedH2Backend backend = new IdIndexedH2Backend(dir.resolve("store-" + size + ".mv").toString());
            MongoServer server = new MongoServer(backend);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
                MongoCollection<Document> before = client.getDatabase("kcdb").getCollection("before");
                MongoCollection<Document> after = client.getDatabase("kcdb").getCollection("after");
                System.setProperty(IdIndexedH2Backend.ID_LISTS, "false");
                fill(before, size); // the collection is made, and reads the property, at its first insert
                System.clearProperty(IdIndexedH2Backend.ID_LISTS);
                fill(after, size);
                var beforeStore = (IdIndexedH2Backend.IdIndexedCollection) backend.resolveDatabase("kcdb")
                        .resolveCollection("before", true);
                var afterStore = (IdIndexedH2Backend.IdIndexedCollection) backend.resolveDatabase("kcdb")
                        .resolveCollection("after", true);
                for (Shape shape : shapes) {
                    double[] b = measure(shape, before, beforeStore, size, queries, os);
                    double[] a = measure(shape, after, afterStore, size, queries, os);
                    out.append(String.format(Locale.ROOT, "%-46s %8d %8.0f %5.2fms %8.0f %5.2fms%n", shape.name,
                            size, b[0], b[1], a[0], a[1]));
                }
            } finally {
                server.shutdownNow();
            }
        }
        out.append("(documents examined per query, then the JVM's CPU per query: client, driver and store)\n");
        out.append("load average after: ").append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n');
        System.out.println(out);
    }

    private record Shape(String name, BiConsumer<MongoCollection<Document>, List<String>> query) {
    }

    /** Documents examined and CPU ms per query, after a warm-up of a tenth as many. */
    private static double[] measure(Shape shape, MongoCollection<Document> collection,
                                    IdIndexedH2Backend.IdIndexedCollection store, int size, int queries,
                                    OperatingSystemMXBean os) {
        for (int i = 0; i < Math.max(5, queries / 10); i++) {
            shape.query.accept(collection, ids(i * 31, size));
        }
        long examined = store.examined();
        long cpu = os.getProcessCpuTime();
        for (int i = 0; i < queries; i++) {
            shape.query.accept(collection, ids(i * 7919, size));
        }
        return new double[] {(store.examined() - examined) / (double) queries,
                (os.getProcessCpuTime() - cpu) / 1e6 / queries};
    }

    /** Twenty ids spread over the collection, the last one absent. */
    private static List<String> ids(int seed, int size) {
        List<String> ids = new ArrayList<>(IDS);
        for (int i = 0; i < IDS - 1; i++) {
            ids.add("cmc-" + Math.floorMod(seed + i * 104_729, size));
        }
        ids.add("absent-" + seed);
        return ids;
    }

    private static void fill(MongoCollection<Document> collection, int size) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(new Document("_id", "cmc-" + i).append("_version", 1L).append("stage", "OPEN")
                    .append("quantity", "DC voltage " + i).append("outbox", List.of()));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
    }
}
