package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keycloak's class-data archive: mapped only when it is newer than Keycloak's last build step, else written anew. */
class KeycloakServerTest {

    @TempDir
    Path home;

    @Test
    void aRunWithoutAnArchiveWritesOneWhenItStops() throws IOException {
        assumeTrue(Runtime.version().feature() < 19, "from Java 19 the JVM keeps the archive itself");
        built(Instant.parse("2026-12-04T10:00:00Z"));

        assertThat(KeycloakServer.classDataSharing(home)).contains(
                "-XX:ArchiveClassesAtExit=" + archive(), "-Xlog:cds=off");
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

        assertThat(KeycloakServer.classDataSharing(home)).contains("-XX:ArchiveClassesAtExit=" + archive());
    }

    @Test
    void fromJava19TheJvmKeepsTheArchiveItself() throws IOException {
        assumeTrue(Runtime.version().feature() >= 19);

        assertThat(KeycloakServer.classDataSharing(home)).contains("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive());
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
