package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's conditional writes ({@code _id} and version) and reads by id among other conditions answer as
 * MongoDB does, through the id index, and the data survives a restart. That updates store copies, and answers hold
 * one version of a document while others write it: support/test's {@code StoreAnswerRaceTest}, on this store and
 * the component tests' alike.
 */
class IdIndexedH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void aQueryNamingOneIdMatchesTheWholeQueryOnThatDocument() {
        Path file = dir.resolve("mongo.mv");
        MongoServer server = new MongoServer(new IdIndexedH2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> cmcs = client.getDatabase("kcdb").getCollection("cmcs");
            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                many.add(new Document("_id", "cmc-" + i).append("_version", 1L).append("status", "DRAFT"));
            }
            cmcs.insertMany(many);

            // a stale version matches nothing; the current one changes that document only
            assertThat(cmcs.updateOne(Filters.and(Filters.eq("_id", "cmc-7"), Filters.eq("_version", 2L)),
                    Updates.set("status", "SUBMITTED")).getMatchedCount()).isZero();
            assertThat(cmcs.updateOne(Filters.and(Filters.eq("_id", "cmc-7"), Filters.eq("_version", 1L)),
                    Updates.combine(Updates.set("status", "SUBMITTED"), Updates.set("_version", 2L)))
                    .getModifiedCount()).isEqualTo(1);
            // written flat, as Spring Data writes AggregateStore's conditional update
            assertThat(cmcs.updateOne(new Document("_id", "cmc-8").append("_version", 3L),
                    Updates.set("status", "SUBMITTED")).getMatchedCount()).isZero();
            assertThat(cmcs.updateOne(new Document("_id", "cmc-8").append("_version", 1L),
                    Updates.set("status", "SUBMITTED")).getModifiedCount()).isEqualTo(1);
            assertThat(cmcs.find(Filters.eq("status", "SUBMITTED")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("cmc-7", "cmc-8");
            assertThat(cmcs.find(Filters.and(Filters.eq("_id", "cmc-7"), Filters.exists("status"))).first())
                    .containsEntry("_version", 2L);
            assertThat(cmcs.find(Filters.and(Filters.eq("_id", "cmc-unknown"), Filters.exists("status"))).first())
                    .isNull();
            assertThat(cmcs.find(Filters.and(Filters.in("_id", "cmc-1", "cmc-2"), Filters.eq("_version", 1L)))
                    .into(new ArrayList<>())).hasSize(2);
        } finally {
            server.shutdown();
        }

        MongoServer again = new MongoServer(new IdIndexedH2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + again.bind().getPort())) {
            MongoCollection<Document> cmcs = client.getDatabase("kcdb").getCollection("cmcs");
            assertThat(cmcs.countDocuments()).isEqualTo(2_000);
            assertThat(cmcs.find(Filters.and(Filters.eq("_id", "cmc-7"), Filters.eq("_version", 2L))).first())
                    .containsEntry("status", "SUBMITTED");
        } finally {
            again.shutdown();
        }
    }

    /**
     * The services create their secondary indexes at start (the notification service's claim and scan): the local
     * store accepts them, lists them, keeps them across a restart and still answers the queries they serve (by
     * scanning; MongoDB uses them).
     */
    @Test
    void secondaryIndexesAreAcceptedListedAndKeptAndTheQueriesTheyServeStillAnswer() {
        Path file = dir.resolve("indexed.mv");
        MongoServer server = new MongoServer(new IdIndexedH2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> deadlines = client.getDatabase("kcdb").getCollection("deadlines");
            deadlines.createIndex(Indexes.ascending("phase", "remindAt"));
            deadlines.createIndex(Indexes.ascending("phase", "remindAt")); // again at the next start: a no-op
            deadlines.insertOne(new Document("_id", "d-1").append("phase", "WAITING").append("remindAt", 5L));
            deadlines.insertOne(new Document("_id", "d-2").append("phase", "REMINDED").append("remindAt", 1L));
            assertThat(deadlines.find(Filters.and(Filters.eq("phase", "WAITING"), Filters.lte("remindAt", 9L)))
                    .map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactly("d-1");
        } finally {
            server.shutdown();
        }
        MongoServer again = new MongoServer(new IdIndexedH2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + again.bind().getPort())) {
            MongoCollection<Document> deadlines = client.getDatabase("kcdb").getCollection("deadlines");
            assertThat(deadlines.listIndexes().map(index -> index.get("key", Document.class).keySet().stream()
                    .toList()).into(new ArrayList<>())).contains(List.of("phase", "remindAt"));
            deadlines.createIndex(Indexes.ascending("phase", "remindAt"));
            assertThat(deadlines.updateOne(Filters.and(Filters.eq("_id", "d-1"), Filters.eq("phase", "WAITING")),
                    Updates.set("phase", "REMINDED")).getModifiedCount()).isEqualTo(1);
        } finally {
            again.shutdown();
        }
    }
}
