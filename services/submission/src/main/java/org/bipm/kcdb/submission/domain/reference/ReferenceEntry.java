package org.bipm.kcdb.submission.domain.reference;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a reference table: its KCDB fields as they are published (label, value, id, parent labels...). A retired
 * entry stays listed for the CMCs written with it, but new CMCs may no longer use it.
 */
public record ReferenceEntry(ReferenceTable table, String key, Map<String, Object> fields, boolean retired,
                             String changedBy, Instant changedAt) {

    public ReferenceEntry {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ReferenceEntry seeded(ReferenceTable table, Map<String, Object> fields) {
        return new ReferenceEntry(table, table.keyOf(fields), fields, false, null, null);
    }

    public String text(String field) {
        Object value = fields.get(field);
        return value == null ? null : value.toString();
    }

    public ReferenceEntry retire(String by, Instant at) {
        return new ReferenceEntry(table, key, fields, true, by, at);
    }
}
