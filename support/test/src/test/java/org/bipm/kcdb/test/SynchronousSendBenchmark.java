package org.bipm.kcdb.test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name; skipped without -Dkcdb.bench=true): what
 * one event costs an outbox relay at the broker. The relay sends each event synchronously (the binder's
 * {@code sync: true}: it removes the event from the outbox only once the broker has it), as here: one
 * {@code send(...).get()} after the other, acks=all, keyed, on a topic of 12 partitions as the platform's. The
 * producer's {@code linger.ms} of 5 (Kafka 4's default) and of 0 (the services' setting since issue 15) are
 * measured side by side in alternating windows. Run: {@code bench/relay-send.sh}.
 */
class SynchronousSendBenchmark {

    @Test
    void synchronousSendsWithAndWithoutLinger() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int events = Integer.getInteger("kcdb.bench.events", 1000);
        String topic = "bench-send-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, 12, (short) 1))).all().get();
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder rows = new StringBuilder();
        // warm-up of both, then two windows each in the order 5, 0, 0, 5 so that drift falls on both
        window(topic, 5, events / 5);
        window(topic, 0, events / 5);
        double[] lingering = new double[0];
        double[] immediate = new double[0];
        for (int linger : new int[] {5, 0, 0, 5}) {
            double[] took = window(topic, linger, events);
            if (linger == 5) {
                lingering = concat(lingering, took);
            } else {
                immediate = concat(immediate, took);
            }
        }
        rows.append(row("linger.ms 5 (Kafka 4's default)", lingering));
        rows.append(row("linger.ms 0 (the services' setting)", immediate));
        System.out.printf(Locale.ROOT, "%n==== KCDB synchronous send ====%n"
                        + "%d keyed events per window, acks=all, one send(...).get() after the other, 2 windows each;"
                        + " %d cores, load average before %.1f%n%-38s %8s %8s %8s %10s%n%sload average after %.1f%n",
                events, Runtime.getRuntime().availableProcessors(), load, "producer", "p50 ms", "p90 ms", "p99 ms",
                "events/s", rows, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double[] window(String topic, int lingerMs, int events) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        double[] took = new double[events];
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", "up")).get();
            for (int i = 0; i < events; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "cmc-" + (i % 500), "{\"event\":" + i + "}")).get();
                took[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return took;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String row(String name, double[] took) {
        double[] sorted = took.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(took).sum();
        return String.format(Locale.ROOT, "%-38s %8.2f %8.2f %8.2f %10.0f%n", name, at(sorted, 50), at(sorted, 90),
                at(sorted, 99), took.length / (total / 1000));
    }

    private static double at(double[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
