package org.bipm.kcdb.publication.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * How many records a query matches and, for the quick search, how many per quick-filter value: counted once per
 * query and point in time of the index. Between two refreshes the same query has the same matches, and counting
 * tens of thousands of them is most of a quick search's work; the page itself is collected anew each time. A refresh
 * (a publication, a status change, a reindex for renamed reference data) opens a reader with a new cache key, so a
 * search after a write counts what it wrote. The index holds nothing but published records and the query includes
 * its status filter, so a count is only ever answered to the query it was counted for.
 */
final class MatchCounts {

    /** Enough for the searches users repeat between two refreshes; a count with facets is a few kilobytes. */
    private static final int QUERIES = 256;

    /** The number of matches, and their counts per quick-filter value (null when not counted). */
    record Counted(long total, Map<QuickFilter, Map<String, Integer>> facets) {
    }

    /** A query on one point in time of the index: the reader's cache key, not the reader, is held. */
    private record Key(Object reader, Query query) {
    }

    private final Facets facets;
    // Evicted on the caller's thread: nothing runs in the common pool behind a search.
    private final Cache<Key, Counted> counted = Caffeine.newBuilder().maximumSize(QUERIES).executor(Runnable::run)
            .build();

    MatchCounts(Facets facets) {
        this.facets = facets;
    }

    /** The matches of {@code query} on {@code searcher}, counted per filter value too when {@code withFacets}. */
    Counted count(IndexSearcher searcher, Query query, SlotTable.Slot[] table, boolean withFacets) {
        IndexReader.CacheHelper helper = searcher.getIndexReader().getReaderCacheHelper();
        if (helper == null) {
            return countNow(searcher, query, table, withFacets);
        }
        Key key = new Key(helper.getKey(), query);
        Counted known = counted.getIfPresent(key);
        if (known != null && (known.facets() != null || !withFacets)) {
            return known;
        }
        Counted now = countNow(searcher, query, table, withFacets);
        counted.put(key, now);
        return now;
    }

    private Counted countNow(IndexSearcher searcher, Query query, SlotTable.Slot[] table, boolean withFacets) {
        try {
            if (!withFacets) {
                return new Counted(searcher.count(query), null);
            }
            Facets.Counts counts = facets.counter(table);
            searcher.search(query, counts);
            return new Counted(counts.total(), counts.sorted());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
