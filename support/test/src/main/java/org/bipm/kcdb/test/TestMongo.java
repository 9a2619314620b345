package org.bipm.kcdb.test;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * One Mongo store per test JVM: the real {@code mongo} image as a replica set, or mongo-java-server in memory
 * ({@link CopyOnUpdateMemoryBackend}: answers never changed by updates while they are sent).
 * Tests use a database of their own, so they share the server without seeing each other's data.
 */
public final class TestMongo {

    private static volatile String serverUri;

    private TestMongo() {
    }

    /** A connection string for database {@code database} on the shared test server. */
    public static String uri(String database) {
        return serverUri() + "/" + database;
    }

    private static synchronized String serverUri() {
        if (serverUri == null) {
            serverUri = switch (Infrastructure.chosen()) {
                case CONTAINERS -> {
                    MongoDBContainer mongo = Containers.mongo();
                    mongo.start();
                    String replicaSetUrl = mongo.getReplicaSetUrl();
                    yield replicaSetUrl.substring(0, replicaSetUrl.lastIndexOf('/'));
                }
                case EMBEDDED -> {
                    MongoServer server = new MongoServer(new CopyOnUpdateMemoryBackend());
                    server.bind("127.0.0.1", 0);
                    InetSocketAddress address = server.getLocalAddress();
                    StopAfterSpring.register(server::shutdownNow);
                    yield "mongodb://127.0.0.1:" + address.getPort();
                }
            };
        }
        return serverUri;
    }
}
