package org.bipm.kcdb.publication.application;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.publication.domain.KcdbCode;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;

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
     * twice; at worst it burns a serial, and serials never repeat.
     */
    public void onApproved(CmcApproved approved) {
        if (published.find(approved.cmcId()).block() != null) {
            return;
        }
        String area = approved.content().metrologyAreaLabel();
        String series = KcdbCode.series(approved.rmo(), area, approved.country());
        KcdbCode code = new KcdbCode(approved.rmo(), area, approved.country(), counters.next("kcdb-code:" + series), 1);
        PublishedCmc.Publication publication = PublishedCmc.publish(approved, code, counters.next("kcdb-id"),
                clock.instant());
        try {
            published.insert(approved.cmcId(), publication.cmc(), List.of(publication.event())).block();
        } catch (DuplicateKeyException alreadyPublished) {
            return;
        }
        search.ifAvailable(s -> s.indexed(approved.cmcId(), publication.cmc(), 1));
        relay.ifAvailable(OutboxRelay::nudge);
    }

    /** Status changes arrive in order (keyed by identifier); each applies to the stored state once. */
    public void onComparisonStatusChanged(ComparisonStatusChanged changed) {
        updateComparison(changed.identifier(), current -> {
            PublicComparison.Moved moved = current.moveTo(changed);
            return new Update(moved.comparison(), moved.published().<List<IntegrationEvent>>map(List::of)
                    .orElse(List.of()));
        });
    }

    public void onComparisonEvaluated(ComparisonEvaluated evaluated) {
        updateComparison(evaluated.identifier(), current -> new Update(current.withDraft(evaluated), List.of()));
    }

    private void updateComparison(String identifier, Function<PublicComparison, Update> change) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Versioned<PublicComparison> current = comparisons.find(identifier).block();
            if (current == null) {
                // Registration precedes every other event of the comparison on its partition; retried, then parked.
                throw new IllegalStateException("Comparison " + identifier + " is not registered here yet");
            }
            Update next = change.apply(current.aggregate());
            if (comparisons.update(identifier, current.version(), next.comparison(), next.events()).block() != null) {
                if (!next.events().isEmpty()) {
                    relay.ifAvailable(OutboxRelay::nudge);
                }
                return;
            }
        }
        throw new IllegalStateException("Comparison " + identifier + " kept changing under this update");
    }

    private record Update(PublicComparison comparison, List<IntegrationEvent> events) {
    }

    public void onComparisonRegistered(ComparisonRegistered registered) {
        try {
            comparisons.insert(registered.identifier(), PublicComparison.of(registered), List.of()).block();
        } catch (DuplicateKeyException alreadyListed) {
            // a redelivered registration
        }
    }
}
