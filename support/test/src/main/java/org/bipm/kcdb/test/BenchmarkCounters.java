package org.bipm.kcdb.test;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The counters a service's benchmark reads before and after its measured window, so it reports the difference per
 * unit of work: the CPU time of the whole JVM and of each thread, and the store commands the service sent by name
 * (a count the machine's load does not change; counted once the benchmark imports {@link StoreCommands}).
 */
public final class BenchmarkCounters {

    private static final Map<String, AtomicLong> STORE_COMMANDS = new ConcurrentHashMap<>();

    private BenchmarkCounters() {
    }

    /** Counts every command the service's store client sends, by command name. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class StoreCommands {

        @Bean
        MongoClientSettingsBuilderCustomizer countedCommands() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    STORE_COMMANDS.computeIfAbsent(event.getCommandName(), name -> new AtomicLong())
                            .incrementAndGet();
                }
            });
        }
    }

    /** The store commands sent so far, by command name in alphabetical order. */
    public static Map<String, Long> storeCommands() {
        Map<String, Long> counts = new TreeMap<>();
        STORE_COMMANDS.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    /** The CPU time (ns) each live thread has used so far, by thread id. */
    public static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long time = threads.getThreadCpuTime(id);
            if (time >= 0) {
                cpu.put(id, time);
            }
        }
        return cpu;
    }

    /** The CPU time (ns) the whole JVM has used so far. */
    public static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
