package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KCDB API's paging envelope: page numbers from 0, {@code data} holding the page's records. */
final class SearchEnvelope {

    static final String API_VERSION = "1.0.13";

    private SearchEnvelope() {
    }

    static <T> Map<String, Object> page(List<T> data, int page, int pageSize, long totalElements) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("versionApiKcdb", API_VERSION);
        envelope.put("pageNumber", page);
        envelope.put("pageSize", pageSize);
        envelope.put("numberOfElements", data.size());
        envelope.put("totalElements", totalElements);
        envelope.put("totalPages", (totalElements + pageSize - 1) / pageSize);
        envelope.put("data", data);
        return envelope;
    }
}
