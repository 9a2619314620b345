package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name; it skips itself without
 * {@code -Dkcdb.bench=true}): the local store's CPU per command, by kind of command, on two stores side by side, each
 * its own JVM as the platform starts it ({@link MongoWireServer}, 512 MB, serial collector): "before" with the
 * store's changes of issue 15's store-cpu pass turned off by their system properties, "after" as the platform runs
 * it. Each is first filled with CMC-sized aggregates with an outbox (more than MVStore's 16 MB page cache holds),
 * then gets the same commands, kind by kind, in turns; a store's CPU is its process's (user + system, collector and
 * MVStore's background writer included) from {@code /proc}, over the commands and the second after them (MVStore
 * writes its changes within a second). With {@code -Dkcdb.bench.jfr=before|after} that store records a JFR profile
 * ({@code settings=profile}) into {@code target/bench/}. {@code bench/store-cpu.sh}; see bench/README.md.
 */
class StoreCommandBenchmark {

    /** The system properties that turn this pass's changes off (the store as before). */
    static final List<String> BEFORE = List.of("-D" + BsonDocumentType.BSON_DOCUMENTS + "=false",
            "-D" + IndexKeyType.INDEX_KEYS + "=false");

    @TempDir
    Path dir;

    @Test
    void cpuPerCommandBeforeAndAfter() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true");
        int stored = Integer.getInteger("kcdb.bench.records", 10_000);
        int commands = Integer.getInteger("kcdb.bench.commands", 2_000);
        int rounds = Integer.getInteger("kcdb.bench.rounds", 3);
        String jfr = System.getProperty("kcdb.bench.jfr", "");
        Path out = Path.of("target/bench");
        Files.createDirectories(out);
        Map<String, Store> stores = new LinkedHashMap<>();
        stores.put("before", Store.start("before", BEFORE, dir, jfr.equals("before") ? out : null));
        stores.put("after", Store.start("after", List.of(), dir, jfr.equals("after") ? out : null));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%n==== KCDB local store CPU per command"
                + " ====%n%d aggregates stored in each store, %d commands of each kind per round, %d rounds, %d"
                + " processors, load average before: %s%n", stored, commands, rounds,
                Runtime.getRuntime().availableProcessors(), loadAverage()));
        try {
            for (Store store : stores.values()) {
                store.fill(stored);
            }
            Map<String, IntConsumer[]> kinds = new LinkedHashMap<>();
            for (String kind : Store.KINDS) {
                kinds.put(kind, stores.values().stream().map(store -> store.command(kind, stored))
                        .toArray(IntConsumer[]::new));
            }
            // warm up each store's JIT on every kind, then measure in turns
            for (IntConsumer[] each : kinds.values()) {
                for (IntConsumer command : each) {
                    for (int i = 0; i < 500; i++) {
                        command.accept(i);
                    }
                }
            }
            Store[] both = stores.values().toArray(Store[]::new);
            long[][] cpu = new long[kinds.size()][both.length];
            int next = 1_000;
            for (int round = 0; round < rounds; round++) {
                int k = 0;
                for (IntConsumer[] each : kinds.values()) {
                    for (int s = 0; s < both.length; s++) {
                        // the second store first every other round, so that neither always follows the other
                        int which = (round % 2 == 0) ? s : both.length - 1 - s;
                        long before = both[which].cpuMillis();
                        for (int i = 0; i < commands; i++) {
                            each[which].accept(next + i);
                        }
                        Thread.sleep(1_200);
                        cpu[k][which] += both[which].cpuMillis() - before;
                    }
                    k++;
                }
                next += commands;
            }
            long idle = idleMillis(both[0]);
            report.append(String.format(Locale.ROOT, "%-50s %12s %12s %8s%n", "command (store CPU per command)",
                    "before us", "after us", "change"));
            int k = 0;
            for (String kind : kinds.keySet()) {
                double[] perCommand = new double[both.length];
                for (int s = 0; s < both.length; s++) {
                    perCommand[s] = (cpu[k][s] - idle * rounds) * 1_000.0 / (commands * (double) rounds);
                }
                report.append(String.format(Locale.ROOT, "%-50s %12.1f %12.1f %7.0f%%%n", kind, perCommand[0],
                        perCommand[1], 100.0 * (perCommand[1] - perCommand[0]) / perCommand[0]));
                k++;
            }
            report.append(String.format(Locale.ROOT, "idle store: %d ms CPU per 1.2 s (subtracted)%n", idle));
            for (Store store : both) {
                store.check(stored);
            }
            assertThat(both[1].snapshot(stored)).isEqualTo(both[0].snapshot(stored));
            report.append("answers: both stores hold the same documents after the run\n");
            report.append("load average after: ").append(loadAverage()).append('\n');
        } finally {
            for (Store store : stores.values()) {
                store.stop();
            }
        }
        Files.writeString(out.resolve("store-cpu-benchmark.txt"), report);
        System.out.println(report);
    }

    /** The store's CPU over 1.2 s without commands (its background threads), measured once after the run. */
    private static long idleMillis(Store store) throws InterruptedException, IOException {
        Thread.sleep(2_000);
        long before = store.cpuMillis();
        Thread.sleep(1_200);
        return store.cpuMillis() - before;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    /** One store JVM and a client of it, with the commands the services send. */
    private static final class Store {

        static final List<String> KINDS = List.of(
                "insert an aggregate with its outbox event",
                "find {_id} (an aggregate)",
                "conditional replace {_id, _version} (save)",
                "conditional update {_id, _version} $set + $push",
                "relay: find {_id: {$in: 20 ids}}",
                "relay: update {_id} $pull outbox, $unset marker",
                "processed-event look find {_id} (absent)",
                "processed-event mark insertOne",
                "counter findOneAndUpdate {_id} $inc (upsert)");

        private final String name;
        private final ChildProcess process;
        private final MongoClient client;
        private final MongoCollection<Document> aggregates;
        private final MongoCollection<Document> processed;
        private final MongoCollection<Document> counters;
        private final String payload = "{\"cmc\":\"" + "x".repeat(1_500) + "\"}";

        private Store(String name, ChildProcess process, int port) {
            this.name = name;
            this.process = process;
            this.client = MongoClients.create("mongodb://127.0.0.1:" + port);
            this.aggregates = client.getDatabase("kcdb").getCollection("cmcs");
            this.processed = client.getDatabase("kcdb").getCollection("processed_events");
            this.counters = client.getDatabase("kcdb").getCollection("counters");
        }

        static Store start(String name, List<String> properties, Path dir, Path jfr) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Java.executable()));
            command.addAll(Java.heap(512));
            command.addAll(properties);
            if (jfr != null) {
                command.add("-XX:StartFlightRecording=settings=profile,filename="
                        + jfr.toAbsolutePath().resolve("store-" + name + ".jfr"));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MongoWireServer.class.getName(),
                    String.valueOf(port), dir.resolve(name + ".mv").toString()));
            ChildProcess process = ChildProcess.start("store-" + name, command, Java.ENVIRONMENT, dir,
                    dir.resolve(name + ".log"));
            process.awaitReady(() -> ChildProcess.portOpen(port), Duration.ofSeconds(120));
            return new Store(name, process, port);
        }

        /** utime + stime of the store's process, in milliseconds (clock ticks of 10 ms). */
        long cpuMillis() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }

        Document aggregate(int i, long version) {
            List<Document> parameters = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                parameters.add(new Document("name", "parameter " + p).append("value", "range " + p + " of " + i)
                        .append("unit", "V"));
            }
            return new Document("_id", "cmc-" + i).append("_version", version).append("institute", "NMI-" + (i % 30))
                    .append("status", "SUBMITTED").append("createdAt", new Date(1_700_000_000_000L + i))
                    .append("updatedAt", new Date(1_700_000_000_000L + i + version))
                    .append("area", "EM").append("branch", "DC").append("service", "1.1.1")
                    .append("quantity", "DC voltage " + i).append("instrument", "Zener reference standard")
                    .append("comments", "x".repeat(600)).append("parameters", parameters)
                    .append("uncertainty", new Document("expanded", 0.5 + i % 7).append("unit", "uV/V")
                            .append("coverageFactor", 2.0).append("level", 95))
                    .append("outbox", List.of(event(i, version))).append("_outboxPending", true);
        }

        Document event(int i, long version) {
            return new Document("id", "event-" + i + "-" + version).append("type", "cmc.submitted")
                    .append("occurredAt", new Date(1_700_000_000_000L + i)).append("payload", payload);
        }

        void fill(int stored) {
            for (int from = 0; from < stored; from += 500) {
                List<Document> batch = new ArrayList<>();
                for (int i = from; i < Math.min(stored, from + 500); i++) {
                    batch.add(aggregate(i, 1));
                }
                aggregates.insertMany(batch);
            }
        }

        /** Command {@code kind}; its argument counts up, so that each call touches another aggregate. */
        IntConsumer command(String kind, int stored) {
            return switch (KINDS.indexOf(kind)) {
                case 0 -> i -> aggregates.insertOne(aggregate(stored + i + 1_000_000 * KINDS.size(), 1));
                case 1 -> i -> aggregates.find(Filters.eq("_id", "cmc-" + spread(i, stored))).first();
                case 2 -> i -> {
                    Document current = aggregates.find(Filters.eq("_id", "cmc-" + spread(i, stored))).first();
                    long version = current.getLong("_version");
                    aggregates.replaceOne(new Document("_id", current.get("_id")).append("_version", version),
                            aggregate(spread(i, stored), version + 1));
                };
                case 3 -> i -> {
                    int at = spread(i + 7, stored);
                    Document current = aggregates.find(Filters.eq("_id", "cmc-" + at)).first();
                    long version = current.getLong("_version");
                    aggregates.updateOne(new Document("_id", "cmc-" + at).append("_version", version),
                            Updates.combine(Updates.set("_version", version + 1), Updates.set("status", "APPROVED"),
                                    Updates.push("outbox", event(at, version + 1)),
                                    Updates.set("_outboxPending", true)));
                };
                case 4 -> i -> {
                    List<String> ids = new ArrayList<>();
                    for (int j = 0; j < 20; j++) {
                        ids.add("cmc-" + spread(i * 20 + j, stored));
                    }
                    aggregates.find(Filters.in("_id", ids)).into(new ArrayList<>());
                };
                case 5 -> i -> {
                    int at = spread(i + 13, stored);
                    aggregates.updateOne(Filters.eq("_id", "cmc-" + at), Updates.combine(
                            Updates.pullByFilter(new Document("outbox", new Document("id",
                                    new Document("$in", List.of("event-" + at + "-1", "event-" + at + "-2"))))),
                            Updates.unset("_outboxPending")));
                };
                case 6 -> i -> processed.find(Filters.eq("_id", "absent-" + i)).first();
                case 7 -> i -> processed.insertOne(new Document("_id", "event-" + i + "-" + kind.hashCode())
                        .append("processedAt", new Date(1_700_000_000_000L + i)));
                case 8 -> i -> counters.findOneAndUpdate(Filters.eq("_id", "kcdb-code-" + (i % 50)),
                        Updates.inc("value", 1L), new FindOneAndUpdateOptions().upsert(true)
                                .returnDocument(ReturnDocument.AFTER));
                default -> throw new IllegalArgumentException(kind);
            };
        }

        /** The aggregates in an order that jumps across the collection (and MVStore's pages). */
        static int spread(int i, int stored) {
            return (int) ((i * 7_919L) % stored);
        }

        void check(int stored) {
            assertThat(aggregates.countDocuments(Filters.eq("institute", "NMI-7"))).isPositive();
            assertThat(process.alive()).as(name + " alive").isTrue();
        }

        List<Document> snapshot(int stored) {
            List<Document> all = new ArrayList<>();
            aggregates.find().into(all);
            processed.find().into(all);
            counters.find().into(all);
            return all;
        }

        void stop() {
            client.close();
            process.stop(Duration.ofSeconds(30));
        }
    }
}
