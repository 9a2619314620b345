package org.bipm.kcdb.portal;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * The store of the portal's web sessions in the tests: one Mongo-wire server in memory per test JVM (the wire
 * protocol over TCP, as the portal reaches the local platform's store), each portal of a test on the same database
 * when it is to share sessions.
 */
final class TestSessionStore {

    private static MongoServer server;
    private static String address;

    private TestSessionStore() {
    }

    /** A connection string for {@code database} on the one server. */
    static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress bound = server.getLocalAddress();
            address = "mongodb://127.0.0.1:" + bound.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        }
        return address + "/" + database;
    }
}
