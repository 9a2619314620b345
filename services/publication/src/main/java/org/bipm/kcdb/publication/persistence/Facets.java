package org.bipm.kcdb.publication.persistence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * The quick-search filters' counts (cmcRmo, cmcCountries, cmcDomain, ...): each record's shown value of each filter
 * is numbered once when it is indexed, and each segment's documents' numbers are laid out side by side once per
 * segment, so that counting the matches reads one stretch of an array per match, in document order.
 */
final class Facets {

    private static final QuickFilter[] FILTERS = QuickFilter.values();
    private final FacetValues[] facetValues = new FacetValues[FILTERS.length];
    /**
     * Per segment (by its core's cache key, dropped when the core closes): each document's ordinals, FILTERS.length
     * per document, -1 where none. A segment never changes which record a document holds, nor a slot its ordinals.
     */
    private final Map<Object, int[]> bySegment = new ConcurrentHashMap<>();

    Facets() {
        for (int i = 0; i < facetValues.length; i++) {
            facetValues[i] = new FacetValues();
        }
    }

    /** The record's shown value of each quick filter as an ordinal, -1 where it has none. */
    int[] ordinals(PublishedCmc cmc, PublicNames names) {
        int[] ordinals = new int[FILTERS.length];
        for (int i = 0; i < FILTERS.length; i++) {
            List<String> shown = FILTERS[i].shownValues(cmc, names);
            ordinals[i] = shown.isEmpty() ? -1 : facetValues[i].ordinal(shown.get(0));
        }
        return ordinals;
    }

    /** A collector that counts the matches of one search in the slots of {@code table}. */
    Counts counter(SlotTable.Slot[] table) {
        return new Counts(this, table, facetValues);
    }

    /** The segment's documents' ordinals, read from their slots in {@code table} the first time they are asked for. */
    private int[] ordinals(LeafReader segment, SlotTable.Slot[] table) throws IOException {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return ordinalsNow(segment, table);
        }
        int[] known = bySegment.get(core.getKey());
        if (known != null) {
            return known;
        }
        int[] ordinals = ordinalsNow(segment, table);
        if (bySegment.putIfAbsent(core.getKey(), ordinals) == null) {
            core.addClosedListener(bySegment::remove);
        }
        return ordinals;
    }

    /**
     * A document whose slot was already dropped counts nowhere: its record was replaced, so it is deleted in every
     * reader from the one that showed the replacement on.
     */
    private static int[] ordinalsNow(LeafReader segment, SlotTable.Slot[] table) throws IOException {
        int[] ordinals = new int[segment.maxDoc() * FILTERS.length];
        Arrays.fill(ordinals, -1);
        NumericDocValues slotOf = DocValues.getNumeric(segment, CmcDocuments.SLOT);
        for (int doc = slotOf.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = slotOf.nextDoc()) {
            SlotTable.Slot slot = table[(int) slotOf.longValue()];
            if (slot != null) {
                System.arraycopy(slot.facets(), 0, ordinals, doc * FILTERS.length, FILTERS.length);
            }
        }
        return ordinals;
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

    /** Counts the matches per quick-filter value: one read of the segment's ordinals per match. */
    static final class Counts extends SimpleCollector {

        private final Facets facets;
        private final SlotTable.Slot[] table;
        private final FacetValues[] values;
        private final int[][] perOrdinal = new int[FILTERS.length][];
        private int[] ordinals;
        private long total;

        private Counts(Facets facets, SlotTable.Slot[] table, FacetValues[] values) {
            this.facets = facets;
            this.table = table;
            this.values = values;
            for (int i = 0; i < FILTERS.length; i++) {
                perOrdinal[i] = new int[values[i].size()];
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            ordinals = facets.ordinals(context.reader(), table);
        }

        @Override
        public void collect(int doc) {
            total++;
            int at = doc * FILTERS.length;
            for (int i = 0; i < FILTERS.length; i++) {
                int ordinal = ordinals[at + i];
                if (ordinal >= 0) {
                    perOrdinal[i][ordinal]++;
                }
            }
        }

        /** How many matches were collected. */
        long total() {
            return total;
        }

        /** Most frequent first, then by name, as the original lists them; unmodifiable, as searches share them. */
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
                sorted.put(FILTERS[i], Collections.unmodifiableMap(ordered));
            }
            return Collections.unmodifiableMap(sorted);
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
