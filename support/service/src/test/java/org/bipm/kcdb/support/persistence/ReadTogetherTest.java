package org.bipm.kcdb.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bipm.kcdb.support.domain.ConcurrentChange;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.Refusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bulk request's item changed from the copy read with the others, against a real Mongo-wire store: the copy first,
 * a fresh read only when the aggregate as stored now may answer otherwise.
 */
class ReadTogetherTest {

    /** A tally that takes one more mark at a time, up to {@link #FULL}. */
    record Tally(String id, int marks) {
    }

    static final int FULL = 3;

    /** The domain's refusal of a mark on a full tally. */
    static final class Full extends Refusal {
        Full() {
            super("The tally is full.");
        }
    }

    static MongoServer server;
    static MongoClient client;
    static ReactiveMongoTemplate mongo;

    final AggregateStore<Tally> tallies = new AggregateStore<>(mongo, JsonMapper.builder().findAndAddModules().build(),
            Tally.class, "tallies-" + UUID.randomUUID(), "tally", id -> { });
    /** How often the item was read alone (the single command's read). */
    final AtomicInteger readsAlone = new AtomicInteger();
    /** How often the command decided, on the copy or on a fresh read. */
    final AtomicInteger decisions = new AtomicInteger();

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "read-together-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theCopyIsDecidedOnWithoutASecondRead() {
        insert("a", 0);
        ReadTogether<Tally> read = readTogether("a");

        Versioned<Tally> changed = read.change("a", alone("a"), this::mark).block();

        assertThat(changed.aggregate().marks()).isEqualTo(1);
        assertThat(tallies.find("a").block().version()).isEqualTo(2);
        assertThat(readsAlone).hasValue(0);
        assertThat(decisions).hasValue(1);
    }

    @Test
    void aCopyGoneStaleLosesTheConditionalWriteAndIsDecidedAgainOnAFreshRead() {
        insert("a", 0);
        ReadTogether<Tally> read = readTogether("a");
        tallies.update("a", 1, new Tally("a", 1), List.of()).block();

        Versioned<Tally> changed = read.change("a", alone("a"), this::mark).block();

        assertThat(changed.aggregate().marks()).as("the mark of the copy is not stored over the newer one")
                .isEqualTo(2);
        assertThat(changed.version()).isEqualTo(3);
        assertThat(readsAlone).hasValue(1);
        assertThat(decisions).hasValue(2);
    }

    @Test
    void aRefusalJudgedOnTheCopyIsJudgedAgainOnTheAggregateAsStoredNow() {
        insert("a", FULL);
        ReadTogether<Tally> read = readTogether("a");
        tallies.update("a", 1, new Tally("a", 0), List.of()).block();

        Versioned<Tally> changed = read.change("a", alone("a"), this::mark).block();

        assertThat(changed.aggregate().marks()).as("what the single command accepts now").isEqualTo(1);
        assertThat(readsAlone).hasValue(1);
        assertThat(decisions).hasValue(2);
    }

    @Test
    void aRefusalThatHoldsOnTheAggregateAsStoredNowStands() {
        insert("a", FULL);
        ReadTogether<Tally> read = readTogether("a");

        assertThatThrownBy(read.change("a", alone("a"), this::mark)::block).isInstanceOf(Full.class);
        assertThat(readsAlone).as("judged once more, on a fresh read").hasValue(1);
        assertThat(decisions).hasValue(2);
    }

    @Test
    void aRefusalJudgedOnAFreshReadAfterAConflictStands() {
        insert("a", 0);
        ReadTogether<Tally> read = readTogether("a");
        tallies.update("a", 1, new Tally("a", FULL), List.of()).block();

        assertThatThrownBy(read.change("a", alone("a"), this::mark)::block).isInstanceOf(Full.class);
        assertThat(readsAlone).hasValue(1);
        assertThat(decisions).as("the copy, then the fresh read after the conflict; no third").hasValue(2);
    }

    @Test
    void aConcurrentChangeIsNotJudgedAgain() {
        insert("a", 0);
        ReadTogether<Tally> read = readTogether("a");
        // Someone else writes between every decision and its conditional write.
        Function<Tally, Outcome<Tally>> losing = tally -> {
            Outcome<Tally> marked = mark(tally);
            Versioned<Tally> now = tallies.find("a").block();
            tallies.update("a", now.version(), new Tally("a", 0), List.of()).block();
            return marked;
        };

        assertThatThrownBy(read.change("a", alone("a"), losing)::block).isInstanceOf(ConcurrentChange.class);
        assertThat(decisions).as("the copy, then each retry of the one retry policy").hasValue(
                AggregateStore.RETRIES + 1);
        assertThat(readsAlone).hasValue(AggregateStore.RETRIES);
    }

    @Test
    void anIdWithoutACopyIsLookedUpAloneAndRefusedAsTheSingleCommandRefusesIt() {
        insert("a", 0);
        insert("not-read", 0);
        ReadTogether<Tally> read = readTogether("a");

        assertThatThrownBy(read.change("gone", alone("gone"), this::mark)::block).isInstanceOf(NotFound.class)
                .hasMessage("Tally gone was not found.");
        assertThat(read.change("not-read", alone("not-read"), this::mark).block().aggregate().marks()).isEqualTo(1);
        assertThat(readsAlone).hasValue(2);
        assertThat(decisions).hasValue(1);
        assertThat(read.ids()).containsOnly("a");
    }

    private void insert(String id, int marks) {
        tallies.insert(id, new Tally(id, marks), List.of()).block();
    }

    /** The request's aggregates read in one query, as a service reads them. */
    private ReadTogether<Tally> readTogether(String... ids) {
        return new ReadTogether<>(tallies, tallies.findAll(List.of(ids)).collectMap(Versioned::id).block());
    }

    /** The single command's read of one aggregate: 404 when there is none. */
    private Mono<Versioned<Tally>> alone(String id) {
        return Mono.defer(() -> {
            readsAlone.incrementAndGet();
            return tallies.find(id);
        }).switchIfEmpty(Mono.error(() -> new NotFound("Tally " + id)));
    }

    private Outcome<Tally> mark(Tally tally) {
        decisions.incrementAndGet();
        if (tally.marks() >= FULL) {
            throw new Full();
        }
        return Outcome.quiet(new Tally(tally.id(), tally.marks() + 1));
    }
}
