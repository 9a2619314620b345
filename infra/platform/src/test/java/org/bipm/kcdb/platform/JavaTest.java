package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child JVMs' options: a JVM refuses an option it does not know, so the launcher must not pass it one; and a
 * Spring Boot jar's class-data archive, mapped only once the run that dumped it ended cleanly.
 */
class JavaTest {

    @TempDir
    Path target;

    @Test
    void theNativeHeapIsTrimmedOnlyWhereTheJvmKnowsTheOption() {
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("17.0.15+6"))).isTrue();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("19.0.2"))).isFalse();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("22"))).isTrue();
    }

    @Test
    void everyHeapStartsSmallOnTheSerialCollector() {
        assertThat(Java.heap(256)).startsWith("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC")
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(Java.heap(256).contains("-XX:TrimNativeHeapInterval=5000"))
                .isEqualTo(Java.trimsNativeHeap(Runtime.version()));
    }

    /** The search index holds the whole KCDB in the publication's heap; every other process keeps 256 MB. */
    @Test
    void thePublicationMayGrowItsHeapToHoldTheWholeKcdb() {
        assertThat(Java.maxHeapMegabytes("publication")).isEqualTo(768);
        for (String other : List.of("submission", "comparison", "gateway", "portal")) {
            assertThat(Java.maxHeapMegabytes(other)).as(other).isEqualTo(256);
        }
    }

    /** C2 only where the pipeline, the search or the gateway's throughput need it. */
    @Test
    void theServicesThatKeepTheirStateInTheStoreHaveSmallerHeaps() {
        for (String consumer : List.of("review", "notification")) {
            assertThat(Java.maxHeapMegabytes(consumer)).as(consumer).isEqualTo(160);
        }
    }

    @Test
    void onlyTheProcessesThatDoLittleRunOnTheClientCompiler() {
        for (String light : List.of("mail", "comparison", "portal")) {
            assertThat(Java.compilers(light)).as(light).containsExactly("-XX:TieredStopAtLevel=1");
        }
        for (String busy : List.of("submission", "review", "publication", "notification", "gateway")) {
            assertThat(Java.compilers(busy)).as(busy).isEmpty();
        }
    }

    /**
     * A server whose heap runs out in one thread (a request's) keeps running without the option, answering nothing on
     * that path while its other threads look healthy; with the launcher's options it exits, so {@code ./kcdb status}
     * shows it down.
     */
    @Test
    void aJvmWhoseHeapRunsOutExits() throws Exception {
        Path program = Files.writeString(target.resolve("Hoards.java"), "public class Hoards { public static void"
                + " main(String[] args) throws Exception { Thread worker = new Thread(() -> { java.util.List<long[]>"
                + " kept = new java.util.ArrayList<>(); while (true) { kept.add(new long[1 << 16]); } });"
                + " worker.start(); worker.join(); java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]),"
                + " \"\"); Thread.sleep(600_000); } }");
        List<String> options = new java.util.ArrayList<>(Java.heap(64));

        Process withOptions = new ProcessBuilder(java(options, program, "up with").toArray(String[]::new))
                .directory(target.toFile()).redirectErrorStream(true)
                .redirectOutput(target.resolve("with.log").toFile()).start();
        options.remove("-XX:+ExitOnOutOfMemoryError");
        Process without = new ProcessBuilder(java(options, program, "up without").toArray(String[]::new))
                .directory(target.toFile()).redirectErrorStream(true)
                .redirectOutput(target.resolve("without.log").toFile()).start();
        try {
            assertThat(withOptions.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(withOptions.exitValue()).isNotZero();
            assertThat(target.resolve("up with")).doesNotExist();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!Files.exists(target.resolve("up without")) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(target.resolve("up without")).exists();
            assertThat(without.isAlive()).isTrue();
        } finally {
            withOptions.destroyForcibly();
            without.destroyForcibly();
        }
    }

    /**
     * A kill (or a stop that had to force) in the middle of the dump leaves part of an archive: never mapped, and the
     * next run dumps a whole one.
     */
    @Test
    void aSpringBootArchiveCutShortIsNeverMapped() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        FirstRun first = new FirstRun();
        // As the JVM under -XX:ArchiveClassesAtExit: the archive's first bytes written, then the kill.
        ChildProcess service = first.start("printf '\\360\\013\\253' > " + first.dumping + "; sleep 600",
                first.dumping);

        service.kill();

        List<String> next = Java.classDataSharing(first.bootJar, target.resolve("logs"));
        assertThat(next).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
        assertThat(archive()).doesNotExist();
        assertThat(dumpedTo(next)).doesNotExist();
    }

    @Test
    void aSpringBootArchiveDumpedByARunThatStoppedCleanlyIsMapped() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        FirstRun first = new FirstRun();
        // As the JVM under -XX:ArchiveClassesAtExit: the whole archive written as it stops.
        ChildProcess service = first.start("trap 'printf whole > " + first.dumping + "; exit 143' TERM; "
                + "echo > started; while :; do sleep 0.1; done", target.resolve("started"));

        service.stop(Duration.ofSeconds(60));

        assertThat(archive()).hasContent("whole");
        assertThat(Java.classDataSharing(first.bootJar, target.resolve("logs"))).containsExactly(
                "-XX:SharedArchiveFile=" + archive(), "-jar", target.resolve("cds/service/service.jar").toString());
    }

    /** With a real JVM: what it dumps as SIGTERM ends it becomes the archive, which the next run maps. */
    @Test
    void aJvmStoppedCleanlyLeavesAnArchiveTheNextRunMaps() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        Path archive = target.resolve("cds").resolve("classes.jsa");
        Path program = Files.writeString(target.resolve("Waits.java"), "public class Waits { public static void main("
                + "String[] args) throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]),"
                + " \"\"); Thread.sleep(600_000); } }");
        Path built = Files.writeString(target.resolve("built"), "");
        Files.setLastModifiedTime(built, FileTime.from(Instant.parse("2026-12-04T10:00:00Z")));
        List<String> first = ClassDataArchive.options(archive, built);
        ChildProcess jvm = ChildProcess.start("jvm", java(first, program, "started"), Map.of(), target,
                target.resolve("logs").resolve("jvm.log"));
        ClassDataArchive.keepWhatItDumps(jvm, first);
        jvm.awaitReady(() -> Files.exists(target.resolve("started")), Duration.ofSeconds(120));

        jvm.stop(Duration.ofSeconds(120));

        assertThat(archive).isNotEmptyFile();
        List<String> next = ClassDataArchive.options(archive, built);
        assertThat(next).containsExactly("-XX:SharedArchiveFile=" + archive);
        ChildProcess mapping = ChildProcess.start("mapping", java(List.of("-Xshare:on", next.get(0)), program,
                "mapped"), Map.of(), target, target.resolve("logs").resolve("mapping.log"));
        mapping.awaitReady(() -> Files.exists(target.resolve("mapped")), Duration.ofSeconds(120));
        mapping.kill();
    }

    private static List<String> java(List<String> options, Path program, String started) {
        List<String> command = new java.util.ArrayList<>(List.of(Java.executable()));
        command.addAll(options);
        command.addAll(List.of(program.toString(), started));
        return command;
    }

    /**
     * A Spring Boot jar's first run, as the launcher starts it: the class-data options it is given and the file the
     * JVM dumps its archive to. The jar is already extracted (as by a previous run of the same build), so no
     * extraction runs here; a bash script stands in for the JVM.
     */
    private final class FirstRun {

        final Path bootJar;
        final List<String> options;
        final Path dumping;

        FirstRun() throws IOException, InterruptedException {
            bootJar = target.resolve("service.jar");
            Files.writeString(bootJar, "");
            Files.setLastModifiedTime(bootJar, FileTime.from(Instant.parse("2026-12-04T10:00:00Z")));
            Path jar = Files.createDirectories(target.resolve("cds").resolve("service")).resolve("service.jar");
            Files.writeString(jar, "");
            Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-04T10:01:00Z")));
            options = Java.classDataSharing(bootJar, target.resolve("logs"));
            dumping = dumpedTo(options);
        }

        /** Starts the script in the JVM's place, keeps its archive as the launcher does, waits for {@code ready}. */
        ChildProcess start(String script, Path ready) throws IOException {
            ChildProcess service = ChildProcess.start("service", List.of("bash", "-c", script), Map.of(), target,
                    target.resolve("logs").resolve("service.log"));
            ClassDataArchive.keepWhatItDumps(service, options);
            service.awaitReady(() -> Files.exists(ready), Duration.ofSeconds(30));
            return service;
        }
    }

    private Path archive() {
        return target.resolve("cds").resolve("service").resolve("classes.jsa");
    }

    private static Path dumpedTo(List<String> options) {
        return options.stream().filter(option -> option.startsWith("-XX:ArchiveClassesAtExit="))
                .map(option -> Path.of(option.substring(option.indexOf('=') + 1))).findFirst().orElseThrow();
    }
}
