package org.bipm.kcdb.publication.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.publication.application.Classification;
import org.bipm.kcdb.publication.application.CmcQuery;
import org.bipm.kcdb.publication.application.QuickFilter;
import org.bipm.kcdb.publication.application.ReferenceData;
import org.bipm.kcdb.publication.application.SearchPage;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * The published CMCs held in memory and indexed with Lucene, so that a search costs a few milliseconds however
 * many records there are, and never a scan of the store. Lucene finds the matching documents; the records
 * themselves are kept here by id. Writes are visible to searches as soon as {@link #putAll} returns.
 */
public final class CmcIndex implements Closeable {

    private static final String ID = "cmcId";
    private static final String CODE = "kcdbCode";
    private static final String SERIES = "series";
    private static final String STATUS = "status";
    private static final String COUNTRY = "country";
    private static final String PUBLISHED = "publicationDate";
    private static final String CHANGED = "changedAt";
    private static final String ORDER = "kcdbId";
    /** Which entry of {@link #slots} holds the document's record: read from the sort values, no stored-field reads. */
    private static final String SLOT = "slot";
    private static final Sort KCDB_ORDER = new Sort(new SortField(ORDER, SortField.Type.LONG),
            new SortField(SLOT, SortField.Type.LONG));

    private final Analyzer analyzer = new StandardAnalyzer();
    private final ReferenceData reference;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /**
     * Each indexed document's record and its quick-filter values as ordinals of {@link #facetValues}: counting the
     * filters of 100 000 matches then costs one doc-values read per match. Grown and written by the one writer;
     * a searcher acquired after a refresh sees every slot its documents name.
     */
    private volatile Slot[] slots = new Slot[1024];
    private final Map<String, Integer> slotOf = new ConcurrentHashMap<>();
    private final FacetValues[] facetValues = new FacetValues[QuickFilter.values().length];
    /** Slots of replaced documents, dropped one refresh later: a search that started before it may still see them. */
    private List<Integer> replaced = new ArrayList<>();
    private int nextSlot;

    private record Slot(Indexed record, int[] facets) {
    }

    /** The values of one quick filter, numbered in order of first appearance. */
    private static final class FacetValues {
        private final Map<String, Integer> ordinals = new ConcurrentHashMap<>();
        private volatile String[] names = new String[64];
        private volatile int size;

        int ordinal(String value) {
            Integer known = ordinals.get(value);
            if (known != null) {
                return known;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            names[size] = value;
            ordinals.put(value, size);
            return size++;
        }

        int size() {
            return size;
        }

        String name(int ordinal) {
            return names[ordinal];
        }
    }

    public CmcIndex(ReferenceData reference) {
        this.reference = reference;
        for (int i = 0; i < facetValues.length; i++) {
            facetValues[i] = new FacetValues();
        }
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(new ByteBuffersDirectory(), config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record as the store holds it: its id, version and when it last changed (null if never recorded). */
    public record Indexed(String cmcId, PublishedCmc cmc, long version, Instant changedAt) {
    }

    public void put(Indexed record) {
        putAll(List.of(record));
    }

    /**
     * Adds or replaces records, then makes them searchable. A version older than the one indexed is ignored: the
     * local hook and the catch-up poll may deliver the same record in either order.
     */
    public synchronized int putAll(Collection<Indexed> batch) {
        int changed = 0;
        List<Integer> replacedNow = new ArrayList<>();
        try {
            for (Indexed record : batch) {
                Indexed current = current(record.cmcId());
                if (current != null && current.version() >= record.version()) {
                    continue;
                }
                int slot = nextSlot++;
                if (slot == slots.length) {
                    slots = Arrays.copyOf(slots, slot * 2);
                }
                slots[slot] = new Slot(record, facetOrdinals(record.cmc()));
                writer.updateDocument(new Term(ID, record.cmcId()), document(record, slot));
                Integer previous = slotOf.put(record.cmcId(), slot);
                if (previous != null) {
                    replacedNow.add(previous);
                }
                changed++;
            }
            if (changed > 0) {
                searchers.maybeRefreshBlocking();
                Slot[] table = slots;
                replaced.forEach(old -> table[old] = null);
                replaced = replacedNow;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed;
    }

    public int size() {
        return slotOf.size();
    }

    private Indexed current(String cmcId) {
        Integer slot = slotOf.get(cmcId);
        return slot == null ? null : slots[slot].record();
    }

    /**
     * One page of matches in KCDB order (by record id), with the number of all matches; with {@code facets}, also
     * the counts of the matches per quick-search filter value.
     */
    public SearchPage search(CmcQuery query, int page, int pageSize, boolean facets) {
        Query lucene = toLucene(query);
        IndexSearcher searcher = acquire();
        try {
            long from = (long) page * pageSize;
            // One pass collects the page (with everything before it, as sorted collection needs) and counts all;
            // a page past the end collects one hit just to count.
            int maxDoc = searcher.getIndexReader().maxDoc();
            int numHits = from >= maxDoc ? 1 : (int) Math.min(from + pageSize, maxDoc);
            TopFieldCollector top = new TopFieldCollectorManager(KCDB_ORDER, numHits, null, Integer.MAX_VALUE)
                    .newCollector();
            Slot[] table = slots;
            FacetCounts counts = facets ? new FacetCounts(table, facetValues) : null;
            searcher.search(lucene, facets ? MultiCollector.wrap(top, counts) : top);
            TopDocs hits = top.topDocs();
            List<PublishedCmc> found = new ArrayList<>();
            for (long i = from; i < hits.scoreDocs.length; i++) {
                Slot slot = table[(int) (long) (Long) ((FieldDoc) hits.scoreDocs[(int) i]).fields[1]];
                if (slot != null) {
                    found.add(slot.record().cmc());
                }
            }
            Map<QuickFilter, Map<String, Integer>> facetCounts = counts == null ? Map.of() : counts.sorted();
            return new SearchPage(found, hits.totalHits.value, facetCounts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** Every match in KCDB order: an export's rows, taken from one consistent view of the index. */
    public List<PublishedCmc> all(CmcQuery query) {
        Query lucene = toLucene(query);
        IndexSearcher searcher = acquire();
        try {
            int total = searcher.count(lucene);
            if (total == 0) {
                return List.of();
            }
            TopDocs hits = searcher.search(lucene, total, KCDB_ORDER, false);
            Slot[] table = slots;
            List<PublishedCmc> found = new ArrayList<>(hits.scoreDocs.length);
            for (ScoreDoc hit : hits.scoreDocs) {
                Slot slot = table[(int) (long) (Long) ((FieldDoc) hit).fields[1]];
                if (slot != null) {
                    found.add(slot.record().cmc());
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** The record published under this exact code, whatever its status. */
    public Optional<PublishedCmc> byCode(String kcdbCode) {
        return matching(new TermQuery(new Term(CODE, kcdbCode))).stream().findFirst();
    }

    /** Every version of the CMC this code belongs to, oldest first. */
    public List<PublishedCmc> versions(String kcdbCode) {
        List<PublishedCmc> versions = new ArrayList<>(matching(new TermQuery(new Term(SERIES, base(kcdbCode)))));
        versions.sort(Comparator.comparingInt(PublishedCmc::kcdbVersion));
        return versions;
    }

    /**
     * What every version of one CMC shares: its code without the version, as {@code KcdbCode.base()}, but for any
     * code an import may bring, well-formed or not.
     */
    private static String base(String kcdbCode) {
        int dash = kcdbCode.lastIndexOf('-');
        return dash < 0 ? kcdbCode : kcdbCode.substring(0, dash);
    }

    private List<PublishedCmc> matching(Query query) {
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(query, 1000);
            StoredFields stored = searcher.storedFields();
            List<PublishedCmc> found = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                found.add(recordOf(stored, hit).cmc());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    private Indexed recordOf(StoredFields stored, ScoreDoc hit) throws IOException {
        return current(stored.document(hit.doc, Set.of(ID)).get(ID));
    }

    /** Instants beyond the epoch milliseconds' range (an ISO instant reaches year ±999999999) select all or nothing. */
    private static long epochMilliClamped(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException beyond) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    Query toLucene(CmcQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(term(STATUS, query.status().label()), Occur.FILTER);
        if (query.keywords() != null && !query.keywords().isBlank()) {
            all.add(Keywords.parse(query.keywords(), analyzer), Occur.MUST);
        }
        query.exact().forEach((field, value) -> all.add(term(exactField(field), value), Occur.FILTER));
        if (!query.countries().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            query.countries().forEach(country -> any.add(term(COUNTRY, country), Occur.SHOULD));
            all.add(any.build(), Occur.FILTER);
        }
        if (query.publishedFrom() != null || query.publishedTo() != null) {
            all.add(LongPoint.newRangeQuery(PUBLISHED,
                    query.publishedFrom() == null ? Long.MIN_VALUE : query.publishedFrom().toEpochDay(),
                    query.publishedTo() == null ? Long.MAX_VALUE : query.publishedTo().toEpochDay()), Occur.FILTER);
        }
        if (query.changedSince() != null) {
            all.add(LongPoint.newRangeQuery(CHANGED, epochMilliClamped(query.changedSince()), Long.MAX_VALUE),
                    Occur.FILTER);
        }
        Map<QuickFilter, BooleanQuery.Builder> groups = new EnumMap<>(QuickFilter.class);
        for (QuickFilter.Selection selection : query.included()) {
            groups.computeIfAbsent(selection.filter(), f -> new BooleanQuery.Builder())
                    .add(term(selectField(selection.filter()), selection.value()), Occur.SHOULD);
        }
        groups.values().forEach(group -> all.add(group.build(), Occur.FILTER));
        for (QuickFilter.Selection selection : query.excluded()) {
            all.add(term(selectField(selection.filter()), selection.value()), Occur.MUST_NOT);
        }
        return all.build();
    }

    /** The record's shown value of each quick filter as an ordinal, -1 where it has none. */
    private int[] facetOrdinals(PublishedCmc cmc) {
        QuickFilter[] filters = QuickFilter.values();
        int[] ordinals = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            List<String> shown = filters[i].shownValues(cmc);
            ordinals[i] = shown.isEmpty() ? -1 : facetValues[i].ordinal(shown.get(0));
        }
        return ordinals;
    }

    private Document document(Indexed record, long slot) {
        PublishedCmc cmc = record.cmc();
        CmcContent c = cmc.content();
        Document doc = new Document();
        doc.add(new StringField(ID, record.cmcId(), Store.YES));
        doc.add(new StringField(CODE, cmc.kcdbCode(), Store.NO));
        doc.add(new StringField(SERIES, base(cmc.kcdbCode()), Store.NO));
        doc.add(keyword(STATUS, cmc.status().label()));
        for (CmcQuery.Field field : CmcQuery.Field.values()) {
            String value = field.of(cmc);
            if (value != null && !value.isBlank()) {
                doc.add(keyword(exactField(field), value));
            }
        }
        if ("RADIATION".equals(c.domainCode()) && c.radiationCode() != null) {
            // Radiation searches name quantity, medium and source by label; the code holds them as
            // branch.quantity.medium.source, so a record matches by label as well as by value.
            String[] labels = c.radiationCode().split("\\.");
            CmcQuery.Field[] byPosition = {null, CmcQuery.Field.QUANTITY, CmcQuery.Field.MEDIUM, CmcQuery.Field.SOURCE};
            for (int i = 1; i < Math.min(labels.length, byPosition.length); i++) {
                if (!labels[i].isBlank()) {
                    doc.add(keyword(exactField(byPosition[i]), labels[i]));
                }
            }
        }
        if (cmc.country() != null) {
            doc.add(keyword(COUNTRY, cmc.country()));
        }
        if (cmc.publicationDate() != null) {
            doc.add(new LongPoint(PUBLISHED, cmc.publicationDate().toEpochDay()));
        }
        Instant changedAt = record.changedAt() != null ? record.changedAt() : cmc.publishedAt();
        if (changedAt != null) {
            doc.add(new LongPoint(CHANGED, changedAt.toEpochMilli()));
        }
        doc.add(new NumericDocValuesField(ORDER, cmc.kcdbId()));
        doc.add(new NumericDocValuesField(SLOT, slot));
        for (QuickFilter filter : QuickFilter.values()) {
            for (String value : filter.selectingValues(cmc)) {
                doc.add(keyword(selectField(filter), value));
            }
        }
        doc.add(new TextField(Keywords.TEXT, text(cmc), Store.NO));
        return doc;
    }

    /** Everything a user might type to find the record: codes, names, the classification and free text. */
    private String text(PublishedCmc cmc) {
        CmcContent c = cmc.content();
        Classification classification = Classification.kcdb();
        String physicsCode = cmc.physicsCode();
        List<String> parts = new ArrayList<>(List.of(cmc.kcdbCode()));
        add(parts, cmc.institute(), reference.institute(cmc.institute()).map(ReferenceData.Institute::nmiName)
                        .orElse(null), cmc.rmo(), cmc.country(), reference.countryName(cmc.country()),
                c.domainCode(), c.metrologyAreaLabel(), c.branchLabel(), classification.branchValue(c.branchLabel()),
                physicsCode, cmc.kcdbServiceCategory(), c.quantityValue(), c.instrument(), c.instrumentMethod(),
                c.comments(), c.nmiServiceCode(), c.traceabilitySource(), c.internationalStandard(),
                c.referenceStandard(), c.categoryLabel(), c.analyteValue(), c.analyteMatrix(),
                c.measurementTechnique(), c.mechanism(), c.sourceValue(), c.mediumValue(), c.nuclideValue(),
                c.radiationCode(), c.radiationSpecification());
        if ("PHYSICS".equals(c.domainCode())) {
            add(parts, classification.serviceValues(c.branchLabel(), physicsCode));
        }
        if (c.parameters() != null) {
            for (Parameter p : c.parameters()) {
                add(parts, p.parameterName(), p.parameterValue());
            }
        }
        return String.join(" \n ", parts);
    }

    private static void add(List<String> parts, String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                parts.add(value);
            }
        }
    }

    private static StringField keyword(String field, String value) {
        return new StringField(field, lower(value), Store.NO);
    }

    private static TermQuery term(String field, String value) {
        return new TermQuery(new Term(field, lower(value)));
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    private static String exactField(CmcQuery.Field field) {
        return "exact." + field.name();
    }

    private static String selectField(QuickFilter filter) {
        return "select." + filter.code();
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

    /** Counts the matches per quick-filter value: one slot read per match, then the slot's ordinals. */
    private static final class FacetCounts extends SimpleCollector {

        private static final QuickFilter[] FILTERS = QuickFilter.values();
        private final Slot[] table;
        private final FacetValues[] values;
        private final int[][] perOrdinal = new int[FILTERS.length][];
        private NumericDocValues slotOf;

        FacetCounts(Slot[] table, FacetValues[] values) {
            this.table = table;
            this.values = values;
            for (int i = 0; i < FILTERS.length; i++) {
                perOrdinal[i] = new int[values[i].size()];
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            slotOf = DocValues.getNumeric(context.reader(), SLOT);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!slotOf.advanceExact(doc)) {
                return;
            }
            Slot slot = table[(int) slotOf.longValue()];
            if (slot == null) {
                return;
            }
            int[] ordinals = slot.facets();
            for (int i = 0; i < ordinals.length; i++) {
                if (ordinals[i] >= 0) {
                    perOrdinal[i][ordinals[i]]++;
                }
            }
        }

        /** Most frequent first, then by name, as the original lists them. */
        Map<QuickFilter, Map<String, Integer>> sorted() {
            Map<QuickFilter, Map<String, Integer>> sorted = new EnumMap<>(QuickFilter.class);
            for (int i = 0; i < FILTERS.length; i++) {
                List<Map.Entry<String, Integer>> counted = new ArrayList<>();
                for (int ordinal = 0; ordinal < perOrdinal[i].length; ordinal++) {
                    if (perOrdinal[i][ordinal] > 0) {
                        counted.add(Map.entry(values[i].name(ordinal), perOrdinal[i][ordinal]));
                    }
                }
                counted.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
                Map<String, Integer> ordered = new LinkedHashMap<>();
                counted.forEach(e -> ordered.put(e.getKey(), e.getValue()));
                sorted.put(FILTERS[i], ordered);
            }
            return sorted;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
