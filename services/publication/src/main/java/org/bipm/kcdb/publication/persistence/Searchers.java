package org.bipm.kcdb.publication.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index in memory: the one writer, and searchers that each see one consistent point in time, released
 * after every search so that a refresh can drop what no search sees any more. One thread reopens the searchers
 * (Lucene's {@link ControlledRealTimeReopenThread}): at once when someone waits for a write to be visible
 * ({@link #awaitVisible}), otherwise at the latest {@code maxStale} after a write, so that a burst of writes nobody
 * waits for costs one reopen, not one each.
 */
final class Searchers implements Closeable {

    /** A search on one acquired searcher. */
    interface Search<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;

    /**
     * @param indexSort   the order documents are kept in within each segment: a search sorted the same way stops
     *                    collecting a segment once it has its page
     * @param maxStale    the longest a write waits to become searchable when nobody waits for it
     * @param afterReopen called on the reopening thread once searchers acquired from then on see newer writes
     */
    Searchers(Analyzer analyzer, Sort indexSort, Duration maxStale, Runnable afterReopen) {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64).setIndexSort(indexSort);
            this.writer = new IndexWriter(new ByteBuffersDirectory(), config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        searchers.addListener(new ReferenceManager.RefreshListener() {
            @Override
            public void beforeRefresh() {
            }

            @Override
            public void afterRefresh(boolean didRefresh) {
                if (didRefresh) {
                    afterReopen.run();
                }
            }
        });
        reopener = new ControlledRealTimeReopenThread<>(writer, searchers, maxStale.toNanos() / 1e9, 0);
        reopener.setName("search-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * Adds or replaces the document of the record {@code id} names; searchable at the latest {@code maxStale} later,
     * or once {@link #awaitVisible} with the generation returned has returned.
     */
    long write(Term id, Document document) throws IOException {
        return writer.updateDocument(id, document);
    }

    /** Returns once searchers acquired from now on see the write of this generation (reopening now if need be). */
    void awaitVisible(long generation) {
        try {
            reopener.waitForGeneration(generation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the search index to show a write", e);
        }
    }

    <T> T search(Search<T> search) {
        IndexSearcher searcher = acquire();
        try {
            return search.on(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reopener.close();
        searchers.close();
        writer.close();
    }
}
