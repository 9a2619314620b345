package org.bipm.kcdb.publication.application;

import java.time.Clock;
import java.util.List;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.publication.domain.KcdbCode;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;

/** Turns approvals into published KCDB records and registrations into public comparison entries. */
public class PublicationApplication {

    private final AggregateStore<PublishedCmc> published;
    private final AggregateStore<PublicComparison> comparisons;
    private final Counters counters;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;

    public PublicationApplication(AggregateStore<PublishedCmc> published, AggregateStore<PublicComparison> comparisons,
                                  Counters counters, Clock clock, ObjectProvider<OutboxRelay> relay) {
        this.published = published;
        this.comparisons = comparisons;
        this.counters = counters;
        this.clock = clock;
        this.relay = relay;
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
        relay.ifAvailable(OutboxRelay::nudge);
    }

    public void onComparisonRegistered(ComparisonRegistered registered) {
        try {
            comparisons.insert(registered.identifier(), PublicComparison.of(registered), List.of()).block();
        } catch (DuplicateKeyException alreadyListed) {
            // a redelivered registration
        }
    }
}
