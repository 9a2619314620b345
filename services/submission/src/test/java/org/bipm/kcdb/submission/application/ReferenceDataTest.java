package org.bipm.kcdb.submission.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue;
import org.bipm.kcdb.submission.domain.reference.ReferenceEntry;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;
import org.bipm.kcdb.submission.persistence.ReferenceChanges;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue the rules check against: the office's changes reloaded when it is older than 10 s, once for all the
 * commands that find it stale meanwhile (a queue of single submits built one each before; issue 15 item 7).
 */
class ReferenceDataTest {

    /** The office's changes as the store gives them, each read answered when the test says so. */
    static final class HeldChanges extends ReferenceChanges {

        final AtomicInteger reads = new AtomicInteger();
        Sinks.Many<ReferenceEntry> answer = Sinks.many().replay().all();

        HeldChanges() {
            super(null, JsonMapper.builder().build());
        }

        @Override
        public Flux<ReferenceEntry> all() {
            return Flux.defer(() -> {
                reads.incrementAndGet();
                return answer.asFlux();
            });
        }
    }

    static final class MovableClock extends Clock {

        Instant now = Instant.parse("2026-12-05T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final HeldChanges changes = new HeldChanges();
    private final MovableClock clock = new MovableClock();
    private final ReferenceData data = new ReferenceData(JsonMapper.builder().build(), changes, clock,
            new DefaultListableBeanFactory().getBeanProvider(OutboxRelay.class));

    @Test
    void theCommandsThatFindTheCatalogueStaleWaitForOneReloadAndSeeTheOfficesChange() {
        List<ReferenceCatalogue> seen = new ArrayList<>();
        for (int command = 0; command < 50; command++) {
            data.catalogue().subscribe(seen::add);
        }
        assertThat(changes.reads).as("one reload for the fifty commands").hasValue(1);
        assertThat(seen).as("each waits for it").isEmpty();

        ReferenceEntry added = new ReferenceEntry(ReferenceTable.METROLOGY_AREAS, "XX",
                Map.of("label", "XX"), false, "office", clock.instant());
        changes.answer.tryEmitNext(added);
        changes.answer.tryEmitComplete();
        assertThat(seen).hasSize(50).allSatisfy(catalogue -> assertThat(catalogue).isSameAs(seen.get(0)));
        assertThat(seen.get(0).entry(added.table(), "XX")).contains(added);

        assertThat(data.catalogue().block()).as("fresh for 10 s: no read").isSameAs(seen.get(0));
        clock.now = clock.now.plus(Duration.ofSeconds(11));
        data.catalogue().block();
        assertThat(changes.reads).as("stale again: read again").hasValue(2);
    }

    @Test
    void aFailedReloadFailsTheCommandsWaitingForItAndTheNextCommandReadsAgain() {
        List<Throwable> failed = new ArrayList<>();
        for (int command = 0; command < 3; command++) {
            data.catalogue().subscribe(catalogue -> { }, failed::add);
        }
        changes.answer.tryEmitError(new IllegalStateException("the store is away"));
        assertThat(failed).hasSize(3).allSatisfy(error -> assertThat(error).hasMessage("the store is away"));
        assertThat(changes.reads).hasValue(1);

        changes.answer = Sinks.many().replay().all();
        changes.answer.tryEmitComplete();
        assertThat(data.catalogue().block()).isNotNull();
        assertThat(changes.reads).hasValue(2);
    }
}
