package org.bipm.kcdb.platform;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which queries read a whole collection on the local store, by collection and shape (the query with its values
 * replaced by their types), and how many documents they read: printed to the store's log every {@code seconds} while
 * anything was scanned ({@code KCDB_STORE_SCANS=<seconds>} in the platform's environment). A diagnostic for
 * benchmark runs: off, the store records nothing.
 */
final class ScanCensus {

    private static final int SHOWN = 15;
    private static volatile ScanCensus running;

    private final Map<String, LongAdder[]> scans = new ConcurrentHashMap<>();

    private ScanCensus() {
    }

    /** Starts printing every {@code seconds}; once per JVM. */
    static synchronized void start(long seconds) {
        if (running != null) {
            return;
        }
        ScanCensus census = new ScanCensus();
        Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "scan-census");
            thread.setDaemon(true);
            return thread;
        }).scheduleAtFixedRate(census::print, seconds, seconds, TimeUnit.SECONDS);
        running = census;
    }

    /** A query on {@code collection} read all its {@code documents}; nothing unless the census runs. */
    static void scanned(String collection, Document query, long documents) {
        ScanCensus census = running;
        if (census != null) {
            LongAdder[] counts = census.scans.computeIfAbsent(collection + " " + shape(query),
                    key -> new LongAdder[] {new LongAdder(), new LongAdder()});
            counts[0].increment();
            counts[1].add(documents);
        }
    }

    private void print() {
        if (scans.isEmpty()) {
            return;
        }
        Map<String, long[]> taken = new ConcurrentHashMap<>();
        scans.keySet().forEach(key -> {
            LongAdder[] counts = scans.remove(key);
            taken.put(key, new long[] {counts[0].sum(), counts[1].sum()});
        });
        StringBuilder out = new StringBuilder("Whole-collection reads since the last census (scans, documents read):");
        taken.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue()[1])).limit(SHOWN)
                .forEach(e -> out.append(String.format("%n  %8d %12d  %s", e.getValue()[0], e.getValue()[1],
                        e.getKey())));
        System.out.println(out);
    }

    /** The query with its values replaced by their types: {@code {_id={$in=[String x20]}, outbox={$size=Integer}}}. */
    static String shape(Object value) {
        if (value instanceof Document document) {
            StringJoiner fields = new StringJoiner(", ", "{", "}");
            document.forEach((key, field) -> fields.add(key + "=" + shape(field)));
            return fields.toString();
        }
        if (value instanceof Collection<?> values) {
            StringJoiner kinds = new StringJoiner(", ", "[", "]");
            values.stream().map(ScanCensus::shape).distinct().limit(4).forEach(kinds::add);
            return values.size() > 1 ? kinds + " x" + values.size() : kinds.toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
