package org.bipm.kcdb.publication.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.bipm.kcdb.support.persistence.AggregateStore;

/**
 * Searches published CMCs in the in-memory index, never in the store (whose local stand-in scans every document).
 * The index is filled from the store at start-up, takes this instance's publications as they happen, and catches
 * up with what other instances wrote by asking the store for the records changed since its last look.
 */
public class KcdbSearch {

    private final AggregateStore<PublishedCmc> published;
    private final CmcIndex index;
    private final Clock clock;
    /** Longer than the clock skew between instances and a write's time in flight, so no change falls between looks. */
    private final Duration overlap;
    private volatile Instant lastLook;

    public KcdbSearch(AggregateStore<PublishedCmc> published, CmcIndex index, Clock clock, Duration overlap) {
        this.published = published;
        this.index = index;
        this.clock = clock;
        this.overlap = overlap;
    }

    /** Indexes every stored record; the service answers searches only after this. */
    public int load() {
        return lookSince(null);
    }

    /** Indexes what changed since the last look (minus the overlap); returns how many records changed. */
    public int catchUp() {
        Instant since = lastLook == null ? null : lastLook.minus(overlap);
        return lookSince(since);
    }

    private int lookSince(Instant since) {
        Instant started = clock.instant();
        List<CmcIndex.Indexed> changed = published.changedSince(since)
                .map(c -> new CmcIndex.Indexed(c.id(), c.aggregate(), c.version(), c.changedAt()))
                .collectList().block();
        int count = changed == null ? 0 : index.putAll(changed);
        lastLook = started;
        return count;
    }

    /** This instance just stored the record: searchable now, without waiting for the next look. */
    public void indexed(String cmcId, PublishedCmc cmc, long version) {
        index.put(new CmcIndex.Indexed(cmcId, cmc, version, null));
    }

    public SearchPage search(CmcQuery query, int page, int pageSize, boolean facets) {
        return index.search(query, page, pageSize, facets);
    }

    public List<PublishedCmc> all(CmcQuery query) {
        return index.all(query);
    }

    public Optional<PublishedCmc> byCode(String kcdbCode) {
        return index.byCode(kcdbCode);
    }

    public List<PublishedCmc> versions(String kcdbCode) {
        return index.versions(kcdbCode);
    }
}
