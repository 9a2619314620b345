package org.bipm.kcdb.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * An application class-data archive of one program (a Spring Boot jar, Keycloak): the JVM maps the classes a previous
 * run loaded instead of reading, parsing and verifying them again (bench/README.md, item 6). On Java 19 and later the
 * JVM makes and refreshes the archive itself. On Java 17 a run without a current archive dumps one as it exits, and
 * later runs map it; the run dumps it under another name, which becomes the archive only once that run ended within
 * its stop's grace ({@link #keepWhatItDumps}). A kill or a forced stop in the middle of the dump leaves part of an
 * archive: under the archive's own name, newer than the build, it was named by every later start (the JVM then
 * ignores it) and none dumped a whole one again.
 */
final class ClassDataArchive {

    private static final String DUMP_AT_EXIT = "-XX:ArchiveClassesAtExit=";
    private static final String DUMPED = ".dumped";

    private ClassDataArchive() {
    }

    /**
     * A run's options: map {@code archive} when it is newer than {@code built} (what the program's last build wrote,
     * whose classes the archive holds), else dump a new one as it exits. The dump's thousands of warnings about
     * classes it cannot archive are kept out of the program's log.
     */
    static List<String> options(Path archive, Path built) throws IOException {
        Files.createDirectories(archive.getParent());
        if (Runtime.version().feature() >= 19) {
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
        }
        if (Files.exists(archive) && Files.exists(built)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(built)) > 0) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        Files.deleteIfExists(dumped(archive));
        return List.of(DUMP_AT_EXIT + dumped(archive), "-Xlog:cds=off");
    }

    /** Where a run dumps the archive before it is kept. */
    static Path dumped(Path archive) {
        return archive.resolveSibling(archive.getFileName() + DUMPED);
    }

    /** When {@code options} dump an archive, what the process dumped becomes the archive once it stopped cleanly. */
    static void keepWhatItDumps(ChildProcess process, List<String> options) {
        options.stream().filter(option -> option.startsWith(DUMP_AT_EXIT))
                .map(option -> Path.of(option.substring(DUMP_AT_EXIT.length())))
                .findFirst().ifPresent(dumped -> process.afterCleanStop(() -> keep(dumped)));
    }

    /** The archive a run dumped as it ended cleanly becomes the one later runs map. */
    static void keep(Path dumped) {
        String name = dumped.getFileName().toString();
        Path archive = dumped.resolveSibling(name.substring(0, name.length() - DUMPED.length()));
        try {
            if (Files.exists(dumped)) {
                Files.move(dumped, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // no archive: the next start runs without one and dumps again
            System.err.println("Class-data archive not kept: " + archive + ": " + e);
        }
    }
}
