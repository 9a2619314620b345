package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store writes its documents as BSON and orders its index keys without serialising them, and still reads a data
 * file written before (Java serialisation, H2's key type): the same answers, and writes on it, before and after
 * a restart. A document BSON would change is written as before.
 */
class StoredFormatTest {

    @TempDir
    Path dir;

    @AfterEach
    void asThePlatformRunsIt() {
        System.clearProperty(BsonDocumentType.BSON_DOCUMENTS);
        System.clearProperty(IndexKeyType.INDEX_KEYS);
    }

    @Test
    void aStoreWrittenBeforeIsReadWrittenAndReadAgain() {
        Path file = dir.resolve("mongo.mv");
        System.setProperty(BsonDocumentType.BSON_DOCUMENTS, "false");
        System.setProperty(IndexKeyType.INDEX_KEYS, "false");
        List<org.bson.Document> before = run(file, cmcs -> {
            List<org.bson.Document> many = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                many.add(new org.bson.Document("_id", i % 3 == 0 ? "cmc-" + i : i % 3 == 1 ? (Object) i
                        : "é-\u0000-" + i).append("_version", 1L).append("at", new Date(i))
                        .append("parameters", List.of(new org.bson.Document("unit", "V").append("value", i * 0.5))));
            }
            cmcs.insertMany(many);
            cmcs.updateOne(Filters.and(Filters.eq("_id", "cmc-30"), Filters.eq("_version", 1L)),
                    Updates.set("_version", 2L));
        });
        asThePlatformRunsIt();
        List<org.bson.Document> after = run(file, cmcs -> {
            assertThat(cmcs.find(Filters.eq("_id", "cmc-30")).first()).containsEntry("_version", 2L);
            assertThat(cmcs.find(Filters.eq("_id", 31)).first()).containsEntry("_version", 1L);
            assertThat(cmcs.find(Filters.eq("_id", "é-\u0000-32")).first()).isNotNull();
            assertThat(cmcs.find(Filters.in("_id", "cmc-3", "cmc-6", "cmc-missing", 4)).into(new ArrayList<>()))
                    .hasSize(3);
            cmcs.updateOne(Filters.and(Filters.eq("_id", "cmc-30"), Filters.eq("_version", 2L)),
                    Updates.set("_version", 3L));
            cmcs.insertOne(new org.bson.Document("_id", "cmc-new").append("_version", 1L));
            cmcs.deleteOne(Filters.eq("_id", "cmc-33"));
        });
        assertThat(after).hasSize(before.size()); // one inserted, one deleted
        List<org.bson.Document> again = run(file, cmcs -> {
            assertThat(cmcs.find(Filters.eq("_id", "cmc-30")).first()).containsEntry("_version", 3L);
            assertThat(cmcs.find(Filters.eq("_id", "cmc-new")).first()).isNotNull();
            assertThat(cmcs.find(Filters.eq("_id", "cmc-33")).first()).isNull();
            assertThat(cmcs.countDocuments(Filters.eq("_id", 31))).isOne();
        });
        assertThat(again).isEqualTo(after);
        List<org.bson.Document> unchanged = new ArrayList<>(before);
        unchanged.removeIf(d -> d.get("_id").equals("cmc-30") || d.get("_id").equals("cmc-33"));
        assertThat(again).containsAll(unchanged);
    }

    @Test
    void aDocumentBsonWouldChangeIsWrittenAsBefore() {
        BsonDocumentType type = new BsonDocumentType();
        Document plain = new Document("_id", "cmc-1").append("at", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("id", new ObjectId()).append("uuid", UUID.randomUUID()).append("none", null)
                .append("list", new ArrayList<>(List.of(1, 2L, 3.5, "four", new Document("five", true))));
        assertThat(BsonDocumentType.keptByBson(plain)).isTrue();
        Document roundTrip = roundTrip(type, plain);
        assertThat(roundTrip).isEqualTo(plain);
        assertThat(roundTrip.get("list")).isEqualTo(plain.get("list"));
        assertThat(((List<?>) roundTrip.get("list")).get(1)).isInstanceOf(Long.class);

        Set<String> set = new LinkedHashSet<>(List.of("a", "b"));
        for (Object unusual : new Object[] {Instant.ofEpochSecond(1, 123), new Date(5), set, (short) 3, 1.5f,
                "lone \ud800 surrogate"}) {
            Document document = new Document("_id", "cmc-2").append("value", unusual);
            assertThat(BsonDocumentType.keptByBson(document)).as("%s", unusual).isFalse();
            type.stored(document); // as the collection stores it
            Document back = roundTrip(type, document);
            assertThat(back).isEqualTo(document);
            assertThat(back.get("value")).isInstanceOf(unusual.getClass());
            // read back from a page, it is known again when its page is written again
            Document again = roundTrip(type, back);
            assertThat(again.get("value")).isInstanceOf(unusual.getClass());
        }
        // a value written by a store before this type
        WriteBuffer old = new WriteBuffer();
        new ObjectDataType().write(old, plain);
        assertThat(type.read(old.getBuffer().flip())).isEqualTo(plain);
    }

    private static Document roundTrip(BsonDocumentType type, Document document) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);
        buffer.put((byte) 7); // the next value's first byte: read must stop at the document's end
        ByteBuffer read = buffer.getBuffer().flip();
        Document back = type.read(read);
        assertThat(read.get()).isEqualTo((byte) 7);
        return back;
    }

    private static List<org.bson.Document> run(Path file, Consumer<MongoCollection<org.bson.Document>> work) {
        MongoServer server = new MongoServer(new IdIndexedH2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<org.bson.Document> cmcs = client.getDatabase("kcdb").getCollection("cmcs");
            work.accept(cmcs);
            return cmcs.find().into(new ArrayList<>());
        } finally {
            server.shutdown();
        }
    }
}
