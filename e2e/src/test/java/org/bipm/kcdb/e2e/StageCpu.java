package org.bipm.kcdb.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bipm.kcdb.platform.ChildProcess;
import org.bipm.kcdb.platform.Platform;

/**
 * The CPU seconds each of the platform's processes, the benchmark's own JVM and the whole machine spent in each stage
 * of a benchmark: CPU time, unlike a stage's wall-clock time, depends little on what else the machine runs, so it
 * tells where the work goes even on a loaded machine. Read from {@code /proc/<pid>/stat} (utime + stime, and the
 * time of children already waited for) over the process and its living descendants, as Keycloak runs under its start
 * script; the machine's from {@code /proc/stat}. Linux only: elsewhere every figure reads zero.
 */
final class StageCpu {

    /** Linux reports process times in clock ticks of 1/100 s on every architecture the platform runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final String BENCH = "bench JVM";

    private final Platform platform;
    private final long benchPid = ProcessHandle.current().pid();
    private final List<String> stageNames = new ArrayList<>();
    /** Per stage: CPU seconds by process, and the machine's busy and total CPU seconds (all cores). */
    private final List<Map<String, Double>> stages = new ArrayList<>();
    private final List<double[]> machine = new ArrayList<>();
    private Sample last;

    private StageCpu(Platform platform) {
        this.platform = platform;
        this.last = sample();
    }

    /** Starts counting now: the first stage begins here. */
    static StageCpu start(Platform platform) {
        return new StageCpu(platform);
    }

    /** Closes the stage that began at the last call (or at the start); {@code name} heads its column, 7 at most. */
    void stage(String name) {
        Sample now = sample();
        Map<String, Double> seconds = new LinkedHashMap<>();
        now.ticks().forEach((process, ticks) -> {
            Ticks before = last.ticks().get(process);
            // A process restarted within the stage (another pid) counts from zero.
            long spent = before != null && before.pid() == ticks.pid() ? ticks.ticks() - before.ticks() : ticks.ticks();
            seconds.put(process, spent / TICKS_PER_SECOND);
        });
        stageNames.add(name);
        stages.add(seconds);
        machine.add(new double[] {(now.machineBusy() - last.machineBusy()) / TICKS_PER_SECOND,
                (now.machineTotal() - last.machineTotal()) / TICKS_PER_SECOND});
        last = now;
    }

    /**
     * One table, a row per process and a column per stage, then the whole and CPU ms per {@code per} unit (a CMC);
     * below the processes their sum, the machine's busy CPU, what other programs used (the machine's busy CPU less
     * the processes', the load of others), and the machine's capacity (its cores times the wall-clock time).
     */
    String table(int per, String unit) {
        List<String> processes = new ArrayList<>();
        stages.forEach(s -> s.keySet().stream().filter(p -> !processes.contains(p)).forEach(processes::add));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s", "CPU s"));
        stageNames.forEach(name -> out.append(String.format(Locale.ROOT, " %7s", name)));
        out.append(String.format(Locale.ROOT, " %7s %7s%n", "whole", "ms/" + unit));
        double[] sums = new double[stages.size()];
        for (String process : processes) {
            double[] row = new double[stages.size()];
            for (int i = 0; i < stages.size(); i++) {
                row[i] = stages.get(i).getOrDefault(process, 0.0);
                sums[i] += row[i];
            }
            out.append(line(process, row, per));
        }
        double[] busy = machine.stream().mapToDouble(m -> m[0]).toArray();
        double[] others = new double[stages.size()];
        for (int i = 0; i < stages.size(); i++) {
            others[i] = Math.max(0, busy[i] - sums[i]);
        }
        out.append(line("these processes", sums, per));
        out.append(line("machine busy", busy, per));
        out.append(line("other programs", others, per));
        out.append(line("machine capacity", machine.stream().mapToDouble(m -> m[1]).toArray(), per));
        return out.toString();
    }

    private static String line(String name, double[] seconds, int per) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", name));
        double whole = 0;
        for (double s : seconds) {
            line.append(String.format(Locale.ROOT, " %7.1f", s));
            whole += s;
        }
        return line.append(String.format(Locale.ROOT, " %7.1f %7.2f%n", whole, per > 0 ? 1000 * whole / per : 0))
                .toString();
    }

    private record Ticks(long pid, long ticks) {
    }

    private record Sample(Map<String, Ticks> ticks, long machineBusy, long machineTotal) {
    }

    private Sample sample() {
        Map<String, Ticks> ticks = new LinkedHashMap<>();
        for (ChildProcess process : platform.processes()) {
            ticks.put(process.name(), new Ticks(process.pid(), treeTicks(process.pid())));
        }
        // Its own threads only: the platform's processes are its children, counted above.
        ticks.put(BENCH, new Ticks(benchPid, ownTicks(benchPid, false)));
        long[] cpu = machineTicks();
        return new Sample(ticks, cpu[0], cpu[1]);
    }

    /** The CPU ticks of the process and its living descendants, each with its children already waited for. */
    static long treeTicks(long pid) {
        return ProcessHandle.of(pid).map(root -> Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(handle -> ownTicks(handle.pid(), true)).sum()).orElse(0L);
    }

    /**
     * utime + stime of {@code /proc/<pid>/stat} (fields 14, 15), with {@code waited} also cutime + cstime (16, 17: the
     * children it has waited for); zero where it cannot be read.
     */
    static long ownTicks(long pid, boolean waited) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 (the state), so field n is fields[n - 3].
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return waited ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The machine's busy ticks (user, nice, system, irq, softirq, steal) and all ticks (with idle and iowait). */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return new long[] {busy, busy + Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {0, 0};
        }
    }
}
