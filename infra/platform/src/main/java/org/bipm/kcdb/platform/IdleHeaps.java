package org.bipm.kcdb.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gives back the Java heap a load grew once its process is idle again. The platform's JVMs run the serial collector,
 * which shrinks a heap only at a full collection, and an idle process makes none: every heap stayed at its
 * high-water mark, about 1 000 MB of the 3.6 GB the platform held after the benchmarks' load (bench/README.md,
 * item 6, "Where the memory after the load is"). A process that has used {@link #BUSY} of CPU since its last full
 * collection and then less than {@link #IDLE} in one look is asked for one, with at most {@link #IDLE_FREE_PERCENT}
 * of its heap kept free after it, and the rest given back ({@link #COMMANDS}). The free ratios stay as they were for
 * the collections the work makes ({@link Java#heap}): a heap kept that tight under a load would be collected and
 * grown over and over. G1's periodic collection does the same for G1, which grew the heaps faster under the load
 * (same section).
 */
final class IdleHeaps implements AutoCloseable {

    static final Duration LOOK = Duration.ofSeconds(10);
    /** Enough work since the last collection to have grown the heap (a Spring Boot start is 10 to 20 CPU s). */
    static final Duration BUSY = Duration.ofSeconds(10);
    /**
     * Idle: 5 % of one core over a look. An idle platform's processes are not at rest: Kafka (its consumers' polls and
     * heartbeats) and the publication service (its index refreshes) used 3 to 4 % of a core after the benchmarks'
     * load, and were never collected with 2 %.
     */
    static final Duration IDLE = Duration.ofMillis(500);
    /** What an idle heap keeps free after its collection; the next load grows it again as it needs. */
    static final int IDLE_FREE_PERCENT = 10;
    /**
     * What the JVM is asked, in one attach ({@code jcmd <pid> -f}): the free ratios are manageable flags, set tight
     * for this collection and back to {@link Java#heap}'s after it (the minimum first down and last up: the JVM
     * refuses a maximum below the minimum).
     */
    static final List<String> COMMANDS = List.of("VM.set_flag MinHeapFreeRatio 0",
            "VM.set_flag MaxHeapFreeRatio " + IDLE_FREE_PERCENT, "GC.run",
            "VM.set_flag MaxHeapFreeRatio " + Java.MAX_HEAP_FREE_PERCENT,
            "VM.set_flag MinHeapFreeRatio " + Java.MIN_HEAP_FREE_PERCENT);

    private final Supplier<List<ChildProcess>> processes;
    private final Path jcmd;
    private final Path commands;
    /** Where each idle collection is noted, with the process's resident size before and after it. */
    private final Path log;
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kcdb-idle-heaps");
        thread.setDaemon(true);
        return thread;
    });

    private IdleHeaps(Supplier<List<ChildProcess>> processes, Path jcmd, Path commands, Path log) {
        this.processes = processes;
        this.jcmd = jcmd;
        this.commands = commands;
        this.log = log;
    }

    /**
     * Looks at the processes every {@link #LOOK}, noting each collection in {@code log}; nothing where this JDK has
     * no {@code jcmd} (a runtime image).
     */
    static Optional<IdleHeaps> watch(Supplier<List<ChildProcess>> processes, Path log) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        Path commands;
        try {
            commands = Files.createTempFile("kcdb-idle-heaps", ".jcmd");
            commands.toFile().deleteOnExit();
            Files.write(commands, COMMANDS);
        } catch (IOException e) {
            return Optional.empty();
        }
        IdleHeaps idleHeaps = new IdleHeaps(processes, jcmd, commands, log);
        idleHeaps.looks.scheduleWithFixedDelay(idleHeaps::look, LOOK.toSeconds(), LOOK.toSeconds(), TimeUnit.SECONDS);
        return Optional.of(idleHeaps);
    }

    private void look() {
        for (ChildProcess process : processes.get()) {
            jvm(process.pid()).ifPresent(pid -> {
                Duration cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(null);
                if (cpu != null && watches.computeIfAbsent(pid, p -> new Watch()).collectNow(cpu)) {
                    long before = ChildProcess.residentKilobytes(pid);
                    boolean collected = collect(pid);
                    note(String.format(Locale.ROOT, "%s %s idle: %s, resident %d -> %d MB%n",
                            Instant.now(), process.name(), collected ? "collected" : "not collected",
                            before / 1024, ChildProcess.residentKilobytes(pid) / 1024));
                }
            });
        }
        watches.keySet().removeIf(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    /** Asks the JVM for the idle collection; false when it could not be asked (it ended, or refuses to be attached). */
    boolean collect(long pid) {
        try {
            Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "-f", commands.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return run.waitFor(60, TimeUnit.SECONDS) && run.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void note(String line) {
        try {
            Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a note only
        }
    }

    /** The JVM of a child: the process itself, or the one a start script runs (Keycloak's kc.sh). */
    static Optional<Long> jvm(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst());
    }

    @Override
    public void close() {
        looks.shutdownNow();
    }

    /** One process's CPU since its last collection, and whether it is time for the next. */
    static final class Watch {

        private Duration lastCpu;
        private Duration sinceCollection = Duration.ZERO;

        /** Given the process's CPU time so far: whether it worked since its last collection and is idle now. */
        boolean collectNow(Duration cpu) {
            if (lastCpu == null) {
                lastCpu = cpu;
                sinceCollection = cpu;
                return false;
            }
            Duration used = cpu.minus(lastCpu);
            lastCpu = cpu;
            sinceCollection = sinceCollection.plus(used);
            if (used.compareTo(IDLE) < 0 && sinceCollection.compareTo(BUSY) >= 0) {
                sinceCollection = Duration.ZERO;
                return true;
            }
            return false;
        }
    }
}
