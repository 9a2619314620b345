package org.bipm.kcdb.publication.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index in memory: the one writer, and searchers that each see one consistent point in time, released
 * after every search so that a refresh can drop what no search sees any more.
 */
final class Searchers implements Closeable {

    /** A search on one acquired searcher. */
    interface Search<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    private final IndexWriter writer;
    private final SearcherManager searchers;

    Searchers(Analyzer analyzer) {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(new ByteBuffersDirectory(), config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces the document of the record {@code id} names; searchable after the next {@link #refresh}. */
    void write(Term id, Document document) throws IOException {
        writer.updateDocument(id, document);
    }

    /** Searchers acquired from now on see every write so far. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
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
        searchers.close();
        writer.close();
    }
}
