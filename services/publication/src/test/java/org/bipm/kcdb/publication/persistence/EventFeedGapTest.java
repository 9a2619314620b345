package org.bipm.kcdb.publication.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.test.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * A feed number is taken before its entry is stored: a reader never goes past a number whose entry may still come
 * (another instance's append under way), so no subscriber misses it; a gap that stays is passed after a while. A
 * reader that filters goes on from where its last read stopped, so no stretch of other entries holds it back.
 */
class EventFeedGapTest {

    static final FeedFilter EVERYTHING = new FeedFilter(null, null, null, null);
    static final String PUBLISHED = "org.bipm.kcdb.cmc.published";
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

    @Test
    void aFilteredReaderGetsPastAStretchOfOtherTypesLongerThanOneWindow() {
        FeedFilter published = new FeedFilter(Set.of(PUBLISHED), null, null, null);
        long now = System.currentTimeMillis();
        long last = EventFeed.SETTLE_WINDOW + 502;
        stored(1, now, PUBLISHED);
        List<Document> others = new ArrayList<>();
        for (long seq = 2; seq < last; seq++) {
            others.add(document(seq, now, "org.bipm.kcdb.review.rmo-decided"));
        }
        mongo.insertAll(Mono.just(others), EventFeed.COLLECTION).blockLast();
        stored(last, now, PUBLISHED);

        // As the event stream and the webhooks read: each read starts where the one before stopped reading.
        List<Long> read = new ArrayList<>();
        long position = 0;
        for (int poll = 0; poll < 4; poll++) {
            EventFeed.Page page = feed.page(position, published, 100).block();
            page.entries().forEach(entry -> read.add(entry.seq()));
            position = page.readUpTo();
        }
        assertThat(read).containsExactly(1L, last);
        assertThat(position).isEqualTo(last);

        // A read that stops at its limit has read up to its last entry, not beyond.
        assertThat(feed.page(0, EVERYTHING, 3).block().readUpTo()).isEqualTo(3);
    }

    private List<Long> seqs(long after) {
        return feed.after(after, EVERYTHING, 100).map(FeedEntry::seq).collectList().block();
    }

    private void stored(long seq, long appendedAt) {
        stored(seq, appendedAt, "org.bipm.kcdb.cmc.submitted");
    }

    private void stored(long seq, long appendedAt, String type) {
        mongo.insert(document(seq, appendedAt, type), EventFeed.COLLECTION).block();
    }

    private static Document document(long seq, long appendedAt, String type) {
        return new Document("_id", UUID.randomUUID().toString()).append("seq", seq).append("type", type)
                .append(EventFeed.APPENDED_AT, appendedAt);
    }

    private static FeedEntry entry(String subject) {
        return new FeedEntry(UUID.randomUUID().toString(), 0, "org.bipm.kcdb.cmc.submitted", "/kcdb/submission",
                subject, "2026-01-01T00:00:00Z", "EM", "SIM", "CA", "{}", "*");
    }
}
