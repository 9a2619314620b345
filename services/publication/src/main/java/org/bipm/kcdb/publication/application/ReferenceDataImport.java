package org.bipm.kcdb.publication.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The office imports the KCDB's own {@code /referenceData} responses as they are, ids unchanged, so that a deployment
 * takes the full tables (104 countries, 1 754 analytes, 174 nuclides, ...) from today's KCDB in minutes. A tree table
 * is imported per parent, as the KCDB serves it ({@code branch} with {@code areaId}, ...). Importing the same
 * response again changes nothing.
 */
public class ReferenceDataImport {

    /** Each table, and the parameter its KCDB path is asked with (null for a flat table). */
    public static final Map<String, String> TABLES = tables();

    private final AggregateStore<ImportedTable> imported;

    public ReferenceDataImport(AggregateStore<ImportedTable> imported) {
        this.imported = imported;
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("domain", null);
        tables.put("metrologyArea", "domainCode");
        tables.put("branch", "areaId");
        tables.put("service", "branchId");
        tables.put("subService", "serviceId");
        tables.put("individualService", "subServiceId");
        for (String flat : List.of("country", "quantity", "analyte", "category", "nuclide", "radiationMedium",
                "radiationSource")) {
            tables.put(flat, null);
        }
        return java.util.Collections.unmodifiableMap(tables); // flat tables map to null: no Map.copyOf
    }

    /** What an import did. */
    public record Report(String table, String parent, int received, boolean changed) {
    }

    /** The response's entries are malformed (422), each named. */
    public static class MalformedTable extends RuleViolation {

        MalformedTable(List<Violation> errors) {
            super(RuleViolation.INVALID_FIELDS, "The reference-data response has " + errors.size()
                    + " malformed field(s); nothing was imported.", errors);
        }
    }

    /** {@code parent} is e.g. {@code areaId=3}; the caller has checked the table and its parameter. */
    public Mono<Report> run(String table, String parent, JsonNode response) {
        String list = "domain".equals(table) ? "domains" : "referenceData";
        JsonNode entries = response == null ? null : response.isArray() ? response : response.get(list);
        List<Violation> errors = new ArrayList<>();
        List<Map<String, Object>> read = new ArrayList<>();
        if (entries == null || !entries.isArray()) {
            errors.add(new Violation(list, "must be the KCDB response's list of entries"));
        } else {
            Set<Object> ids = new HashSet<>();
            Set<String> unnumbered = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                String where = list + "[" + i + "]";
                if (!entry.isObject()) {
                    errors.add(new Violation(where, "must be an object"));
                    continue;
                }
                Map<String, Object> kept = new LinkedHashMap<>();
                if ("domain".equals(table)) {
                    kept.put("code", text(entry, "code", where, true, errors));
                    kept.put("name", text(entry, "name", where, true, errors));
                    if (kept.get("code") != null && !ids.add(kept.get("code"))) {
                        errors.add(new Violation(where + ".code", "is listed twice"));
                    }
                } else {
                    // No id is an entry whose KCDB id the platform does not know: the seeded tables list some so
                    // (the shared reference data names them from published records), and GET serves them with
                    // "id": null; the office must be able to send back what it read (GET, edit, POST).
                    JsonNode id = entry.get("id");
                    if (id == null || id.isNull()) {
                        kept.put("id", null);
                    } else if (!id.isIntegralNumber() || id.asLong() < 1 || id.asLong() > Integer.MAX_VALUE) {
                        errors.add(new Violation(where + ".id", "must be the KCDB's id, a positive integer, or null"));
                    } else if (!ids.add(id.asInt())) {
                        errors.add(new Violation(where + ".id", "is listed twice"));
                    } else {
                        kept.put("id", id.asInt());
                    }
                    kept.put("label", text(entry, "label", where, false, errors));
                    kept.put("value", text(entry, "value", where, true, errors));
                    if (kept.get("id") == null && kept.get("value") != null
                            && !unnumbered.add(kept.get("label") + "\u0000" + kept.get("value"))) {
                        errors.add(new Violation(where + ".value", "is listed twice without an id"));
                    }
                }
                read.add(kept);
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(new MalformedTable(errors));
        }
        ImportedTable next = new ImportedTable(table, parent, read);
        String key = ImportedTable.key(table, parent);
        return imported.find(key).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(existing -> {
            if (existing.isEmpty()) {
                return imported.insert(key, next, List.of()).thenReturn(new Report(table, parent, read.size(), true));
            }
            if (existing.get().aggregate().equals(next)) {
                return Mono.just(new Report(table, parent, read.size(), false));
            }
            return imported.update(key, existing.get().version(), next, List.of())
                    .map(saved -> new Report(table, parent, read.size(), true))
                    .switchIfEmpty(Mono.defer(() -> run(table, parent, response)));
        });
    }

    private static String text(JsonNode entry, String field, String where, boolean required,
                               List<Violation> errors) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new Violation(where + "." + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new Violation(where + "." + field, "must be a string"));
            return null;
        }
        return value.asString();
    }
}
