package org.bipm.kcdb.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The java executable of the running JVM, so that every child runs on the same JDK, and the children's options. */
final class Java {

    /**
     * glibc gives each thread that allocates its own malloc arena (64 MB of address space, some of it resident); a
     * JVM's own native allocations need few. Two arenas took tens of MB off each process's resident size.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private Java() {
    }

    static String home() {
        return System.getProperty("java.home");
    }

    static String executable() {
        return Path.of(home(), "bin", "java").toString();
    }

    /** What a heap keeps free at least and at most after a full collection, in per cent. */
    static final int MIN_HEAP_FREE_PERCENT = 30;
    static final int MAX_HEAP_FREE_PERCENT = 60;

    /**
     * A child JVM's heaps. The Java heap: at most {@code maxMegabytes}, starting small, grown to keep 30 % free and
     * given back after a full collection when more than 60 % is free, at once rather than a step per collection (and
     * tighter when the launcher collects an idle process, {@link IdleHeaps}). Without {@code -Xms} the JVM starts
     * with 1/64 of the machine's memory (384 MB on 24 GB, so the whole of a 256 MB maximum), and the serial collector's young
     * generation alone, touched on every cycle, kept about 70 MB resident in every process (bench/README.md, "Gateway
     * and platform"). The native heap: what the JIT compilers and the runtime free stays with malloc, resident, until
     * it is trimmed; 40 to 100 MB of malloc arenas were resident in a service or Keycloak after a load, so the JVM
     * trims it every few seconds where it can (Java 17.0.9, 21.0.1 and later). A JVM whose heap runs out exits (as
     * production's do, deploy/): otherwise the thread that hit the limit dies and the process stays up, healthy to
     * {@code ./kcdb status}, answering nothing on that path.
     */
    static List<String> heap(int maxMegabytes) {
        List<String> options = new ArrayList<>(List.of("-Xms32m", "-Xmx" + maxMegabytes + "m", "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=" + MIN_HEAP_FREE_PERCENT, "-XX:MaxHeapFreeRatio=" + MAX_HEAP_FREE_PERCENT,
                "-XX:-ShrinkHeapInSteps", "-XX:+ExitOnOutOfMemoryError"));
        if (trimsNativeHeap(Runtime.version())) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return List.copyOf(options);
    }

    /**
     * The processes that do little per request and run on the client compiler only ({@code -XX:TieredStopAtLevel=1}):
     * C2's compilations were the largest part of a Spring Boot start's CPU (about 40 %, bench/README.md, item 6) and
     * its code and arenas stay resident, for a gain only a busy process sees. The mail server; the comparison service
     * (0.3 CPU ms per CMC in the pipeline, its pages a few requests each) and the portal (pages for people, a few
     * API calls each). Not the other services, the gateway, Kafka, the store or Keycloak (its password hashing):
     * the pipeline, the search and the gateway's throughput pay for C1's slower code.
     */
    static final java.util.Set<String> CLIENT_COMPILER_ONLY = java.util.Set.of("mail", "comparison", "portal");

    /** The JIT options of a component (a service's name, {@code portal}, {@code gateway}, {@code mail}). */
    static List<String> compilers(String component) {
        return CLIENT_COMPILER_ONLY.contains(component) ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    /**
     * The most Java heap a Spring Boot process may grow to, in MB. The publication service holds its search index,
     * every published CMC with its record as published, in its heap (production gives it 1.5 GiB,
     * deploy/k8s/overlays/production/capacity.yaml): at 256 MB it ran out of memory during a migration of 100 000
     * records (bench/README.md, "Search through the platform"). A heap starts at 32 MB and grows only as far as it is
     * used, so the larger maximum costs nothing on a small KCDB. The review and the notification services keep their
     * state in the store and hold only what a batch of events needs: their heaps at ready were 43 to 50 MB used, yet
     * after the platform benchmarks both had grown to about their 256 MB maximum (430 MB resident each), mostly
     * garbage promoted between full collections, which the serial collector never gives back while the process
     * idles; at 160 MB a full collection comes sooner (bench/README.md, item 6).
     */
    static int maxHeapMegabytes(String component) {
        return switch (component) {
            case "publication" -> 768;
            case "review", "notification" -> 160;
            default -> 256;
        };
    }

    /** Whether this JVM knows {@code -XX:TrimNativeHeapInterval}: from 22, and backported to 17.0.9 and 21.0.1. */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return version.feature() >= 22 || version.feature() == 21 && version.update() >= 1
                || version.feature() == 17 && version.update() >= 9;
    }

    /**
     * Application class-data sharing for a Spring Boot jar ({@link ClassDataArchive}): the jar is extracted once per
     * build (the tools jar mode, so that its classes load from plain jars, which CDS can archive), and the JVM maps
     * the classes a previous run of that build loaded. The archive is current while it is newer than the extracted
     * jar. Returns the options and the jar to run; the caller keeps what a run dumps
     * ({@link ClassDataArchive#keepWhatItDumps}).
     */
    static List<String> classDataSharing(Path bootJar, Path logDir) throws IOException, InterruptedException {
        Path extracted = bootJar.resolveSibling("cds").resolve(bootJar.getFileName().toString().replace(".jar", ""));
        Path jar = extracted.resolve(bootJar.getFileName());
        if (!Files.exists(jar) || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(bootJar)) < 0) {
            Process extract = new ProcessBuilder(executable(), "-Djarmode=tools", "-jar", bootJar.toString(),
                    "extract", "--force", "--destination", extracted.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            Files.createDirectories(logDir).resolve("cds-extract.log").toFile()))
                    .start();
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                return List.of("-jar", bootJar.toString());
            }
        }
        List<String> options = new ArrayList<>(ClassDataArchive.options(extracted.resolve("classes.jsa"), jar));
        options.add("-jar");
        options.add(jar.toString());
        return options;
    }
}
