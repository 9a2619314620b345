package org.bipm.kcdb.publication.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * How a published CMC becomes a Lucene document and a {@link CmcQuery} a Lucene query: the two sides of the same
 * field names, kept together so that a field is never written under one name and searched under another.
 */
final class CmcDocuments {

    static final String ID = "cmcId";
    static final String CODE = "kcdbCode";
    static final String SERIES = "series";
    private static final String STATUS = "status";
    private static final String COUNTRY = "country";
    private static final String PUBLISHED = "publicationDate";
    private static final String CHANGED = "changedAt";
    private static final String ORDER = "kcdbId";
    /** Which entry of the {@link SlotTable} holds the document's record: read from the sort values or doc values. */
    static final String SLOT = "slot";
    /** KCDB order (record id), then the slot, whose sort value names the record without a stored-field read. */
    static final Sort KCDB_ORDER = new Sort(new SortField(ORDER, SortField.Type.LONG),
            new SortField(SLOT, SortField.Type.LONG));

    private final Analyzer analyzer;
    /**
     * Parsed keywords: the same few words arrive again and again, and a Lucene query is immutable. Keywords that do
     * not parse are not kept (the parser's refusal passes through).
     */
    private final Cache<String, Query> keywords = Caffeine.newBuilder().maximumSize(256).executor(Runnable::run)
            .build();

    CmcDocuments(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * What every version of one CMC shares: its code without the version, as {@code KcdbCode.base()}, but for any
     * code an import may bring, well-formed or not.
     */
    static String base(String kcdbCode) {
        int dash = kcdbCode.lastIndexOf('-');
        return dash < 0 ? kcdbCode : kcdbCode.substring(0, dash);
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
            all.add(keywords.get(query.keywords(), typed -> Keywords.parse(typed, analyzer)), Occur.MUST);
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

    Document document(CmcIndex.Indexed record, long slot, PublicNames names) {
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
            for (String value : filter.selectingValues(cmc, names)) {
                doc.add(keyword(selectField(filter), value));
            }
        }
        doc.add(new TextField(Keywords.TEXT, text(cmc, names), Store.NO));
        return doc;
    }

    /** Everything a user might type to find the record: codes, names, the classification and free text. */
    private static String text(PublishedCmc cmc, PublicNames names) {
        CmcContent c = cmc.content();
        Classification classification = names.classification();
        String physicsCode = cmc.physicsCode();
        List<String> parts = new ArrayList<>(List.of(cmc.kcdbCode()));
        add(parts, cmc.institute(), names.institute(cmc.institute()).map(ReferenceData.Institute::nmiName)
                        .orElse(null), cmc.rmo(), cmc.country(), names.countryName(cmc.country()),
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
}
