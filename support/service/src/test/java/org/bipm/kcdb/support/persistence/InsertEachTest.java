package org.bipm.kcdb.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Records inserted together against a real Mongo-wire store: those already there named, the others as one insert. */
class InsertEachTest {

    record Notice(String id, String username, Instant sentAt) {
    }

    static MongoServer server;
    static MongoClient client;
    static ReactiveMongoTemplate mongo;

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "insert-each-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRedeliveredRecordIsNamedAndLeftAsItWasWhileTheOthersAreWrittenAsTheTemplateWritesThem() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        mongo.insert(new Notice("b", "first", at), "notices").block();

        var taken = InsertEach.records(mongo, "notices", List.of(new Notice("a", "writer", at),
                new Notice("b", "second", at), new Notice("c", "chair", at))).block();

        assertThat(taken).containsExactly(1);
        assertThat(mongo.findById("a", Notice.class, "notices").block()).isEqualTo(new Notice("a", "writer", at));
        assertThat(mongo.findById("b", Notice.class, "notices").block().username()).isEqualTo("first");
        assertThat(mongo.findById("c", Notice.class, "notices").block()).isEqualTo(new Notice("c", "chair", at));
        assertThat(InsertEach.records(mongo, "notices", List.of()).block()).isEmpty();
    }
}
