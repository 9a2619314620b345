package org.bipm.kcdb.publication.application;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.publication.domain.KcdbCode;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.Counters;
import org.bipm.kcdb.publication.persistence.PublishedCmcQueries;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Turns approvals into published KCDB records and registrations into public comparison entries. */
public class PublicationApplication {

    private final AggregateStore<PublishedCmc> published;
    private final AggregateStore<PublicComparison> comparisons;
    private final Counters counters;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;
    private final ObjectProvider<KcdbSearch> search;

    public PublicationApplication(AggregateStore<PublishedCmc> published, AggregateStore<PublicComparison> comparisons,
                                  Counters counters, Clock clock, ObjectProvider<OutboxRelay> relay,
                                  ObjectProvider<KcdbSearch> search) {
        this.published = published;
        this.comparisons = comparisons;
        this.counters = counters;
        this.clock = clock;
        this.relay = relay;
        this.search = search;
    }

    /**
     * Publishes an approved CMC once. The record's id is the CMC's, so a redelivered approval cannot publish it
     * twice; at worst it burns a serial, and serials never repeat. A modification ({@code supersedesKcdbCode})
     * keeps the serial, takes the next version, and archives the version it replaces first, so that a crash in
     * between is finished by the redelivery; the unique code catches two modifications racing for one version.
     */
    public void onApproved(CmcApproved approved) {
        if (approved.deletionRequest()) {
            deleteOnRequest(approved);
            return;
        }
        Versioned<PublishedCmc> existing = published.find(approved.cmcId()).block();
        if (existing != null) {
            // A redelivery after a failure between storing and looking: looking again is harmless.
            search.ifAvailable(s -> s.lookSoon(approved.cmcId()));
            return;
        }
        KcdbCode code = approved.supersedesKcdbCode() == null ? allocate(approved) : supersede(approved);
        Outcome<PublishedCmc> publication = PublishedCmc.publish(approved, code, counters.next("kcdb-id"),
                clock.instant());
        try {
            published.insert(approved.cmcId(), publication).block();
        } catch (DuplicateKeyException duplicate) {
            if (published.find(approved.cmcId()).block() == null) {
                throw new IllegalStateException("Version " + code + " was published meanwhile by another "
                        + "modification; the redelivery publishes the next one", duplicate);
            }
            return;
        }
        search.ifAvailable(s -> s.lookSoon(approved.cmcId()));
    }

    private KcdbCode allocate(CmcApproved approved) {
        String area = approved.content().metrologyAreaLabel();
        String series = KcdbCode.series(approved.rmo(), area, approved.country());
        return new KcdbCode(approved.rmo(), area, approved.country(), counters.next("kcdb-code:" + series), 1);
    }

    /** The next version after the newest one of the superseded CMC, which is archived unless it is already. */
    private KcdbCode supersede(CmcApproved approved) {
        KcdbCode named = named(approved);
        Versioned<PublishedCmc> newest = newest(named, "superseded");
        KcdbCode next = KcdbCode.parse(newest.aggregate().kcdbCode()).orElseThrow().nextVersion();
        if (newest.aggregate().status() != PublicationStatus.ARCHIVED) {
            Outcome<PublishedCmc> archived = newest.aggregate().archive(next, clock.instant());
            Versioned<PublishedCmc> saved = published.update(newest.aggregate().cmcId(), newest.version(),
                    archived.aggregate(), archived.events()).block();
            if (saved == null) {
                throw new IllegalStateException(named + " changed meanwhile; the redelivery tries again");
            }
            search.ifAvailable(s -> s.lookAt(newest.aggregate().cmcId()));
        }
        return next;
    }

    /**
     * The review approved the institute's request to delete its published CMC: the newest version goes to Deleted
     * (cmc.deleted, as when the KCDB office deletes it). Applied once: a redelivery finds it deleted already.
     */
    private void deleteOnRequest(CmcApproved approved) {
        KcdbCode named = named(approved);
        Versioned<PublishedCmc> newest = newest(named, "to delete");
        if (newest.aggregate().status() == PublicationStatus.DELETED
                || newest.aggregate().status() == PublicationStatus.ARCHIVED) {
            return;
        }
        Outcome<PublishedCmc> deleted = newest.aggregate().delete(approved.approvedBy(),
                "deletion requested by " + approved.institute() + ", approved in review " + approved.reviewId(),
                clock.instant());
        Versioned<PublishedCmc> saved = published.update(newest.aggregate().cmcId(), newest.version(),
                deleted.aggregate(), deleted.events()).block();
        if (saved == null) {
            throw new IllegalStateException(named + " changed meanwhile; the redelivery tries again");
        }
        search.ifAvailable(s -> s.lookAt(saved.aggregate().cmcId()));
        relay.ifAvailable(OutboxRelay::nudge);
    }

    private static KcdbCode named(CmcApproved approved) {
        return KcdbCode.parse(approved.supersedesKcdbCode()).orElseThrow(() ->
                new IllegalArgumentException("Not a KCDB code: " + approved.supersedesKcdbCode()));
    }

    /** The newest version of the CMC {@code code} belongs to; a redelivery retries while it is not here yet. */
    private Versioned<PublishedCmc> newest(KcdbCode code, String role) {
        Versioned<PublishedCmc> newest = versions(code).reduce((a, b) ->
                a.aggregate().kcdbVersion() >= b.aggregate().kcdbVersion() ? a : b).block();
        if (newest == null) {
            throw new IllegalStateException("The CMC " + code + " " + role + " is not published here (yet)");
        }
        return newest;
    }

    /** Every version of a CMC: the records whose code shares the serial. */
    public Flux<Versioned<PublishedCmc>> versions(KcdbCode code) {
        return PublishedCmcQueries.versions(published, code);
    }

    /** The KCDB office greys out, restores or deletes a record; each change is an event. */
    public Mono<Versioned<PublishedCmc>> change(String kcdbCode,
                                                Function<PublishedCmc, Outcome<PublishedCmc>> action) {
        return published.change(PublishedCmcQueries.byCode(published, kcdbCode)
                                .switchIfEmpty(Mono.error(() -> new NotFound("CMC " + kcdbCode))),
                        action)
                // the look reads the store, which blocks: not on the web server's threads
                .flatMap(saved -> Mono.fromRunnable(() -> search.ifAvailable(s -> s.lookAt(saved.aggregate().cmcId())))
                        .subscribeOn(Schedulers.boundedElastic()).thenReturn(saved));
    }

    /** Status changes arrive in order (keyed by identifier); each applies to the stored state once. */
    public void onComparisonStatusChanged(ComparisonStatusChanged changed) {
        changeComparison(changed.identifier(), current -> current.moveTo(changed));
    }

    public void onComparisonEvaluated(ComparisonEvaluated evaluated) {
        changeComparison(evaluated.identifier(), current -> Outcome.quiet(current.withDraft(evaluated)));
    }

    private void changeComparison(String identifier, Function<PublicComparison, Outcome<PublicComparison>> change) {
        comparisons.change(comparisons.find(identifier).switchIfEmpty(Mono.error(() ->
                // Registration precedes every other event of the comparison on its partition; retried, then parked.
                new IllegalStateException("Comparison " + identifier + " is not registered here yet"))), change)
                .block();
    }

    public void onComparisonRegistered(ComparisonRegistered registered) {
        try {
            comparisons.insert(registered.identifier(), PublicComparison.of(registered), List.of()).block();
        } catch (DuplicateKeyException alreadyListed) {
            // a redelivered registration
        }
    }
}
