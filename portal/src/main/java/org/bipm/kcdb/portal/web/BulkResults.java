package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk action's answer as its result page shows it: one row per item, its state afterwards or the message of the
 * problem that refused it (the API's {@code {"results": [{"id", "status"} or {"id", "problem"}]}}).
 */
final class BulkResults {

    private BulkResults() {
    }

    static List<Map<String, String>> rows(Map<String, Object> answer) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (answer.get("results") instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> result)) {
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", String.valueOf(result.get("id")));
                if (result.get("problem") instanceof Map<?, ?> problem) {
                    row.put("problem", message(problem.get("detail"), problem.get("title")));
                } else {
                    row.put("status", String.valueOf(result.get("status")));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A problem's detail, or its title when it has none. */
    static String message(Object detail, Object title) {
        return detail instanceof String d && !d.isBlank() ? d : title instanceof String s && !s.isBlank() ? s : "";
    }
}
