package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChildProcess#kill}: the fault-injection suite's {@code kill -9}, of the process and what it started; and what
 * runs after a clean stop only.
 */
class ChildProcessTest {

    @Test
    void killEndsTheProcessAndItsChildrenEvenWhenTheyIgnoreSigterm(@TempDir Path dir) throws Exception {
        // As Keycloak runs: a shell script that starts the server as its child. Both ignore SIGTERM here, so only a
        // SIGKILL ends them.
        ChildProcess script = ChildProcess.start("stubborn", List.of("bash", "-c",
                        "trap '' TERM; sleep 600 & echo $! > child.pid; wait"), Map.of(), dir,
                dir.resolve("logs").resolve("stubborn.log"));
        Path childPid = dir.resolve("child.pid");
        script.awaitReady(() -> Files.exists(childPid) && sizeOf(childPid) > 0, Duration.ofSeconds(30));
        long child = Long.parseLong(Files.readString(childPid).strip());
        assertThat(ProcessHandle.of(child)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        script.kill();

        // Both ignore SIGTERM: alive after kill() (which waits up to 30 s) unless it sent SIGKILL. No bound on how long
        // kill() took: a loaded machine makes any such bound too short.
        assertThat(script.alive()).isFalse();
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void whatRunsAfterACleanStopRunsOnlyWhenTheTreeEndedByItselfWithinTheGrace(@TempDir Path dir) throws Exception {
        // As kc.sh runs Keycloak: the script passes SIGTERM on to its child and waits for it.
        ChildProcess clean = ChildProcess.start("clean", List.of("bash", "-c",
                "sleep 600 & child=$!; trap 'kill -TERM $child; wait $child' TERM; echo > started; wait"), Map.of(),
                dir, dir.resolve("logs").resolve("clean.log"));
        ChildProcess stubborn = ChildProcess.start("stubborn", List.of("bash", "-c",
                "trap '' TERM; sleep 600 & echo > started-too; wait"), Map.of(), dir,
                dir.resolve("logs").resolve("stubborn.log"));
        ChildProcess killed = ChildProcess.start("killed", List.of("bash", "-c", "sleep 600"), Map.of(), dir,
                dir.resolve("logs").resolve("killed.log"));
        clean.awaitReady(() -> Files.exists(dir.resolve("started")), Duration.ofSeconds(30));
        stubborn.awaitReady(() -> Files.exists(dir.resolve("started-too")), Duration.ofSeconds(30));
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        clean.afterCleanStop(() -> ran.add("clean"));
        stubborn.afterCleanStop(() -> ran.add("stubborn"));
        killed.afterCleanStop(() -> ran.add("killed"));

        clean.stop(Duration.ofSeconds(60));
        stubborn.stop(Duration.ofSeconds(1));
        killed.kill();

        assertThat(ran).containsExactly("clean");
        assertThat(List.of(clean.alive(), stubborn.alive(), killed.alive())).containsOnly(false);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
