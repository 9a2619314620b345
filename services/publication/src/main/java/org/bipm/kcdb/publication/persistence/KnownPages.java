package org.bipm.kcdb.publication.persistence;

import java.util.function.Supplier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The pages searches were answered, once per query, page and point in time of the index, as {@link MatchCounts}
 * keeps their counts: between two refreshes the same query has the same page, and collecting it anew (the query's
 * terms looked up and its matches walked in KCDB order) was the largest part of a repeated quick search's own work
 * on the platform (bench/README.md, "Search through the platform"). A refresh opens a reader with a new cache key,
 * so a search after a write finds what it wrote. Only typical pages are kept: a long page is a download.
 */
final class KnownPages {

    /** The KCDB API's default page size; larger pages are written afresh (see SearchJson in web). */
    static final int LARGEST_KEPT = 100;
    /** Enough for the pages users repeat between two refreshes; a page holds references to resident records. */
    private static final int PAGES = 512;

    /** A page of a query on one point in time of the index: the reader's cache key, not the reader, is held. */
    private record Key(Object reader, Query query, int page, int pageSize, boolean withFacets) {
    }

    // Evicted on the caller's thread: nothing runs in the common pool behind a search.
    private final Cache<Key, SearchPage> pages = Caffeine.newBuilder().maximumSize(PAGES).executor(Runnable::run)
            .build();

    /** The page as {@code search} collects it on {@code searcher}, collected once per point in time. */
    SearchPage page(IndexSearcher searcher, Query query, int page, int pageSize, boolean withFacets,
                    Supplier<SearchPage> search) {
        IndexReader.CacheHelper helper = searcher.getIndexReader().getReaderCacheHelper();
        if (helper == null || pageSize > LARGEST_KEPT) {
            return search.get();
        }
        Key key = new Key(helper.getKey(), query, page, pageSize, withFacets);
        SearchPage known = pages.getIfPresent(key);
        if (known != null) {
            return known;
        }
        SearchPage found = search.get();
        pages.put(key, found);
        return found;
    }
}
