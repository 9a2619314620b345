package org.bipm.kcdb.publication.web;

import java.util.List;

/** The KCDB API's quick-search request. */
record QuickSearchCriteria(Integer page, Integer pageSize, Boolean showTable, String status, String keywords,
                           List<String> includedFilters, List<String> excludedFilters)
        implements SearchCriteria.Common {
}
