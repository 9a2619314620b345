package org.bipm.kcdb.publication.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bipm.kcdb.publication.persistence.CmcQuery;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.persistence.QuickFilter;
import org.bipm.kcdb.publication.persistence.SearchPage;
import org.bipm.kcdb.publication.domain.InvalidKeywords;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.PublicNames;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A search request checked field by field: where the original answers bad input with an HTML 500, the caller
 * learns here which fields are wrong (400 problem+json), all of them at once.
 */
final class SearchRequest {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 10_000;
    private static final Pattern ISO2 = Pattern.compile("[A-Za-z]{2}");

    private final int page;
    private final int pageSize;
    private final boolean showTable;
    private final CmcQuery query;
    private final List<FieldError> errors = new ArrayList<>();

    private SearchRequest(SearchCriteria.Common criteria, String changedSince) {
        page = criteria.page() == null ? 0 : criteria.page();
        pageSize = criteria.pageSize() == null ? DEFAULT_PAGE_SIZE : criteria.pageSize();
        showTable = Boolean.TRUE.equals(criteria.showTable());
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            errors.add(new FieldError("pageSize", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        PublicationStatus status = criteria.status() == null ? PublicationStatus.PUBLISHED
                : PublicationStatus.fromLabel(criteria.status()).orElse(null);
        if (status == null) {
            errors.add(new FieldError("status", "must be Published, Archived, Greyed out or Deleted"));
        }
        query = CmcQuery.of(status, criteria.keywords());
        if (changedSince != null) {
            try {
                query.changedSince(Instant.parse(changedSince));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("changedSince", "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z"));
            }
        }
    }

    private static SearchRequest of(SearchCriteria.Common criteria, String changedSince) {
        SearchRequest request = new SearchRequest(criteria, changedSince);
        if (criteria instanceof SearchCriteria.Advanced advanced) {
            request.query.where(CmcQuery.Field.AREA, advanced.metrologyAreaLabel());
            request.countries(advanced.countries());
            request.query.publishedBetween(request.date(advanced.publicDateFrom(), "publicDateFrom"),
                    request.date(advanced.publicDateTo(), "publicDateTo"));
        }
        return request;
    }

    static SearchRequest quick(QuickSearchCriteria criteria, String changedSince) {
        SearchRequest request = of(criteria, changedSince);
        request.query.including(request.selections(criteria.includedFilters(), "includedFilters"))
                .excluding(request.selections(criteria.excludedFilters(), "excludedFilters"));
        return request;
    }

    static SearchRequest physics(SearchCriteria.Physics criteria, String changedSince) {
        SearchRequest request = of(criteria, changedSince);
        request.query.where(CmcQuery.Field.DOMAIN, "PHYSICS")
                .where(CmcQuery.Field.BRANCH, criteria.branchLabel())
                .where(CmcQuery.Field.SERVICE, criteria.serviceLabel())
                .where(CmcQuery.Field.SUB_SERVICE, criteria.subServiceLabel())
                .where(CmcQuery.Field.INDIVIDUAL_SERVICE, criteria.individualServiceLabel())
                .where(CmcQuery.Field.PHYSICS_CODE, criteria.physicsCode());
        return request;
    }

    static SearchRequest chemistryAndBiology(SearchCriteria.ChemistryAndBiology criteria, String changedSince) {
        SearchRequest request = of(criteria, changedSince);
        request.query.where(CmcQuery.Field.DOMAIN, "CHEM-BIO")
                .where(CmcQuery.Field.CATEGORY, criteria.categoryLabel())
                .where(CmcQuery.Field.ANALYTE, criteria.analyteLabel());
        return request;
    }

    static SearchRequest radiation(SearchCriteria.Radiation criteria, String changedSince) {
        SearchRequest request = of(criteria, changedSince);
        request.query.where(CmcQuery.Field.DOMAIN, "RADIATION")
                .where(CmcQuery.Field.BRANCH, criteria.branchLabel())
                .where(CmcQuery.Field.QUANTITY, criteria.quantityLabel())
                .where(CmcQuery.Field.SOURCE, criteria.sourceLabel())
                .where(CmcQuery.Field.MEDIUM, criteria.mediumLabel())
                .where(CmcQuery.Field.NUCLIDE, criteria.nuclideLabel());
        return request;
    }

    boolean showTable() {
        return showTable;
    }

    /** A page of the default size or smaller: what searches repeat; a longer one is a download, written afresh. */
    boolean typicalPage() {
        return pageSize <= DEFAULT_PAGE_SIZE;
    }

    /** The "&lt;filterCode&gt;.&lt;value&gt;" entries of a quick search; unknown codes are field errors. */
    List<QuickFilter.Selection> selections(List<String> entries, String field) {
        List<QuickFilter.Selection> selections = new ArrayList<>();
        if (entries == null) {
            return selections;
        }
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            QuickFilter.Selection.parse(entries.get(i)).ifPresentOrElse(selections::add,
                    () -> errors.add(new FieldError(field + "[" + index + "]",
                            "must be <filterCode>.<value> with a filter code of cmcDomain, cmcBranches, cmcServices,"
                                    + " cmcMaterial, cmcRmo or cmcCountries")));
        }
        return selections;
    }

    SearchPage run(KcdbSearch search, boolean facets) {
        failOnErrors();
        try {
            return search.search(query, page, pageSize, facets);
        } catch (InvalidKeywords e) {
            throw badKeywords(e);
        }
    }

    /** Every match in KCDB order, whatever the page: what an export writes. */
    List<PublishedCmc> runAll(KcdbSearch search) {
        failOnErrors();
        try {
            return search.all(query);
        } catch (InvalidKeywords e) {
            throw badKeywords(e);
        }
    }

    private static ApiProblem badKeywords(InvalidKeywords e) {
        return invalid(List.of(new FieldError("keywords", "is not valid query syntax: " + e.getMessage())));
    }

    /**
     * The page in the KCDB API's envelope. A typical page's records are taken as JSON written once for all the pages
     * they are on; a long page (a download, in effect) is written afresh, so as not to crowd those out.
     */
    Map<String, Object> envelope(SearchPage found, ReferenceChanges changes, SearchJson json) {
        PublicNames names = changes.names();
        List<Object> records = new ArrayList<>(found.records().size());
        for (PublishedCmc record : found.records()) {
            records.add(typicalPage() ? json.record(record, showTable, names)
                    : KcdbRecords.toApi(record, showTable, names));
        }
        return SearchEnvelope.page(records, page, pageSize, found.totalElements());
    }

    private void countries(List<String> countries) {
        if (countries == null) {
            return;
        }
        for (int i = 0; i < countries.size(); i++) {
            String country = countries.get(i);
            if (country == null || !ISO2.matcher(country).matches()) {
                errors.add(new FieldError("countries[" + i + "]", "must be an ISO 3166-1 alpha-2 code, e.g. JP"));
            }
        }
        query.inCountries(countries);
    }

    private LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    private void failOnErrors() {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ApiProblem invalid(List<FieldError> errors) {
        return ApiProblem.invalid(HttpStatus.BAD_REQUEST, "The search criteria are invalid.", errors);
    }
}
