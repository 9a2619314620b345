package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process that worked and idles now is collected once, and its JVM gives back what the work grew its heap to. */
class IdleHeapsTest {

    @Test
    void aProcessIsCollectedOnceWhenItIdlesAfterWorkNotWhileItWorksNorWhenItDidLittle() {
        IdleHeaps.Watch watch = new IdleHeaps.Watch();
        assertThat(watch.collectNow(Duration.ofSeconds(12))).as("the first look only notes the CPU so far").isFalse();
        assertThat(watch.collectNow(Duration.ofSeconds(15))).as("working").isFalse();
        assertThat(watch.collectNow(Duration.ofMillis(15_400))).as("idle after 15 s of work").isTrue();
        assertThat(watch.collectNow(Duration.ofMillis(15_500))).as("still idle: collected already").isFalse();
        assertThat(watch.collectNow(Duration.ofSeconds(18))).as("a little work").isFalse();
        assertThat(watch.collectNow(Duration.ofMillis(18_400))).as("idle after only 3 s of work").isFalse();
        assertThat(watch.collectNow(Duration.ofSeconds(26))).isFalse();
        assertThat(watch.collectNow(Duration.ofMillis(26_600))).as("0.6 s of CPU in a look is work").isFalse();
        assertThat(watch.collectNow(Duration.ofMillis(26_700))).as("idle after 10 s of work in all").isTrue();
    }

    @Test
    void theCollectionOfAnIdleJvmGivesBackTheHeapItsWorkGrew(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Java.executable()));
        command.addAll(Java.heap(256));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Grown.class.getName()));
        ChildProcess grown = ChildProcess.start("grown", command, Java.ENVIRONMENT, dir, dir.resolve("grown.log"));
        try {
            grown.awaitReady(() -> logged(grown, "grown"), Duration.ofSeconds(60));
            long before = ChildProcess.residentKilobytes(grown.pid());

            try (IdleHeaps idleHeaps = IdleHeaps.watch(List::of, dir.resolve("idle-heaps.log")).orElseThrow()) {
                assertThat(IdleHeaps.jvm(grown.pid())).contains(grown.pid());
                assertThat(idleHeaps.collect(grown.pid())).isTrue();
            }

            long after = ChildProcess.residentKilobytes(grown.pid());
            assertThat(before).as("160 MB held once, resident").isGreaterThan(160_000);
            // 60 MB still held: after a collection that keeps 60 % free the heap would stay at 150 MB, so most of
            // what comes back is what the idle collection's tighter ratio gives back.
            assertThat(before - after).as("resident kB given back (%d -> %d)", before, after).isGreaterThan(40_000);
        } finally {
            grown.kill();
        }
    }

    private static boolean logged(ChildProcess process, String text) {
        try {
            return Files.exists(process.log()) && Files.readString(process.log()).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A JVM whose work held 160 MB, of which it still holds 60 MB, and that then idles. */
    public static final class Grown {

        static final List<byte[]> KEPT = new ArrayList<>();

        public static void main(String[] args) throws InterruptedException {
            List<byte[]> held = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                byte[] megabyte = new byte[1024 * 1024];
                (i % 8 < 3 ? KEPT : held).add(megabyte);
            }
            System.out.println("held " + (KEPT.size() + held.size()) + " MB, kept " + KEPT.size());
            held = null;
            System.out.println("grown");
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        }
    }
}
