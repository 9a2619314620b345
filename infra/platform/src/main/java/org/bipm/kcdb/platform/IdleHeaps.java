package org.bipm.kcdb.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * collection and then less than {@link #IDLE} in one look is asked for one ({@code jcmd <pid> GC.run}); the JVM then
 * keeps at most {@code MaxHeapFreeRatio} of its heap free and returns the rest ({@link Java#heap}). G1's periodic
 * collection does the same for G1, which grew the heaps faster under the load (same section).
 */
final class IdleHeaps implements AutoCloseable {

    static final Duration LOOK = Duration.ofSeconds(10);
    /** Enough work since the last collection to have grown the heap (a Spring Boot start is 10 to 20 CPU s). */
    static final Duration BUSY = Duration.ofSeconds(10);
    /** Idle: 2 % of one core over a look (the schedulers, polls and metrics of an idle service). */
    static final Duration IDLE = Duration.ofMillis(200);

    private final Supplier<List<ChildProcess>> processes;
    private final Path jcmd;
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kcdb-idle-heaps");
        thread.setDaemon(true);
        return thread;
    });

    private IdleHeaps(Supplier<List<ChildProcess>> processes, Path jcmd) {
        this.processes = processes;
        this.jcmd = jcmd;
    }

    /** Looks at the processes every {@link #LOOK}; nothing where this JDK has no {@code jcmd} (a runtime image). */
    static Optional<IdleHeaps> watch(Supplier<List<ChildProcess>> processes) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        IdleHeaps idleHeaps = new IdleHeaps(processes, jcmd);
        idleHeaps.looks.scheduleWithFixedDelay(idleHeaps::look, LOOK.toSeconds(), LOOK.toSeconds(), TimeUnit.SECONDS);
        return Optional.of(idleHeaps);
    }

    private void look() {
        for (ChildProcess process : processes.get()) {
            jvm(process.pid()).ifPresent(pid -> {
                Duration cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(null);
                if (cpu != null && watches.computeIfAbsent(pid, p -> new Watch()).collectNow(cpu)) {
                    collect(pid);
                }
            });
        }
        watches.keySet().removeIf(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    /** Asks the JVM for a full collection; false when it could not be asked (it ended, or refuses to be attached). */
    boolean collect(long pid) {
        try {
            Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return run.waitFor(60, TimeUnit.SECONDS) && run.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
