package org.bipm.kcdb.publication.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * The published CMCs held in memory and indexed with Lucene, so that a search costs a few milliseconds however
 * many records there are, and never a scan of the store. Lucene finds the matching documents; the records
 * themselves are kept here by id. Writes are visible to searches as soon as {@link #putAll} returns, those of
 * {@link #putSoon} within the refresh interval.
 * Its parts: {@link Searchers} (the writer and the searchers' life cycle), {@link SlotTable} (the records by slot),
 * {@link Facets} (the quick-filter counts), {@link MatchCounts} (a query's counts, once per refresh),
 * {@link KnownPages} (its pages, likewise), {@link CmcDocuments} (records as documents, queries as Lucene queries).
 */
public final class CmcIndex implements Closeable {

    private final Analyzer analyzer = new StandardAnalyzer();
    private final CmcDocuments documents;
    private final Searchers searchers;
    private final SlotTable slots = new SlotTable();
    private final Facets facets = new Facets();
    private final MatchCounts counts = new MatchCounts(facets);
    private final KnownPages pages = new KnownPages();
    private final Supplier<PublicNames> names;

    /** An index naming things as the seed does (tests and benchmarks without the office's changes). */
    public CmcIndex(ReferenceData reference) {
        this(() -> PublicNames.seed(reference));
    }

    /** The longest a record written with {@link #putSoon} waits to be searchable, unless configured otherwise. */
    public static final Duration REFRESH_INTERVAL = Duration.ofMillis(100);

    /**
     * An index whose documents and facets name countries, branches, services and institutes as {@code names} gives
     * them now; {@link #reindex()} rewrites them when the names change.
     */
    public CmcIndex(Supplier<PublicNames> names) {
        this(names, REFRESH_INTERVAL);
    }

    /** @param refreshInterval the longest a record written with {@link #putSoon} waits to be searchable */
    public CmcIndex(Supplier<PublicNames> names, Duration refreshInterval) {
        this.names = names;
        this.documents = new CmcDocuments(analyzer);
        this.searchers = new Searchers(analyzer, CmcDocuments.KCDB_ORDER, refreshInterval, slots::refreshed);
    }

    /** A record as the store holds it: its id, version and when it last changed (null if never recorded). */
    public record Indexed(String cmcId, PublishedCmc cmc, long version, Instant changedAt) {
    }

    public void put(Indexed record) {
        putAll(List.of(record));
    }

    /**
     * Adds or replaces records, then makes them searchable. A version older than the one indexed is ignored: the
     * start-up load and the catch-up's overlapping looks may deliver the same record more than once.
     */
    public int putAll(Collection<Indexed> batch) {
        Written written = write(batch);
        searchers.awaitVisible(written.generation());
        return written.changed();
    }

    /**
     * {@link #put} without waiting: searchable at the latest the refresh interval later, together with every other
     * record written meanwhile (one reopen of the searchers for a burst of records, not one each). For writers that
     * do not read their own write at once, such as the consumer publishing approved CMCs.
     */
    public void putSoon(Indexed record) {
        write(List.of(record));
    }

    /** Whether the index holds the record at this version or a later one (a look need not read it again). */
    public synchronized boolean holds(String cmcId, long version) {
        Indexed current = slots.current(cmcId);
        return current != null && current.version() >= version;
    }

    /** How many records a write changed, and the index generation that holds them (-1 if none). */
    private record Written(int changed, long generation) {
    }

    private synchronized Written write(Collection<Indexed> batch) {
        int changed = 0;
        long generation = -1;
        try {
            PublicNames now = names.get();
            for (Indexed record : batch) {
                Indexed current = slots.current(record.cmcId());
                if (current != null && current.version() >= record.version()) {
                    continue;
                }
                generation = write(record, now);
                changed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(changed, generation);
    }

    /**
     * Rewrites every record's document and facet values with the names as they are now: the KCDB office renamed a
     * country, branch, service or institute, and searches, facets and keyword matches follow. Rare (the office's
     * reference-data changes) and a few seconds for 100 000 records; searches go on meanwhile on the previous view.
     */
    public int reindex() {
        Written written = rewriteAll();
        searchers.awaitVisible(written.generation());
        return written.changed();
    }

    private synchronized Written rewriteAll() {
        PublicNames now = names.get();
        List<Indexed> all = slots.records();
        long generation = -1;
        try {
            for (Indexed record : all) {
                generation = write(record, now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(all.size(), generation);
    }

    private long write(Indexed record, PublicNames now) throws IOException {
        int slot = slots.allocate(record, facets.ordinals(record.cmc(), now));
        long generation = searchers.write(new Term(CmcDocuments.ID, record.cmcId()),
                documents.document(record, slot, now));
        slots.bind(record.cmcId(), slot);
        return generation;
    }

    public int size() {
        return slots.size();
    }

    /**
     * One page of matches in KCDB order (by record id), with the number of all matches; with {@code withFacets}, also
     * the counts of the matches per quick-search filter value.
     */
    public SearchPage search(CmcQuery query, int page, int pageSize, boolean withFacets) {
        Query lucene = documents.toLucene(query);
        return searchers.search(searcher -> pages.page(searcher, lucene, page, pageSize, withFacets,
                () -> collect(searcher, lucene, page, pageSize, withFacets)));
    }

    private SearchPage collect(IndexSearcher searcher, Query lucene, int page, int pageSize, boolean withFacets) {
        try {
            SlotTable.Slot[] table = slots.snapshot();
            MatchCounts.Counted counted = counts.count(searcher, lucene, table, withFacets);
            long from = (long) page * pageSize;
            List<PublishedCmc> found = new ArrayList<>();
            if (from < counted.total()) {
                // The segments are kept in KCDB order, so collecting stops in each once it holds the page (with
                // everything before it, as sorted collection needs): the matches were counted above.
                int numHits = (int) Math.min(from + pageSize, searcher.getIndexReader().maxDoc());
                TopDocs hits = searcher.search(lucene, new TopFieldCollectorManager(CmcDocuments.KCDB_ORDER, numHits,
                        null, numHits));
                for (long i = from; i < hits.scoreDocs.length; i++) {
                    addRecord(found, table, hits.scoreDocs[(int) i]);
                }
            }
            return new SearchPage(found, counted.total(), withFacets ? counted.facets() : Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every match in KCDB order: an export's rows, taken from one consistent view of the index. */
    public List<PublishedCmc> all(CmcQuery query) {
        Query lucene = documents.toLucene(query);
        return searchers.search(searcher -> {
            int total = searcher.count(lucene);
            if (total == 0) {
                return List.of();
            }
            TopDocs hits = searcher.search(lucene, total, CmcDocuments.KCDB_ORDER, false);
            SlotTable.Slot[] table = slots.snapshot();
            List<PublishedCmc> found = new ArrayList<>(hits.scoreDocs.length);
            for (ScoreDoc hit : hits.scoreDocs) {
                addRecord(found, table, hit);
            }
            return found;
        });
    }

    /** The record a hit sorted in KCDB order names by its slot, unless a later write replaced it. */
    private static void addRecord(List<PublishedCmc> found, SlotTable.Slot[] table, ScoreDoc hit) {
        SlotTable.Slot slot = table[(int) (long) (Long) ((FieldDoc) hit).fields[1]];
        if (slot != null) {
            found.add(slot.record().cmc());
        }
    }

    /** The record published under this exact code, whatever its status. */
    public Optional<PublishedCmc> byCode(String kcdbCode) {
        return matching(new TermQuery(new Term(CmcDocuments.CODE, kcdbCode))).stream().findFirst();
    }

    /** Every version of the CMC this code belongs to, oldest first. */
    public List<PublishedCmc> versions(String kcdbCode) {
        List<PublishedCmc> versions = new ArrayList<>(matching(new TermQuery(new Term(CmcDocuments.SERIES,
                CmcDocuments.base(kcdbCode)))));
        versions.sort(Comparator.comparingInt(PublishedCmc::kcdbVersion));
        return versions;
    }

    private List<PublishedCmc> matching(Query query) {
        return searchers.search(searcher -> {
            TopDocs top = searcher.search(query, 1000);
            StoredFields stored = searcher.storedFields();
            List<PublishedCmc> found = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                found.add(recordOf(stored, hit).cmc());
            }
            return found;
        });
    }

    private Indexed recordOf(StoredFields stored, ScoreDoc hit) throws IOException {
        return slots.current(stored.document(hit.doc, Set.of(CmcDocuments.ID)).get(CmcDocuments.ID));
    }

    @Override
    public void close() throws IOException {
        searchers.close();
    }
}
