package org.bipm.kcdb.publication.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.support.persistence.InsertEach;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The subscribers' feed: every platform event once, numbered in the order it arrived. The number is what an SSE
 * client sends back as Last-Event-ID, so a client resumes exactly where it stopped, across restarts of this
 * service, because both the events and the numbering live in the store.
 */
public class EventFeed {

    static final String COLLECTION = "event_feed";
    static final String SEQUENCE = "event-feed";
    static final String APPENDED_AT = "appendedAt";
    /** How long a gap in the numbering may still be filled by an append under way. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    static final int SETTLE_WINDOW = 1000;

    private final ReactiveMongoTemplate mongo;
    private final Counters counters;

    public EventFeed(ReactiveMongoTemplate mongo, Counters counters) {
        this.mongo = mongo;
        this.counters = counters;
    }

    /**
     * Appends an event unless it is already in the feed (a redelivery). Appends run one at a time in this instance:
     * the feed's binding names four topics, and the binder gives each its own consumer thread; a number taken by one
     * thread and stored after the next thread's would appear behind a position a reader has already passed. What
     * several instances append at the same time, readers wait for ({@link #after}).
     * <p>
     * The entry's id is the event's, so the store refuses a redelivered one: no look before (a round trip for every
     * event, a quarter of the feed's store commands, bench/README.md). The number a redelivery took then stays
     * unused, a gap readers pass once it has settled, as after an append that died after taking its number.
     */
    public boolean append(FeedEntry entry) {
        return appendAll(List.of(entry)) == 1;
    }

    /**
     * Appends events in their order ({@link #append}, each on its own), in two round trips for the lot: their
     * numbers taken at once, and one unordered insert, in which the store refuses the redelivered ones and stores the
     * others. Answers how many were appended.
     */
    public synchronized int appendAll(List<FeedEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        long first = counters.next(SEQUENCE, entries.size()) - entries.size() + 1;
        List<Document> docs = new ArrayList<>(entries.size());
        long now = System.currentTimeMillis();
        for (FeedEntry entry : entries) {
            docs.add(new Document("_id", entry.id()).append("seq", first + docs.size()).append("type", entry.type())
                    .append("source", entry.source()).append("subject", entry.subject()).append("time", entry.time())
                    .append("area", entry.area()).append("rmo", entry.rmo()).append("country", entry.country())
                    .append("data", entry.data()).append("audience", entry.audience()).append(APPENDED_AT, now));
        }
        return docs.size() - InsertEach.documents(mongo, COLLECTION, docs).block().size();
    }

    /**
     * Up to {@code limit} entries after position {@code after} that pass the filter, oldest first, and none behind a
     * gap in the numbering that may still be filled: a number is taken before its entry is stored, so a reader that
     * went on past a missing number would never see that entry. A gap older than {@link #SETTLE} is one that will
     * stay (an append that failed or died after taking its number) and is passed.
     */
    public Flux<FeedEntry> after(long after, FeedFilter filter, int limit) {
        return page(after, filter, limit).flatMapIterable(Page::entries);
    }

    /**
     * What {@link #after} reads, and how far it read: a reader continues from {@link Page#readUpTo()}, not from its
     * last entry, so a stretch of more than {@link #SETTLE_WINDOW} entries that do not pass its filter (a thousand
     * inter-RMO decisions between two publications) is passed instead of read again at every poll.
     */
    public Mono<Page> page(long after, FeedFilter filter, int limit) {
        return settledUpTo(after).flatMap(upTo -> upTo <= after ? Mono.just(new Page(List.of(), after))
                : filtered(after, upTo, filter, limit).collectList().map(entries -> new Page(entries,
                        entries.size() < limit ? upTo : entries.get(entries.size() - 1).seq())));
    }

    /**
     * Entries read after a position, oldest first, and the position up to which every entry was considered: the
     * last entry's when the read stopped at its limit, otherwise the settled end of the window read.
     */
    public record Page(List<FeedEntry> entries, long readUpTo) {
    }

    /** The highest position up to which every number after {@code after} is stored or given up. */
    private Mono<Long> settledUpTo(long after) {
        Query numbers = Query.query(Criteria.where("seq").gt(after)).with(Sort.by("seq")).limit(SETTLE_WINDOW);
        numbers.fields().include("seq").include(APPENDED_AT);
        long settledBefore = System.currentTimeMillis() - SETTLE.toMillis();
        return mongo.find(numbers, Document.class, COLLECTION).collectList().map(found -> {
            long expected = after + 1;
            for (Document d : found) {
                long seq = ((Number) d.get("seq")).longValue();
                Number appended = (Number) d.get(APPENDED_AT);
                if (seq != expected && appended != null && appended.longValue() > settledBefore) {
                    return expected - 1; // a number before this one may still be stored
                }
                expected = seq + 1;
            }
            return expected - 1;
        });
    }

    private Flux<FeedEntry> filtered(long after, long upTo, FeedFilter filter, int limit) {
        Criteria criteria = Criteria.where("seq").gt(after).lte(upTo);
        if (!filter.types().isEmpty()) {
            criteria = criteria.and("type").in(filter.types());
        }
        if (!filter.areas().isEmpty()) {
            criteria = criteria.and("area").in(filter.areas());
        }
        if (!filter.rmos().isEmpty()) {
            criteria = criteria.and("rmo").in(filter.rmos());
        }
        if (!filter.countries().isEmpty()) {
            criteria = criteria.and("country").in(filter.countries());
        }
        return mongo.find(Query.query(criteria).with(Sort.by("seq")).limit(limit), Document.class, COLLECTION)
                .map(EventFeed::entry);
    }

    /** The entry at a position, if the feed has it. */
    public Optional<FeedEntry> at(long position) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("seq").is(position)),
                Document.class, COLLECTION).map(EventFeed::entry).block());
    }

    /** The position of the newest entry, 0 while the feed is empty. */
    public long latestPosition() {
        Document newest = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "seq")).limit(1),
                Document.class, COLLECTION).block();
        return newest == null ? 0 : ((Number) newest.get("seq")).longValue();
    }

    private static FeedEntry entry(Document d) {
        return new FeedEntry(d.getString("_id"), ((Number) d.get("seq")).longValue(), d.getString("type"),
                d.getString("source"), d.getString("subject"), d.getString("time"), d.getString("area"),
                d.getString("rmo"), d.getString("country"), d.getString("data"), d.getString("audience"));
    }

    /** Readers page by position; a unique index keeps that cheap on MongoDB and the numbering honest. */
    public void ensureIndex() {
        mongo.indexOps(COLLECTION).createIndex(new Index("seq", Sort.Direction.ASC).unique()).block();
    }
}
