package org.bipm.kcdb.platform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name; it skips itself without
 * {@code -Dkcdb.bench=true}): what one write costs on the local store as the collection grows, for the platform's
 * three ways to reach the written document: the conditional write {@code {_id, _version}} on the plain H2 backend and
 * on {@link IdIndexedH2Backend}, the outbox relay's old look for pending outboxes ({@code outbox.0} exists) and its
 * read by id. {@code bench/store-growth.sh}; see bench/README.md.
 */
class StoreGrowthBenchmark {

    static final int WRITES = 300;

    @TempDir
    Path dir;

    @Test
    void costPerWriteAsTheStoreGrows() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n==== KCDB local store growth ===="
                + "%nload average before: %s%nms per write (mean of %d), by documents in the collection%n%-46s",
                Files.readString(Path.of("/proc/loadavg")).strip(), WRITES, "operation"));
        int[] sizes = {1_000, 10_000, 30_000};
        for (int size : sizes) {
            out.append(String.format(Locale.ROOT, " %9d", size));
        }
        out.append('\n');
        row(out, "conditional write {_id,_version}, plain H2", sizes, f -> new H2Backend(f), "update");
        row(out, "conditional write {_id,_version}, id-indexed", sizes, IdIndexedH2Backend::new, "update");
        row(out, "unconditional write {_id}, id-indexed", sizes, IdIndexedH2Backend::new, "updateById");
        row(out, "relay: look for pending outboxes (scan)", sizes, IdIndexedH2Backend::new, "scan");
        row(out, "relay: read the written aggregate by _id", sizes, IdIndexedH2Backend::new, "byId");
        out.append("load average after: ").append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n');
        System.out.println(out);
    }

    private void row(StringBuilder out, String name, int[] sizes, Function<String, H2Backend> backend, String op)
            throws Exception {
        out.append(String.format(Locale.ROOT, "%-46s", name));
        for (int size : sizes) {
            Path file = Files.createTempFile(dir, "store-", ".mv");
            Files.delete(file);
            MongoServer server = new MongoServer(backend.apply(file.toString()));
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
                MongoCollection<Document> cmcs = client.getDatabase("kcdb").getCollection("cmcs");
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    batch.add(new Document("_id", "cmc-" + i).append("_version", 1L).append("status", "PUBLISHED")
                            .append("quantity", "DC voltage " + i).append("outbox", List.of()));
                    if (batch.size() == 1_000) {
                        cmcs.insertMany(batch);
                        batch = new ArrayList<>();
                    }
                }
                for (int i = 0; i < 20; i++) { // warm up
                    run(cmcs, op, "cmc-" + i, size);
                }
                long start = System.nanoTime();
                for (int i = 0; i < WRITES; i++) {
                    run(cmcs, op, "cmc-" + (i * 7919 % size), size);
                }
                out.append(String.format(Locale.ROOT, " %9.2f", (System.nanoTime() - start) / 1e6 / WRITES));
            } finally {
                server.shutdownNow();
            }
        }
        out.append('\n');
    }

    private static void run(MongoCollection<Document> cmcs, String op, String id, int size) {
        switch (op) {
            case "update" -> {
                Document current = cmcs.find(Filters.eq("_id", id)).first();
                long version = current.getLong("_version");
                cmcs.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("_version", version)),
                        Updates.combine(Updates.set("status", "ARCHIVED"), Updates.set("_version", version + 1)));
            }
            case "updateById" -> cmcs.updateOne(Filters.eq("_id", id), Updates.set("status", "ARCHIVED"));
            case "scan" -> cmcs.find(Filters.exists("outbox.0")).limit(200).into(new ArrayList<>());
            default -> cmcs.find(Filters.eq("_id", id)).first();
        }
    }
}
