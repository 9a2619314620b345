package org.bipm.kcdb.publication.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names the public KCDB shows for what a record carries as a code or label: the country's name for its ISO code,
 * branch and service names, the chemistry category's and sub-category's names, the institute's name and identifiers.
 * The seed's names with the KCDB office's changes made in the submission service applied over them; one immutable
 * snapshot per set of changes ({@link ReferenceChanges#names()}), so that a record, its search document and the
 * search facets name things alike.
 * <p>
 * A retired entry still names the CMCs written with it (retirement stops new CMCs from using it), so its last value
 * is the name shown.
 */
public final class PublicNames {

    private final ReferenceData seed;
    private final Map<String, String> countries;
    private final Classification classification;
    private final Map<String, String> categories;
    private final Map<String, String> subCategories;
    private final Map<String, ReferenceData.Institute> institutes;

    private PublicNames(ReferenceData seed, Map<String, String> countries, Classification classification,
                        Map<String, String> categories, Map<String, String> subCategories,
                        Map<String, ReferenceData.Institute> institutes) {
        this.seed = seed;
        this.countries = countries;
        this.classification = classification;
        this.categories = categories;
        this.subCategories = subCategories;
        this.institutes = institutes;
    }

    /** The seed's names, no change applied. */
    public static PublicNames seed(ReferenceData seed) {
        return of(seed, List.of());
    }

    static PublicNames of(ReferenceData seed, Collection<ReferenceChanges.Change> changes) {
        Map<String, String> countries = new HashMap<>();
        Map<String, String> branches = new HashMap<>(seed.branchNames());
        Map<String, String> services = new HashMap<>(seed.physicsServiceNames());
        Map<String, String> categories = new HashMap<>();
        Map<String, String> subCategories = new HashMap<>(seed.subCategoryNames());
        Map<String, ReferenceData.Institute> institutes = new HashMap<>();
        for (ReferenceChanges.Change change : changes) {
            String value = text(change.field("value"));
            switch (change.table()) {
                case "countries" -> put(countries, text(change.field("label")), value);
                case "branches" -> put(branches, text(change.field("label")), value);
                case "services", "sub-services", "individual-services" -> {
                    String branch = text(change.field("branchLabel"));
                    String code = text(change.field("physicsCode"));
                    if (branch != null && code != null) {
                        put(services, branch + "-" + code, value);
                    }
                }
                case "chemistry-categories" -> put(categories, text(change.field("label")), value);
                case "chemistry-sub-categories" -> {
                    String category = text(change.field("categoryLabel"));
                    String label = text(change.field("label"));
                    if (category != null && label != null) {
                        put(subCategories, category + "|" + label, value);
                    }
                }
                case "institutes" -> institutes.put(change.key(), new ReferenceData.Institute(change.key(),
                        text(change.field("nmiName")),
                        change.field("nmiIdentifier") instanceof Number n ? n.intValue() : null,
                        text(change.field("nmiRorIdentifier")), text(change.field("nmiWikiDataIdentifier")),
                        text(change.field("countryLabel"))));
                default -> {
                }
            }
        }
        return new PublicNames(seed, Map.copyOf(countries), Classification.of(branches, services),
                Map.copyOf(categories), Map.copyOf(subCategories), Map.copyOf(institutes));
    }

    private static void put(Map<String, String> names, String key, String value) {
        if (key != null && value != null) {
            names.put(key, value);
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /** The country's name ("New Zealand" for NZ) as last named by the office, else as the seed names it. */
    public String countryName(String iso2) {
        String changed = iso2 == null ? null : countries.get(iso2);
        return changed != null ? changed : seed.countryName(iso2);
    }

    /** Branch and physics-service names. */
    public Classification classification() {
        return classification;
    }

    /** The name of a chemistry and biology category by its label ("2" is "Inorganic solutions"); null if unknown. */
    public String categoryValue(String label) {
        String changed = label == null ? null : categories.get(label);
        return changed != null ? changed : seed.categoryValue(label);
    }

    /** The name of a chemistry and biology sub-category by its category's and its own label; null if unknown. */
    public String subCategoryValue(String categoryLabel, String label) {
        return categoryLabel == null || label == null ? null : subCategories.get(categoryLabel + "|" + label);
    }

    /** The institute as the office last changed it, else as the seed has it. */
    public Optional<ReferenceData.Institute> institute(String nmiCode) {
        if (nmiCode == null) {
            return Optional.empty();
        }
        ReferenceData.Institute changed = institutes.get(nmiCode);
        return changed != null ? Optional.of(changed) : seed.institute(nmiCode);
    }
}
