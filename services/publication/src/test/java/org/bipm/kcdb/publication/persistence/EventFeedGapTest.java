package org.bipm.kcdb.publication.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.util.List;
import java.util.UUID;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.test.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * A feed number is taken before its entry is stored: a reader never goes past a number whose entry may still come
 * (another instance's append under way), so no subscriber misses it; a gap that stays is passed after a while.
 */
class EventFeedGapTest {

    static final FeedFilter EVERYTHING = new FeedFilter(null, null, null, null);
    MongoClient client;
    ReactiveMongoTemplate mongo;
    EventFeed feed;

    @BeforeEach
    void store() {
        String database = "feed-gap-" + UUID.randomUUID();
        client = MongoClients.create(TestMongo.uri(database));
        mongo = new ReactiveMongoTemplate(client, database);
        feed = new EventFeed(mongo, new Counters(mongo));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aReaderWaitsAtANumberWhoseEntryIsStillBeingStored() {
        feed.append(entry("first"));
        stored(3, System.currentTimeMillis()); // number 2 was taken by another instance that has not stored it yet
        assertThat(seqs(0)).containsExactly(1L);

        stored(2, System.currentTimeMillis());
        assertThat(seqs(0)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aGapThatStaysIsPassedOnceSettled() {
        feed.append(entry("first"));
        stored(3, System.currentTimeMillis() - EventFeed.SETTLE.toMillis() - 1000); // number 2 was never stored
        assertThat(seqs(0)).containsExactly(1L, 3L);
        assertThat(seqs(1)).containsExactly(3L);
    }

    private List<Long> seqs(long after) {
        return feed.after(after, EVERYTHING, 100).map(FeedEntry::seq).collectList().block();
    }

    private void stored(long seq, long appendedAt) {
        mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("seq", seq)
                .append("type", "org.bipm.kcdb.cmc.submitted").append(EventFeed.APPENDED_AT, appendedAt),
                EventFeed.COLLECTION).block();
    }

    private static FeedEntry entry(String subject) {
        return new FeedEntry(UUID.randomUUID().toString(), 0, "org.bipm.kcdb.cmc.submitted", "/kcdb/submission",
                subject, "2026-01-01T00:00:00Z", "EM", "SIM", "CA", "{}", "*");
    }
}
