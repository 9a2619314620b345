package org.bipm.kcdb.publication.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.bipm.kcdb.publication.persistence.CmcQuery;
import org.bipm.kcdb.publication.persistence.SearchPage;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;

/**
 * Searches published CMCs in the in-memory index, never in the store (whose local stand-in scans every document).
 * The index is fed from one place, this class, and only with what the store holds: every stored record at start-up,
 * then the records changed since the last look ({@link AggregateStore#stampsChangedSince}, periodically, for what other
 * instances wrote), and a record this instance has just written, read back from the store by id
 * ({@link #lookAt}), so that whoever made the write finds it in the next search (read your writes). Writers no
 * longer hand their own copies to the index: with two feeds the same record arrived twice in either order, and a
 * copy of a write the store had refused could have been indexed.
 */
public class KcdbSearch {

    private final AggregateStore<PublishedCmc> published;
    private final CmcIndex index;
    private final Clock clock;
    /** Longer than the clock skew between instances and a write's time in flight, so no change falls between looks. */
    private final Duration overlap;
    private volatile Instant lastLook;
    /** The most ids and versions one answer of the store holds (see {@link AggregateStore#stampsChangedSince}). */
    private final int page;
    private final Timer searches;
    private final Timer facetedSearches;

    /** How many records a look reads from the store at a time, unless told otherwise. */
    public static final int PAGE = 1000;

    public KcdbSearch(AggregateStore<PublishedCmc> published, CmcIndex index, Clock clock, Duration overlap) {
        this(published, index, clock, overlap, PAGE, new SimpleMeterRegistry());
    }

    /**
     * @param page     how many ids and versions a look reads from the store at a time: the store's memory and the work of one
     *                 answer are bounded by it, whatever the store's size and however much changed since the last look
     * @param registry where the search latency ({@value #LATENCY}) is measured
     */
    public KcdbSearch(AggregateStore<PublishedCmc> published, CmcIndex index, Clock clock, Duration overlap,
                      int page, MeterRegistry registry) {
        if (page < 1) {
            throw new IllegalArgumentException("A look reads at least one record at a time, not " + page);
        }
        this.page = page;
        this.searches = latency(registry, false);
        this.facetedSearches = latency(registry, true);
        this.published = published;
        this.index = index;
        this.clock = clock;
        this.overlap = overlap;
    }

    /** Indexes every stored record; the service answers searches only after this. */
    public synchronized int load() {
        return lookSince(null);
    }

    /** Indexes what changed since the last look (minus the overlap); returns how many records changed. */
    public synchronized int catchUp() {
        Instant since = lastLook == null ? null : lastLook.minus(overlap);
        return lookSince(since);
    }

    /**
     * Reads the ids and versions of what changed, {@code page} at a time in the order of the ids (each page after the
     * last id of the one before), then in full only the records the index does not hold at that version, {@value #READ}
     * at a time. Every record changed before the look began is looked at once (one changed during the look may be read
     * now or at the next look, which reaches back before this one began). The looks overlap by {@code overlap}, so a
     * record written during a migration is among the changed at every look for that long (every 2 s for 30 s), and
     * read whole each time it cost the store, the driver and the conversion more than the migration's own write
     * (bench/README.md, "KCDB migration").
     */
    private int lookSince(Instant since) {
        Instant started = clock.instant();
        int count = 0;
        String after = null;
        while (true) {
            List<AggregateStore.Stamp> stamps = published.stampsChangedSince(since, after, page).collectList().block();
            if (stamps == null || stamps.isEmpty()) {
                break;
            }
            List<String> stale = stamps.stream()
                    .filter(stamp -> !index.holds(stamp.id(), stamp.version()))
                    .map(AggregateStore.Stamp::id)
                    .toList();
            for (int from = 0; from < stale.size(); from += READ) {
                List<CmcIndex.Indexed> changed = published.changes(stale.subList(from, Math.min(stale.size(), from + READ)))
                        .map(c -> new CmcIndex.Indexed(c.id(), c.aggregate(), c.version(), c.changedAt()))
                        .collectList().block();
                count += changed == null ? 0 : index.putAll(changed);
            }
            if (stamps.size() < page) {
                break;
            }
            after = stamps.get(stamps.size() - 1).id();
        }
        lastLook = started;
        return count;
    }

    /**
     * Records a look reads in full in one query. A store matches each document it finds by id against the whole
     * query, the id list included (the local store, and the component tests' in-memory one), so a query's matching
     * grows with the square of its list: 200 as the relay's reads.
     */
    static final int READ = 200;

    /**
     * This instance has just written the record: read it back from the store now rather than at the next periodic
     * look, so that whoever made the write finds it in the next search (the office's status change, the publication
     * an approval's sender awaits). By id: one index hit, not a look at everything changed.
     */
    public void lookAt(String cmcId) {
        Versioned<PublishedCmc> stored = published.find(cmcId).block();
        if (stored != null) {
            index.put(new CmcIndex.Indexed(cmcId, stored.aggregate(), stored.version(), null));
        }
    }

    /**
     * {@link #lookAt} for a writer that does not search for its write at once (the consumer publishing approved
     * CMCs): the record is searchable within the index's refresh interval ({@code kcdb.search.refresh-interval}),
     * and a burst of publications costs the index one reopen, not one per record.
     */
    public void lookSoon(String cmcId) {
        Versioned<PublishedCmc> stored = published.find(cmcId).block();
        if (stored != null) {
            index.putSoon(new CmcIndex.Indexed(cmcId, stored.aggregate(), stored.version(), null));
        }
    }

    /** This instance has just written many records (a migration): one look at everything changed, now. */
    public void lookNow() {
        catchUp();
    }

    /** The time the index takes to answer a search (the HTTP meters add the rendering and the network). */
    public static final String LATENCY = "kcdb.search.latency";

    private static Timer latency(MeterRegistry registry, boolean facets) {
        return Timer.builder(LATENCY).description("Time the search index takes to answer one page of a search")
                .tag("facets", String.valueOf(facets)).publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1))
                .register(registry);
    }

    public SearchPage search(CmcQuery query, int page, int pageSize, boolean facets) {
        return (facets ? facetedSearches : searches).record(() -> index.search(query, page, pageSize, facets));
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
