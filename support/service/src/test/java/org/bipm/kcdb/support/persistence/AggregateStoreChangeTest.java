package org.bipm.kcdb.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.support.domain.ConcurrentChange;
import org.bipm.kcdb.support.domain.Outcome;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The one command loop against a real Mongo-wire store: no lost update, one retry policy, events sent at once. */
class AggregateStoreChangeTest {

    record Counter(String id, int count) {
    }

    static MongoServer server;
    static MongoClient client;
    static ReactiveMongoTemplate mongo;
    final AtomicInteger nudges = new AtomicInteger();

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "aggregate-store-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    AggregateStore<Counter> counters() {
        return new AggregateStore<>(mongo, JsonMapper.builder().findAndAddModules().build(), Counter.class,
                "counters-" + UUID.randomUUID(), "counter", nudges::incrementAndGet);
    }

    static CmcWithdrawn event(String id) {
        return new CmcWithdrawn(UUID.randomUUID(), Instant.now(), 1, id, 1, "PTB", "DE", "EURAMET", "writer.ptb",
                "test");
    }

    @Test
    void concurrentCommandsAreEachAppliedOnceOnTheNewerState() {
        AggregateStore<Counter> counters = counters();
        counters.insert("c", new Counter("c", 0), List.of()).block();
        // Each lost race is someone else's win, so with six writers nobody loses more than RETRIES times.
        Flux.range(0, 6).flatMap(i -> counters.change("c", c -> Outcome.of(new Counter("c", c.count() + 1),
                event("c"))), 6).blockLast();
        Versioned<Counter> stored = counters.find("c").block();
        assertThat(stored.aggregate().count()).isEqualTo(6);
        assertThat(stored.version()).isEqualTo(7);
        assertThat(stored.id()).isEqualTo("c");
        Document document = mongo.findById("c", Document.class, counters.collection()).block();
        assertThat(document.getList("outbox", Document.class)).hasSize(6);
        assertThat(nudges).hasValue(6);
    }

    @Test
    void aCommandThatChangesNothingWritesNothing() {
        AggregateStore<Counter> counters = counters();
        counters.insert("c", new Counter("c", 1), List.of()).block();
        AggregateStore.Applied<Counter> applied = counters.apply(counters.find("c"), Outcome::quiet).block();
        assertThat(applied.written()).isFalse();
        assertThat(counters.find("c").block().version()).isEqualTo(1);
        assertThat(nudges).hasValue(0);
    }

    @Test
    void whoKeepsLosingTheRaceIsRefusedWithAConcurrentChange() {
        AggregateStore<Counter> counters = counters();
        counters.insert("c", new Counter("c", 0), List.of()).block();
        AtomicInteger attempts = new AtomicInteger();
        // Each attempt decides on the state it read, but someone else writes first every time.
        Mono<Versioned<Counter>> change = counters.change("c", c -> {
            attempts.incrementAndGet();
            Versioned<Counter> current = counters.find("c").block();
            counters.update("c", current.version(), new Counter("c", current.aggregate().count() + 1), List.of())
                    .block();
            return Outcome.quiet(new Counter("c", -1));
        });
        assertThatThrownBy(change::block).isInstanceOf(ConcurrentChange.class)
                .hasMessage("The counter is being changed by others; try again.");
        assertThat(attempts).hasValue(AggregateStore.RETRIES + 1);
        assertThat(counters.find("c").block().aggregate().count()).isEqualTo(AggregateStore.RETRIES + 1);
    }

    @Test
    void aRefusalOfTheDomainIsNotRetried() {
        AggregateStore<Counter> counters = counters();
        counters.insert("c", new Counter("c", 0), List.of()).block();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(counters.change("c", c -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("no");
        })::block).hasMessage("no");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInsertWithEventsNudgesTheRelay() {
        AggregateStore<Counter> counters = counters();
        counters.insert("c", Outcome.of(new Counter("c", 0), event("c"))).block();
        assertThat(nudges).hasValue(1);
    }

    @Test
    void manyNewAggregatesAreInsertedAtOnceAndThoseWhoseKeyIsTakenAreNamedAndLeftAsTheyWere() {
        AggregateStore<Counter> counters = counters();
        mongo.indexOps(counters.collection()).createIndex(new org.springframework.data.mongodb.core.index.Index(
                "count", org.springframework.data.domain.Sort.Direction.ASC).unique()).block();
        counters.insert("b", new Counter("b", 20), List.of()).block();
        java.util.Set<Integer> taken = counters.insertEach(List.of(
                new AggregateStore.Created<>("a", new Counter("a", 1), List.of(event("a"))),
                new AggregateStore.Created<>("b", new Counter("b", 2), List.of(event("b"))),   // id taken
                new AggregateStore.Created<>("c", new Counter("c", 20), List.of(event("c"))),  // unique count taken
                new AggregateStore.Created<>("d", new Counter("d", 4), List.of()),
                new AggregateStore.Created<>("a", new Counter("a", 5), List.of(event("a"))))).block(); // twice
        assertThat(taken).containsExactlyInAnyOrder(1, 2, 4);
        assertThat(counters.find("a").block()).satisfies(a -> {
            assertThat(a.aggregate().count()).isEqualTo(1);
            assertThat(a.version()).isEqualTo(1);
        });
        assertThat(counters.find("b").block().aggregate().count()).isEqualTo(20);
        assertThat(counters.find("c").block()).isNull();
        assertThat(counters.find("d").block().aggregate().count()).isEqualTo(4);
        assertThat(mongo.findById("a", Document.class, counters.collection()).block()
                .getList("outbox", Document.class)).hasSize(1);
        assertThat(nudges).as("the relay is told of each aggregate inserted with events").hasValue(1);
        assertThat(counters.insertEach(List.of()).block()).isEmpty();
    }

    enum Kind { SMALL, LARGE }

    record Part(String name, Instant at, List<String> tags) {
    }

    record Box(String id, String label, Kind kind, Part main, List<Part> parts, Instant at) {
    }

    @Test
    void aStoreOfChangesOnlyStoresWhatAWholeStateWriteStores() {
        String collection = "boxes-" + UUID.randomUUID();
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        AggregateStore<Box> whole = new AggregateStore<>(mongo, json, Box.class, collection, "box", id -> { });
        AggregateStore<Box> changes = new AggregateStore<>(mongo, json, Box.class, collection, "box", id -> { },
                true);
        Instant at = Instant.parse("2026-12-04T08:00:00Z");
        Part main = new Part("main", at, List.of("a", "b"));
        for (String id : List.of("w", "c")) {
            whole.insert(id, new Box(id, "label", Kind.SMALL, main, List.of(main), at), List.of()).block();
        }
        List<java.util.function.UnaryOperator<Box>> steps = List.of(
                b -> new Box(b.id(), b.label(), Kind.LARGE, b.main(), b.parts(), b.at()),
                b -> new Box(b.id(), null, b.kind(), b.main(), List.of(b.main(), new Part("x", at, List.of())),
                        b.at().plusSeconds(1)),
                b -> new Box(b.id(), "again", b.kind(), null, append(b.parts(), new Part("y", at, List.of("c")),
                        new Part("z", null, null)), b.at()),
                b -> new Box(b.id(), b.label(), b.kind(), b.main(), List.of(b.parts().get(0),
                        new Part("x2", at, List.of()), b.parts().get(2), b.parts().get(3)), b.at()),
                b -> new Box(b.id(), b.label(), b.kind(), new Part("m2", null, null), List.of(), b.at()),
                b -> new Box(b.id(), b.label(), b.kind(), b.main(), List.of(new Part("first", at, List.of())),
                        b.at()),
                b -> new Box(b.id(), b.label(), b.kind(), b.main(), append(b.parts(), b.main()), b.at()));
        for (java.util.function.UnaryOperator<Box> step : steps) {
            whole.change("w", b -> Outcome.of(step.apply(b), event(b.id()))).block();
            changes.change("c", b -> Outcome.of(step.apply(b), event(b.id()))).block();
            Document wholeWritten = stored("w", collection);
            Document changesWritten = stored("c", collection);
            changesWritten.put("_id", "w");
            assertThat(changesWritten).isEqualTo(wholeWritten);
        }
        Part m2 = new Part("m2", null, null);
        assertThat(changes.find("c").block().aggregate()).isEqualTo(new Box("c", "again", Kind.LARGE, m2,
                List.of(new Part("first", at, List.of()), m2), at.plusSeconds(1)));
    }

    @Test
    void aListThatOnlyGrewHasItsNewElementsPushedNotTheWholeListSetAgain() {
        String collection = "boxes-" + UUID.randomUUID();
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        AggregateStore<Box> changes = new AggregateStore<>(mongo, json, Box.class, collection, "box", id -> { },
                true);
        Instant at = Instant.parse("2026-12-04T08:00:00Z");
        Part first = new Part("first", at, List.of());
        changes.insert("b", new Box("b", "label", Kind.SMALL, first, List.of(first), at), List.of()).block();
        // the stored first element marked behind the store's back, the version left as it was: a push leaves it
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is("b")),
                new org.springframework.data.mongodb.core.query.Update().set("parts.0.name", "marked"), collection)
                .block();
        changes.change("b", b -> Outcome.of(new Box(b.id(), b.label(), b.kind(), b.main(),
                append(b.parts(), new Part("second", at, List.of("t"))), b.at()), event("b"))).block();
        assertThat(changes.find("b").block().aggregate().parts()).extracting(Part::name)
                .containsExactly("marked", "second");
    }

    @Test
    void aRecordOrAListElementChangedInPlaceIsWrittenInsideAsTheWholeStateWriteStoresIt() {
        String collection = "boxes-" + UUID.randomUUID();
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        AggregateStore<Box> whole = new AggregateStore<>(mongo, json, Box.class, collection, "box", id -> { });
        AggregateStore<Box> changes = new AggregateStore<>(mongo, json, Box.class, collection, "box", id -> { },
                true);
        Instant at = Instant.parse("2026-12-04T08:00:00Z");
        Part main = new Part("main", at, List.of("a"));
        for (String id : List.of("w", "c")) {
            whole.insert(id, new Box(id, "label", Kind.SMALL, main, List.of(main, new Part("p", null, List.of())),
                    at), List.of()).block();
        }
        List<java.util.function.UnaryOperator<Box>> steps = List.of(
                // inside the record: a value changed, one set to null, a list grown (pushed)
                b -> new Box(b.id(), b.label(), b.kind(), new Part("main2", null, List.of("a", "b")), b.parts(),
                        b.at()),
                // inside the first element: its list grown; inside the second: a list loaded empty grown, a value set
                b -> new Box(b.id(), b.label(), b.kind(), b.main(), List.of(new Part("main", at, List.of("a", "c")),
                        new Part("p", at, List.of("d"))), b.at()),
                // an element changed in place and one appended: the list set whole
                b -> new Box(b.id(), b.label(), b.kind(), b.main(), append(List.of(b.parts().get(0),
                        new Part("p2", at, List.of("d"))), new Part("q", at, List.of())), b.at()),
                // the record's list emptied, a value back from null, a top-level value changed with them
                b -> new Box(b.id(), "label2", b.kind(), new Part("main2", at, List.of()), b.parts(), b.at()),
                // the record replaced by null, then by another
                b -> new Box(b.id(), b.label(), b.kind(), null, b.parts(), b.at()),
                b -> new Box(b.id(), b.label(), b.kind(), new Part("m3", null, null), b.parts(), b.at()));
        for (java.util.function.UnaryOperator<Box> step : steps) {
            whole.change("w", b -> Outcome.of(step.apply(b), event(b.id()))).block();
            changes.change("c", b -> Outcome.of(step.apply(b), event(b.id()))).block();
            Document changesWritten = stored("c", collection);
            changesWritten.put("_id", "w");
            assertThat(changesWritten).isEqualTo(stored("w", collection));
        }
        assertThat(changes.find("c").block().aggregate()).isEqualTo(new Box("c", "label2", Kind.SMALL,
                new Part("m3", null, null), List.of(new Part("main", at, List.of("a", "c")),
                new Part("p2", at, List.of("d")), new Part("q", at, List.of())), at));
    }

    @Test
    void aRecordChangedInPlaceHasOnlyWhatChangedInsideItWritten() {
        String collection = "boxes-" + UUID.randomUUID();
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        AggregateStore<Box> changes = new AggregateStore<>(mongo, json, Box.class, collection, "box", id -> { },
                true);
        Instant at = Instant.parse("2026-12-04T08:00:00Z");
        Part first = new Part("first", at, List.of());
        changes.insert("b", new Box("b", "label", Kind.SMALL, first, List.of(first), at), List.of()).block();
        // the stored names marked behind the store's back between the read and the write, the version left as it
        // was: a write inside the records leaves them, where setting the records whole would have put "first" back
        changes.change("b", b -> {
            mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                            org.springframework.data.mongodb.core.query.Criteria.where("_id").is("b")),
                    new org.springframework.data.mongodb.core.query.Update().set("main.name", "marked")
                            .set("parts.0.name", "marked"), collection).block();
            return Outcome.of(new Box(b.id(), b.label(), b.kind(), new Part("first", null, List.of()),
                    List.of(new Part("first", at.plusSeconds(1), List.of())), b.at()), event("b"));
        }).block();
        Box stored = changes.find("b").block().aggregate();
        assertThat(stored.main()).isEqualTo(new Part("marked", null, List.of()));
        assertThat(stored.parts()).containsExactly(new Part("marked", at.plusSeconds(1), List.of()));
    }

    @SafeVarargs
    private static <E> List<E> append(List<E> list, E... more) {
        List<E> all = new java.util.ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * The stored document without what differs between two writes of the same state (time, event ids). The steps
     * change a value, set one to null and back, grow a list by one and by two elements (pushed), replace an element
     * of it, empty it, and grow one loaded empty (set whole).
     */
    private static Document stored(String id, String collection) {
        Document document = mongo.findById(id, Document.class, collection).block();
        document.remove(AggregateStore.CHANGED_AT);
        document.remove("outbox");
        return document;
    }
}
