package org.bipm.kcdb.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** A real single-node Kafka broker in KRaft mode (broker and controller in one), as a child JVM. */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static ChildProcess start(Path dataDir, int port, int controllerPort, String classpath, Path logDir,
                                     java.util.function.Consumer<ChildProcess> started)
            throws IOException, InterruptedException {
        Path logs = dataDir.resolve("kafka");
        Path config = dataDir.resolve("kafka-server.properties");
        Files.createDirectories(logs);
        writeConfig(config, logs, port, controllerPort);
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(config, classpath, logDir);
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(Java.executable());
        command.addAll(Java.heap(512));
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", config.toString()));
        ChildProcess broker = ChildProcess.start("kafka", command, Java.ENVIRONMENT, dataDir,
                logDir.resolve("kafka.log"));
        started.accept(broker);
        // Generous: after a kill -9 the broker recovers every partition's log before it listens, which took more
        // than 60 s on a loaded 2-core machine (bench/faults.sh at a load average of 30).
        broker.awaitReady(() -> ChildProcess.portOpen(port), Duration.ofSeconds(180));
        return broker;
    }

    static void writeConfig(Path config, Path logs, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("log.dirs", logs.toAbsolutePath().toString());
        p.setProperty("num.partitions", "12");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "12");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The log cleaner (compacted topics such as the consumer offsets) allocates its whole dedupe buffer on the heap
        // at start, 128 MB by default, and zeroing it makes every page resident: most of the broker's old generation
        // (bench/README.md, item 6). 8 MB still holds the keys of about 300 000 records per cleaning, far more than
        // a local platform's compacted topics carry.
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "Written by the KCDB platform launcher");
        }
    }

    private static void format(Path config, String classpath, Path logDir) throws IOException, InterruptedException {
        Process format = new ProcessBuilder(Java.executable(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString(),
                "--standalone")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Files.createDirectories(logDir).resolve("kafka-format.log").toFile()))
                .start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("Formatting Kafka's storage failed; see " + logDir.resolve("kafka-format.log"));
        }
    }
}
