package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keycloak's class-data archive: mapped only when it is newer than Keycloak's last build step, else written anew, and
 * only once the run that wrote it ended cleanly.
 */
class KeycloakServerTest {

    @TempDir
    Path home;

    @Test
    void aRunWithoutAnArchiveWritesOneWhenItStops() throws IOException {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        built(Instant.parse("2026-12-04T10:00:00Z"));

        assertThat(KeycloakServer.classDataSharing(home)).contains(
                "-XX:ArchiveClassesAtExit=" + dumped(), "-Xlog:cds=off");
    }

    /** A kill (or a stop that had to force) in the middle of the dump leaves part of an archive: never mapped. */
    @Test
    void anArchiveCutShortIsNeverMapped() throws IOException {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        built(Instant.parse("2026-12-04T10:00:00Z"));
        Path dumping = dumpedTo(KeycloakServer.classDataSharing(home));
        Files.write(dumping, new byte[] {(byte) 0xf0, 0x0b, (byte) 0xab}); // the header's first bytes, then the kill

        List<String> next = KeycloakServer.classDataSharing(home);

        assertThat(next).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
        assertThat(dumpedTo(next)).doesNotExist();
    }

    @Test
    void anArchiveDumpedByARunThatStoppedCleanlyIsMapped() throws IOException {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        built(Instant.parse("2026-12-04T10:00:00Z"));
        Files.writeString(dumpedTo(KeycloakServer.classDataSharing(home)), "the whole archive");

        ClassDataArchive.keep(dumped());

        assertThat(KeycloakServer.classDataSharing(home)).containsExactly("-XX:SharedArchiveFile=" + archive());
        assertThat(archive()).hasContent("the whole archive");
    }

    @Test
    void anArchiveNewerThanTheBuildIsMapped() throws IOException {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        built(Instant.parse("2026-12-04T10:00:00Z"));
        archived(Instant.parse("2026-12-04T10:05:00Z"));

        assertThat(KeycloakServer.classDataSharing(home)).containsExactly("-XX:SharedArchiveFile=" + archive());
    }

    @Test
    void anArchiveOlderThanTheBuildIsWrittenAgain() throws IOException {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        archived(Instant.parse("2026-12-04T10:00:00Z"));
        built(Instant.parse("2026-12-04T10:05:00Z"));

        assertThat(KeycloakServer.classDataSharing(home)).contains("-XX:ArchiveClassesAtExit=" + dumped());
    }

    @Test
    void fromJava19TheJvmKeepsTheArchiveItself() throws IOException {
        assumeTrue(Runtime.version().feature() >= 19);

        assertThat(KeycloakServer.classDataSharing(home)).contains("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive());
    }

    private static Path dumpedTo(List<String> options) {
        return options.stream().filter(option -> option.startsWith("-XX:ArchiveClassesAtExit="))
                .map(option -> Path.of(option.substring(option.indexOf('=') + 1))).findFirst().orElseThrow();
    }

    private Path dumped() {
        return home.resolve("data").resolve("cds").resolve("classes.jsa.dumped");
    }

    private Path archive() {
        return home.resolve("data").resolve("cds").resolve("classes.jsa");
    }

    private void built(Instant when) throws IOException {
        Path generated = Files.createDirectories(home.resolve("lib").resolve("quarkus"))
                .resolve("generated-bytecode.jar");
        Files.writeString(generated, "");
        Files.setLastModifiedTime(generated, FileTime.from(when));
    }

    private void archived(Instant when) throws IOException {
        Files.createDirectories(archive().getParent());
        Files.writeString(archive(), "");
        Files.setLastModifiedTime(archive(), FileTime.from(when));
    }
}
