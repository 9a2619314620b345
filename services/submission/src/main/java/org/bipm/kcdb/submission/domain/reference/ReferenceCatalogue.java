package org.bipm.kcdb.submission.domain.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference data at one moment: the seed with the KCDB office's additions and retirements applied. Answers the
 * questions validation asks (does this classification path exist, is this a radiation quantity of that branch)
 * without knowing where the data came from. Look-ups ignore case and surrounding spaces, as writers type them.
 */
public final class ReferenceCatalogue {

    /** What a look-up found: a current entry, a retired one, or nothing. */
    public enum Found { CURRENT, RETIRED, UNKNOWN }

    private final Map<ReferenceTable, Map<String, ReferenceEntry>> tables = new EnumMap<>(ReferenceTable.class);
    /** Entries by (table, field, value), built on first use: validation looks up every row of an import. */
    private final Map<String, Map<String, List<ReferenceEntry>>> indexes =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ReferenceCatalogue(Collection<ReferenceEntry> entries) {
        for (ReferenceTable table : ReferenceTable.values()) {
            tables.put(table, new LinkedHashMap<>());
        }
        for (ReferenceEntry entry : entries) {
            tables.get(entry.table()).put(normal(entry.key()), entry);
        }
    }

    /** The table's entries in seed order, then additions; retired ones only if asked. */
    public List<ReferenceEntry> entries(ReferenceTable table, boolean withRetired) {
        return tables.get(table).values().stream().filter(e -> withRetired || !e.retired()).toList();
    }

    public Optional<ReferenceEntry> entry(ReferenceTable table, String key) {
        return Optional.ofNullable(tables.get(table).get(normal(key)));
    }

    /** Looks an entry up by its identifying fields, e.g. branch label and physics code. */
    public Found find(ReferenceTable table, String... identity) {
        return entry(table, String.join("|", nullsAsEmpty(identity)))
                .map(e -> e.retired() ? Found.RETIRED : Found.CURRENT).orElse(Found.UNKNOWN);
    }

    /** The value's entry, searched by one field among all entries (e.g. a quantity by name in any branch). */
    public Found findBy(ReferenceTable table, String field, String value, String parentField, String parent) {
        Found found = Found.UNKNOWN;
        List<ReferenceEntry> candidates = index(table, field).getOrDefault(normal(value), List.of());
        for (ReferenceEntry entry : candidates) {
            if (parentField == null || normal(entry.text(parentField)).equals(normal(parent))) {
                if (!entry.retired()) {
                    return Found.CURRENT;
                }
                found = Found.RETIRED;
            }
        }
        return found;
    }

    private Map<String, List<ReferenceEntry>> index(ReferenceTable table, String field) {
        return indexes.computeIfAbsent(table + "|" + field, key -> {
            Map<String, List<ReferenceEntry>> index = new java.util.HashMap<>();
            for (ReferenceEntry entry : tables.get(table).values()) {
                index.computeIfAbsent(normal(entry.text(field)), k -> new ArrayList<>()).add(entry);
            }
            return index;
        });
    }

    /** Whether a sub-service has individual services under it (some have none, and then none is given). */
    public boolean hasChildren(ReferenceTable table, String branchLabel, String physicsCodePrefix) {
        String prefix = physicsCodePrefix + ".";
        return tables.get(table).values().stream().anyMatch(e -> !e.retired()
                && normal(e.text("branchLabel")).equals(normal(branchLabel))
                && Objects.requireNonNullElse(e.text("physicsCode"), "").startsWith(prefix));
    }

    public String areaOfBranch(String branchLabel) {
        return entry(ReferenceTable.BRANCHES, branchLabel).map(e -> e.text("areaLabel")).orElse(null);
    }

    public String domainOfArea(String areaLabel) {
        return entry(ReferenceTable.METROLOGY_AREAS, areaLabel).map(e -> e.text("domainCode")).orElse(null);
    }

    /** A copy with one entry added or replaced (an addition or a retirement by the KCDB office). */
    public ReferenceCatalogue with(ReferenceEntry changed) {
        List<ReferenceEntry> all = new ArrayList<>();
        tables.values().forEach(t -> all.addAll(t.values()));
        all.removeIf(e -> e.table() == changed.table() && normal(e.key()).equals(normal(changed.key())));
        all.add(changed);
        return new ReferenceCatalogue(all);
    }

    static String normal(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String[] nullsAsEmpty(String[] values) {
        String[] copy = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i] == null ? "" : values[i].strip();
        }
        return copy;
    }
}
