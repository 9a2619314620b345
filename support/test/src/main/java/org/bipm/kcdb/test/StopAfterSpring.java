package org.bipm.kcdb.test;

/**
 * Stops an embedded broker or store when the test JVM exits, after Spring Boot has closed the JVM's cached
 * application contexts. Both happen in shutdown hooks, which the JVM runs at the same time: stopped first, the
 * broker or store leaves every client of those contexts waiting for it (30 s for a Mongo server selection or a Kafka
 * producer's close), and surefire kills the JVM after 30 s.
 */
final class StopAfterSpring {

    private static final String SPRING_HOOK = "SpringApplicationShutdownHook";

    private StopAfterSpring() {
    }

    static void register(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(200); // the hooks start together: let Spring's be running before looking for it
                for (Thread hook : Thread.getAllStackTraces().keySet()) {
                    if (SPRING_HOOK.equals(hook.getName())) {
                        hook.join(20_000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.run();
        }));
    }
}
