package org.bipm.kcdb.submission.domain.reference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The KCDB's reference tables as this service serves them. A complete table refuses values it does not hold; a
 * partial one (the public sources give only some analytes, nuclides, media...) accepts unknown values until the KCDB
 * office adds them. Each table says which fields identify an entry and which a new entry must have.
 */
public enum ReferenceTable {
    DOMAINS("domains", "domains", true, List.of("code"), List.of("code", "name")),
    METROLOGY_AREAS("metrology-areas", "metrologyAreas", true, List.of("label"), List.of("label", "value", "domainCode")),
    BRANCHES("branches", "branches", true, List.of("label"), List.of("label", "value", "areaLabel")),
    SERVICES("services", "services", true, List.of("branchLabel", "physicsCode"),
            List.of("branchLabel", "label", "value", "physicsCode")),
    SUB_SERVICES("sub-services", "subServices", true, List.of("branchLabel", "physicsCode"),
            List.of("branchLabel", "label", "value", "physicsCode")),
    INDIVIDUAL_SERVICES("individual-services", "individualServices", true, List.of("branchLabel", "physicsCode"),
            List.of("branchLabel", "label", "value", "physicsCode")),
    QUANTITIES("quantities", "quantities", true, List.of("radiationBranchLabel", "value"), List.of("value")),
    RADIATION_SOURCES("radiation-sources", "radiationSources", false, List.of("branchLabel", "value"),
            List.of("branchLabel", "value")),
    RADIATION_MEDIA("radiation-media", "radiationMedia", false, List.of("branchLabel", "value"),
            List.of("branchLabel", "value")),
    NUCLIDES("nuclides", "nuclides", false, List.of("value"), List.of("value")),
    CHEMISTRY_CATEGORIES("chemistry-categories", "chemistryCategories", false, List.of("value"), List.of("value")),
    CHEMISTRY_SUB_CATEGORIES("chemistry-sub-categories", "chemistrySubCategories", false,
            List.of("categoryLabel", "value"), List.of("value")),
    ANALYTES("analytes", "analytes", false, List.of("value"), List.of("value")),
    COUNTRIES("countries", "countries", true, List.of("label"), List.of("label", "value")),
    RMOS("rmos", "rmos", true, List.of("acronym"), List.of("acronym", "name")),
    INSTITUTES("institutes", "institutes", false, List.of("nmiCode"), List.of("nmiCode", "countryLabel"));

    private final String path;
    private final String seedName;
    private final boolean complete;
    private final List<String> identity;
    private final List<String> required;

    ReferenceTable(String path, String seedName, boolean complete, List<String> identity, List<String> required) {
        this.path = path;
        this.seedName = seedName;
        this.complete = complete;
        this.identity = identity;
        this.required = required;
    }

    public String path() {
        return path;
    }

    public String seedName() {
        return seedName;
    }

    public boolean complete() {
        return complete;
    }

    public List<String> required() {
        return required;
    }

    /** The entry's key in its table, e.g. {@code EM/DC|1.1.1} or {@code |DC voltage}; case is kept. */
    public String keyOf(Map<String, ?> fields) {
        return identity.stream().map(field -> fields.get(field) == null ? "" : fields.get(field).toString())
                .collect(Collectors.joining("|"));
    }

    public static Optional<ReferenceTable> ofPath(String path) {
        return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
    }
}
