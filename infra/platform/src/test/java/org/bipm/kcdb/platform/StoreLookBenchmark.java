package org.bipm.kcdb.platform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rerunnable benchmark, not a test (skipped without {@code -Dkcdb.bench=true}; {@code bench/store-look.sh}): the heap
 * the local store holds for the search index's look at what changed, with {@code kcdb.bench.documents} (default
 * 30 000) migrated records of about 3 kB each, all changed since the look before. Side by side in one store: the look
 * as it was (every changed record in one answer: the library matches them all, keeps them in the heap and hands the
 * client a batch at a time from its cursor), and as the publication service pages it now (sorted by id, 1 000 at a
 * time, each page after the last id). What the first batch leaves in the store's heap is measured after a full GC;
 * the store and its client share this JVM, the client holding one batch of 100.
 */
class StoreLookBenchmark {

    private static final int PAGE = 1000;

    @TempDir
    Path dir;

    @Test
    void heapTheStoreHoldsForOneLookAtWhatChanged() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        int documents = Integer.getInteger("kcdb.bench.documents", 30_000);
        MongoServer server = new MongoServer(new IdIndexedH2Backend(dir.resolve("store.mv").toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> cmcs = client.getDatabase("kcdb").getCollection("published_cmcs");
            Date since = new Date();
            long writing = System.nanoTime();
            for (int first = 0; first < documents; first += PAGE) {
                List<Document> batch = new ArrayList<>();
                for (int i = first; i < Math.min(documents, first + PAGE); i++) {
                    batch.add(migrated(i));
                }
                cmcs.insertMany(batch);
            }
            double writeSeconds = (System.nanoTime() - writing) / 1e9;
            Bson changed = Filters.gte("_changedAt", since);
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n==== KCDB local store: one look at "
                            + "what changed ====%nload average before: %s; %d migrated records of about 3 kB written"
                            + " in %.1f s, all changed since the look before; store file %d MB%n%-44s %14s %9s %9s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim(), documents, writeSeconds,
                    Files.size(dir.resolve("store.mv")) >> 20, "look", "heap held, MB", "answers", "look, s"));
            for (int round = 0; round < 2; round++) {
                // alternating, because the load changes
                for (boolean paged : round == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    long base = used();
                    long held = 0;
                    int answers = 0;
                    int read = 0;
                    long start = System.nanoTime();
                    String after = null;
                    while (true) {
                        Bson query = !paged ? changed
                                : after == null ? changed : Filters.and(changed, Filters.gt("_id", after));
                        var find = cmcs.find(query).batchSize(100);
                        if (paged) {
                            find = find.sort(Sorts.ascending("_id")).limit(PAGE);
                        }
                        int inAnswer = 0;
                        try (MongoCursor<Document> cursor = find.iterator()) {
                            answers++;
                            while (cursor.hasNext()) {
                                Document document = cursor.next();
                                after = document.getString("_id");
                                if (inAnswer++ == 0 && answers == 1) {
                                    // the answer's rest waits in the store (every page's is the same size)
                                    long gc = System.nanoTime();
                                    held = used() - base;
                                    start += System.nanoTime() - gc;
                                }
                            }
                        }
                        read += inAnswer;
                        if (!paged || inAnswer < PAGE) {
                            break;
                        }
                    }
                    if (read != documents) {
                        throw new IllegalStateException("the look read " + read + " of " + documents);
                    }
                    out.append(String.format(Locale.ROOT, "%-44s %14d %9d %9.1f%n", paged
                                    ? "paged: sorted by _id, " + PAGE + " after the last id"
                                    : "as before: every changed record in one answer", held >> 20, answers,
                            (System.nanoTime() - start) / 1e9));
                }
            }
            out.append(String.format(Locale.ROOT, "load average after: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim()));
            System.out.println(out);
        } finally {
            server.shutdownNow();
        }
    }

    /** A migrated record's shape as stored: a few indexed fields and its original JSON, about 3 kB. */
    private static Document migrated(int i) {
        StringBuilder original = new StringBuilder("{\"id\":").append(20_000_000 + i).append(",\"parameters\":[");
        while (original.length() < 3000) {
            original.append("{\"parameterName\":\"frequency ").append(original.length() * 31 + i)
                    .append("\",\"parameterValue\":\"10 Hz to 1 MHz\"},");
        }
        original.append("]}");
        return new Document("_id", String.format(Locale.ROOT, "cmc-%08d", i)).append("_version", 1L)
                .append("_changedAt", new Date()).append("kcdbCode", "EURAMET-EM-DE-" + i + "-1")
                .append("status", "PUBLISHED").append("original", original.toString()).append("outbox", List.of());
    }

    /** The heap in use after a full collection (twice: finalisers and soft references settle). */
    private static long used() {
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
