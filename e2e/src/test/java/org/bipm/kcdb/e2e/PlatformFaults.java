package org.bipm.kcdb.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bipm.kcdb.e2e.FaultInjection.Fault;
import org.bipm.kcdb.e2e.FaultInjection.Kind;
import org.bipm.kcdb.e2e.FaultInjection.Point;
import org.bipm.kcdb.e2e.FaultInjection.Wave;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault-injection suite (issue 16, item 7), not a test (surefire does not pick the class up by name, and it skips
 * itself without {@code -Dkcdb.bench=true}); run by {@code bench/faults.sh}. On a fresh platform
 * ({@link SharedPlatform}), {@code kcdb.bench.faults.cmcs} workflows (default 2 000) in nine waves, one fault each:
 * each of the five services and the gateway killed with -9 and started again, the Kafka broker killed with -9 and
 * started again, the Mongo-wire store restarted, Keycloak stopped for 30 s. Faults alternate between right after a
 * wave's submissions and right after its intra-RMO approvals. Prints one table of the faults and the counts
 * ({@link FaultInjection}) and fails if a check did not hold.
 */
@ExtendWith(SharedPlatform.class)
class PlatformFaults {

    static final List<Fault> FAULTS = List.of(
            new Fault("submission", Kind.KILL, Point.AFTER_SUBMIT),
            new Fault("review", Kind.KILL, Point.AFTER_INTRA_RMO_APPROVAL),
            new Fault("publication", Kind.KILL, Point.AFTER_SUBMIT),
            new Fault("kafka", Kind.KILL, Point.AFTER_INTRA_RMO_APPROVAL),
            new Fault("notification", Kind.KILL, Point.AFTER_SUBMIT),
            new Fault("mongo", Kind.RESTART, Point.AFTER_INTRA_RMO_APPROVAL),
            new Fault("comparison", Kind.KILL, Point.AFTER_SUBMIT),
            new Fault("gateway", Kind.KILL, Point.AFTER_INTRA_RMO_APPROVAL),
            new Fault("keycloak", Kind.OUTAGE, Point.AFTER_SUBMIT));

    @Test
    void faults(Platform platform) throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/faults.sh)");
        int cmcs = Integer.getInteger("kcdb.bench.faults.cmcs", 2_000);
        List<Wave> waves = new ArrayList<>();
        for (int i = 0; i < FAULTS.size(); i++) {
            int size = cmcs / FAULTS.size() + (i < cmcs % FAULTS.size() ? 1 : 0);
            waves.add(new Wave(size, List.of(FAULTS.get(i))));
        }
        FaultInjection.Result result = new FaultInjection(platform, "FAULTS", Duration.ofMinutes(15)).run(waves);
        System.out.printf(Locale.ROOT, "%n==== KCDB fault injection ====%nmachine: %d cores, Java %s; platform as"
                        + " ./kcdb up runs it, started in %d s%s==== end ====%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                platform.startup().toSeconds(), result.table());
        PlatformBenchmarks.check(result.failures().isEmpty(), "fault injection: " + result.failures());
    }
}
