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
        assertThat(Java.heap(256)).startsWith("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC");
        assertThat(Java.heap(256).contains("-XX:TrimNativeHeapInterval=5000"))
                .isEqualTo(Java.trimsNativeHeap(Runtime.version()));
    }

    /**
     * A kill (or a stop that had to force) in the middle of the dump leaves part of an archive: never mapped, and the
     * next run dumps a whole one.
     */
    @Test
    void aSpringBootArchiveCutShortIsNeverMapped() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        Path bootJar = extracted();
        List<String> first = Java.classDataSharing(bootJar, target.resolve("logs"));
        Path dumping = dumpedTo(first);
        // As the JVM under -XX:ArchiveClassesAtExit: the archive's first bytes written, then the kill.
        ChildProcess service = ChildProcess.start("service", List.of("bash", "-c",
                        "printf '\\360\\013\\253' > " + dumping + "; sleep 600"), Map.of(), target,
                target.resolve("logs").resolve("service.log"));
        ClassDataArchive.keepWhatItDumps(service, first);
        service.awaitReady(() -> Files.exists(dumping), Duration.ofSeconds(30));

        service.kill();

        List<String> next = Java.classDataSharing(bootJar, target.resolve("logs"));
        assertThat(next).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
        assertThat(archive()).doesNotExist();
        assertThat(dumpedTo(next)).doesNotExist();
    }

    @Test
    void aSpringBootArchiveDumpedByARunThatStoppedCleanlyIsMapped() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        Path bootJar = extracted();
        List<String> first = Java.classDataSharing(bootJar, target.resolve("logs"));
        Path dumping = dumpedTo(first);
        // As the JVM under -XX:ArchiveClassesAtExit: the whole archive written as it stops.
        ChildProcess service = ChildProcess.start("service", List.of("bash", "-c",
                        "trap 'printf whole > " + dumping + "; exit 143' TERM; echo > started; "
                                + "while :; do sleep 0.1; done"), Map.of(), target,
                target.resolve("logs").resolve("service.log"));
        ClassDataArchive.keepWhatItDumps(service, first);
        service.awaitReady(() -> Files.exists(target.resolve("started")), Duration.ofSeconds(30));

        service.stop(Duration.ofSeconds(60));

        assertThat(archive()).hasContent("whole");
        assertThat(Java.classDataSharing(bootJar, target.resolve("logs"))).containsExactly(
                "-XX:SharedArchiveFile=" + archive(), "-jar", target.resolve("cds/service/service.jar").toString());
    }

    /** A boot jar already extracted (as by a previous run of the same build), so no extraction runs here. */
    private Path extracted() throws IOException {
        Path bootJar = target.resolve("service.jar");
        Files.writeString(bootJar, "");
        Files.setLastModifiedTime(bootJar, FileTime.from(Instant.parse("2026-12-04T10:00:00Z")));
        Path jar = Files.createDirectories(target.resolve("cds").resolve("service")).resolve("service.jar");
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-04T10:01:00Z")));
        return bootJar;
    }

    private Path archive() {
        return target.resolve("cds").resolve("service").resolve("classes.jsa");
    }

    private static Path dumpedTo(List<String> options) {
        return options.stream().filter(option -> option.startsWith("-XX:ArchiveClassesAtExit="))
                .map(option -> Path.of(option.substring(option.indexOf('=') + 1))).findFirst().orElseThrow();
    }
}
