package org.bipm.kcdb.platform;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stand-in for MongoDB: mongo-java-server speaking the wire protocol, its data in an H2 MVStore file
 * so that a restart keeps it. Production runs on real MongoDB; the code uses nothing MongoDB lacks.
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    /** MVStore's own default page cache, in megabytes. */
    static final int DEFAULT_CACHE_MEGABYTES = 16;

    /**
     * The store's backend on {@code file} with MVStore's default page cache, for the tests of other modules that check
     * a rule every store of the project keeps (support/test's {@code StoreAnswerRaceTest}).
     */
    public static MongoBackend backend(Path file) {
        return new IdIndexedH2Backend(file.toString());
    }

    /**
     * {@code MongoWireServer <port> <data file> [<page cache in MB>]}; with {@code KCDB_STORE_SCANS=<seconds>} in the
     * environment the store prints which queries read whole collections every so many seconds ({@link ScanCensus}).
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        int cache = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_CACHE_MEGABYTES;
        H2Backend backend = new IdIndexedH2Backend(file.toString(), cache);
        String census = System.getenv("KCDB_STORE_SCANS");
        if (census != null && !census.isBlank()) {
            ScanCensus.start(Long.parseLong(census.strip()));
        }
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // closes the backend, which commits and closes the MVStore
            stopped.countDown();
        }, "mongo-wire-shutdown"));
        System.out.println("Mongo-wire store listening on 127.0.0.1:" + port + ", data in " + file + ", page cache "
                + cache + " MB");
        stopped.await();
    }
}
