package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KCDB API's paging envelope: page numbers from 0, {@code data} holding the page's records. */
final class SearchEnvelope {

    static final String API_VERSION = "1.0.13";

    private SearchEnvelope() {
    }

    static <T> Map<String, Object> page(List<T> all, int page, int pageSize) {
        int from = (int) Math.min((long) page * pageSize, all.size());
        int to = Math.min(from + pageSize, all.size());
        List<T> data = all.subList(from, to);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("versionApiKcdb", API_VERSION);
        envelope.put("pageNumber", page);
        envelope.put("pageSize", pageSize);
        envelope.put("numberOfElements", data.size());
        envelope.put("totalElements", all.size());
        envelope.put("totalPages", (all.size() + pageSize - 1) / pageSize);
        envelope.put("data", data);
        return envelope;
    }
}
