package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bipm.kcdb.platform.MongoWireServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the copy on update costs (issue 16; behind {@code -Dkcdb.bench=true}): two of the platform's stores in one JVM
 * ({@link MongoWireServer#backend}), one updating in place as before ({@value #COPY_ON_UPDATE}=false, read by
 * infra/platform's {@code IdIndexedH2Backend} when a collection opens) and one copying, the same review-case-shaped
 * documents in both; updates by id ({@code $set} of the nested values, {@code $unset}, as the review writes) and
 * queries (by id; by RMO, 20 cases) in alternating blocks, so that the machine's load weighs on both alike.
 */
class StoreCopyBenchmark {

    private static final String COPY_ON_UPDATE = "kcdb.store.copyOnUpdate";

    @TempDir
    Path dir;

    @Test
    void updatesAndQueriesWithAndWithoutTheCopy() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: run with -Dkcdb.bench=true");
        int cases = 2_000;
        int rounds = Integer.getInteger("kcdb.bench.rounds", 12);
        int block = 200;
        System.setProperty(COPY_ON_UPDATE, "false");
        MongoServer inPlace = new MongoServer(MongoWireServer.backend(dir.resolve("in-place.mv")));
        MongoClient inPlaceClient = MongoClients.create("mongodb://127.0.0.1:" + inPlace.bind().getPort());
        MongoCollection<Document> before = collection(inPlaceClient, cases); // its collection opened in place
        System.clearProperty(COPY_ON_UPDATE);
        MongoServer copying = new MongoServer(MongoWireServer.backend(dir.resolve("copying.mv")));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%d review-case documents in each store, blocks of %d operations, %d rounds, load average %.1f%n",
                cases, block, rounds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try (inPlaceClient; MongoClient copyingClient = MongoClients.create("mongodb://127.0.0.1:"
                + copying.bind().getPort())) {
            MongoCollection<Document> after = collection(copyingClient, cases);
            double[][] us = new double[6][rounds];
            int round = 1;
            for (int r = -3; r < rounds; r++) { // three rounds to warm up
                double[] sample = new double[6];
                sample[0] = updates(before, round, block, cases);
                sample[1] = updates(after, round, block, cases);
                round += block;
                sample[2] = byId(before, block, cases);
                sample[3] = byId(after, block, cases);
                sample[4] = byRmo(before, block / 10);
                sample[5] = byRmo(after, block / 10);
                if (r >= 0) {
                    for (int i = 0; i < 6; i++) {
                        us[i][r] = sample[i];
                    }
                }
            }
            Document inPlaceCase = before.find(Filters.eq("_id", "case-7")).first();
            Document copiedCase = after.find(Filters.eq("_id", "case-7")).first();
            inPlaceCase.remove("changedAt");
            copiedCase.remove("changedAt");
            assertThat(copiedCase).isEqualTo(inPlaceCase);
            String[] labels = {"update by id, in place (before)", "update by id, on a copy", "query by id (before)",
                    "query by id", "query by RMO, 20 cases (before)", "query by RMO, 20 cases"};
            for (int i = 0; i < 6; i++) {
                Arrays.sort(us[i]);
                report.append(String.format(Locale.ROOT, "  %-34s median %8.1f  min %8.1f  max %8.1f us/op%n",
                        labels[i], us[i][rounds / 2], us[i][0], us[i][rounds - 1]));
            }
            Document shape = new Document(StoreAnswerRaceTest.reviewCase(1, 1));
            de.bwaldvogel.mongo.bson.Document stored = new de.bwaldvogel.mongo.bson.Document();
            shape.forEach(stored::put);
            report.append(String.format(Locale.ROOT, "  the copy alone (cloneDeeply of one case): %.2f us%n",
                    copies(stored)));
            report.append(String.format(Locale.ROOT, "load average at the end %.1f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        } finally {
            inPlace.shutdown();
            copying.shutdown();
        }
        Path out = Path.of("target/bench/store-copy-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("==== local store copy-on-update benchmark ====\n" + report);
    }

    private static MongoCollection<Document> collection(MongoClient client, int cases) {
        MongoCollection<Document> collection = client.getDatabase("review").getCollection("review_cases");
        List<Document> all = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            all.add(StoreAnswerRaceTest.reviewCase(i, 0));
        }
        collection.insertMany(all);
        return collection;
    }

    private static double updates(MongoCollection<Document> cases, int from, int block, int count) {
        long start = System.nanoTime();
        for (int n = from; n < from + block; n++) {
            cases.updateOne(Filters.eq("_id", "case-" + (n % count)), StoreAnswerRaceTest.changeTo(n));
        }
        return (System.nanoTime() - start) / 1e3 / block;
    }

    private static double byId(MongoCollection<Document> cases, int block, int count) {
        long start = System.nanoTime();
        for (int n = 0; n < block; n++) {
            cases.find(Filters.eq("_id", "case-" + (n * 7 % count))).first();
        }
        return (System.nanoTime() - start) / 1e3 / block;
    }

    private static double byRmo(MongoCollection<Document> cases, int block) {
        long start = System.nanoTime();
        for (int n = 0; n < block; n++) {
            cases.find(Filters.eq("rmo", "EURAMET")).limit(20).into(new ArrayList<>());
        }
        return (System.nanoTime() - start) / 1e3 / block;
    }

    /** Microseconds per deep copy, the median of 20 blocks of 2 000. */
    private static double copies(de.bwaldvogel.mongo.bson.Document stored) {
        double[] us = new double[20];
        Object sink = null;
        for (int b = -5; b < us.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                sink = stored.cloneDeeply();
            }
            if (b >= 0) {
                us[b] = (System.nanoTime() - start) / 1e3 / 2_000;
            }
        }
        assertThat(sink).isNotNull();
        Arrays.sort(us);
        return us[us.length / 2];
    }
}
