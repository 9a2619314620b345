package org.bipm.kcdb.publication.domain;

import java.util.List;
import java.util.Map;

/**
 * A KCDB reference-data response the office imported, as it came: the table ({@code country}, {@code branch}, ...),
 * the parent it is listed under ({@code areaId=3}; null for a flat table) and its entries with the KCDB's own ids.
 * While one exists, {@code /api/kcdb/referenceData} answers it instead of the seeded table.
 */
public record ImportedTable(String table, String parent, List<Map<String, Object>> entries) {

    /** The store id: {@code country}, {@code branch?areaId=3}. */
    public static String key(String table, String parent) {
        return parent == null ? table : table + "?" + parent;
    }
}
