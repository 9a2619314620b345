package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's list on the local store alone (issue 13; behind {@code -Dkcdb.bench=true}): 30 000 CMC-sized documents
 * of 30 institutes in two collections of one store, one with the submission service's indexes declared and one
 * without, and the list's two queries on each, in turns: the page ({@code {institute}} newest first, 20) and its count.
 * Side by side in one run, so that the machine's load weighs on both alike.
 */
class StoreIndexBenchmark {

    @TempDir
    Path dir;

    @Test
    void theListsPageAndCountWithAndWithoutTheIndex() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: run with -Dkcdb.bench=true");
        int documents = Integer.getInteger("kcdb.bench.records", 30_000);
        int rounds = Integer.getInteger("kcdb.bench.requests", 50);
        MongoServer server = new MongoServer(new IdIndexedH2Backend(dir.resolve("bench.mv").toString()));
        StringBuilder report = new StringBuilder();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> indexed = client.getDatabase("kcdb").getCollection("indexed");
            MongoCollection<Document> plain = client.getDatabase("kcdb").getCollection("plain");
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("institute"), Indexes.descending("createdAt")));
            String padding = "x".repeat(2_000); // about a migrated CMC's size
            for (int from = 0; from < documents; from += 1_000) {
                List<Document> batch = new ArrayList<>();
                for (int i = from; i < Math.min(documents, from + 1_000); i++) {
                    batch.add(new Document("_id", "cmc-" + i).append("institute", "NMI-" + (i % 30))
                            .append("status", "PUBLISHED").append("createdAt", new Date(i)).append("content", padding));
                }
                indexed.insertMany(batch);
                plain.insertMany(batch.stream().map(Document::new).toList());
            }
            report.append(String.format(Locale.ROOT, "%d documents (%d of NMI-7) in each collection, %d processors,"
                    + " load average %.1f%n", documents, documents / 30, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            for (int warm = 0; warm < 3; warm++) {
                page(plain).get();
                page(indexed).get();
            }
            double[][] ms = new double[4][rounds];
            for (int r = 0; r < rounds; r++) {
                ms[0][r] = time(page(plain));
                ms[1][r] = time(page(indexed));
                ms[2][r] = time(() -> plain.countDocuments(Filters.eq("institute", "NMI-7")));
                ms[3][r] = time(() -> indexed.countDocuments(Filters.eq("institute", "NMI-7")));
            }
            assertThat(page(indexed).get()).isEqualTo(page(plain).get());
            String[] labels = {"page, scanning (before)", "page, through the index", "count, scanning (before)",
                    "count, through the index"};
            for (int i = 0; i < 4; i++) {
                Arrays.sort(ms[i]);
                report.append(String.format(Locale.ROOT, "  %-28s x%d  p50 %8.1f  p95 %8.1f  max %8.1f ms%n",
                        labels[i], rounds, ms[i][rounds / 2], ms[i][(int) Math.ceil(rounds * 0.95) - 1],
                        ms[i][rounds - 1]));
            }
            report.append(String.format(Locale.ROOT, "load average at the end %.1f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        } finally {
            server.shutdown();
        }
        Path out = Path.of("target/bench/store-index-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("==== local store index benchmark ====\n" + report);
    }

    private static Supplier<Object> page(MongoCollection<Document> cmcs) {
        return () -> cmcs.find(Filters.eq("institute", "NMI-7")).sort(Sorts.descending("createdAt")).limit(20)
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    private static double time(Supplier<?> query) {
        long start = System.nanoTime();
        query.get();
        return (System.nanoTime() - start) / 1e6;
    }
}
