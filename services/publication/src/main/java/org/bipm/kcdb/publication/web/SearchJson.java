package org.bipm.kcdb.publication.web;

import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.PublicNames;
import org.bipm.kcdb.publication.persistence.QuickFilter;
import org.bipm.kcdb.publication.persistence.SearchPage;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The parts of search answers that many answers share, written as JSON once and then copied into each: a record in
 * the KCDB API's shape (the same record answers page after page of searches until it changes), the quick
 * search's filter lists (the same counts object for one query between two index refreshes), and a typical quick
 * search's whole envelope (the same page object between two refreshes). Both are held by
 * identity and weakly: a record replaced in the index, or the counts of an index refreshed since, drop out by
 * themselves, and a record is written again when the public names it shows change.
 */
final class SearchJson {

    /** About the records of a few hundred typical pages; a record's JSON is one to three kilobytes. */
    private static final int RECORDS = 2_048;
    private static final int FILTER_LISTS = 64;
    /** The quick searches users repeat between two refreshes; an envelope holds JSON already written. */
    private static final int ANSWERS = 128;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A record's JSON with its tables masked and shown (each null until asked for), under the names it shows. */
    private record Written(PublicNames names, RawValue masked, RawValue shown) {

        RawValue get(boolean showTable) {
            return showTable ? shown : masked;
        }

        Written with(boolean showTable, RawValue json) {
            return showTable ? new Written(names, masked, json) : new Written(names, json, shown);
        }
    }

    /** A whole answer, made from one page under these names, with the tables masked or shown. */
    private record Answer(PublicNames names, boolean showTable, Map<String, Object> envelope) {
    }

    /** The quick search's {@code aggregations} and {@code filtersList}. */
    record FilterLists(RawValue aggregations, RawValue filtersList) {
    }

    // weakKeys: by identity, and gone with the record or counts; evicted on the caller's thread.
    private final Cache<PublishedCmc, Written> records = Caffeine.newBuilder().weakKeys().maximumSize(RECORDS)
            .executor(Runnable::run).build();
    private final Cache<SearchPage, Answer> answers = Caffeine.newBuilder().weakKeys().maximumSize(ANSWERS)
            .executor(Runnable::run).build();
    private final Cache<Map<QuickFilter, Map<String, Integer>>, FilterLists> filterLists = Caffeine.newBuilder()
            .weakKeys().maximumSize(FILTER_LISTS).executor(Runnable::run).build();

    /** The record as {@link KcdbRecords#toApi} writes it, as JSON. */
    RawValue record(PublishedCmc cmc, boolean showTable, PublicNames names) {
        Written known = records.getIfPresent(cmc);
        if (known != null && known.names() == names && known.get(showTable) != null) {
            return known.get(showTable);
        }
        RawValue json = raw(KcdbRecords.toApi(cmc, showTable, names));
        records.put(cmc, known != null && known.names() == names ? known.with(showTable, json)
                : new Written(names, null, null).with(showTable, json));
        return json;
    }

    /**
     * The whole answer to a quick search made from this page, once per page object: the index keeps a typical page
     * until its next refresh ({@code KnownPages}), so the same search gets the same page object and this the same
     * envelope, its records and filter lists already JSON, unless the names it shows or the tables asked for differ.
     */
    Map<String, Object> answer(SearchPage page, boolean showTable, PublicNames names,
                               Supplier<Map<String, Object>> answer) {
        Answer known = answers.getIfPresent(page);
        if (known != null && known.names() == names && known.showTable() == showTable) {
            return known.envelope();
        }
        Map<String, Object> envelope = Collections.unmodifiableMap(answer.get());
        answers.put(page, new Answer(names, showTable, envelope));
        return envelope;
    }

    /** The filter lists written from these counts, once per counts object. */
    FilterLists filterLists(Map<QuickFilter, Map<String, Integer>> counts, Supplier<?> aggregations,
                            Supplier<?> filtersList) {
        return filterLists.get(counts, c -> new FilterLists(raw(aggregations.get()), raw(filtersList.get())));
    }

    private static RawValue raw(Object value) {
        return new RawValue(new SerializedString(JSON.writeValueAsString(value)));
    }
}
