package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.publication.persistence.ReferenceData;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The KCDB API's {@code /referenceData} lookups (v1.0.13 paths and JSON), no token needed: a table the office
 * imported from today's KCDB ({@link ReferenceDataImport}) as it came, else the seeded one with the KCDB office's
 * changes made in the submission service ({@link ReferenceChanges}).
 */
@RestController
@RequestMapping("/api/kcdb/referenceData")
class ReferenceDataController {

    private final ReferenceData reference;
    private final AggregateStore<ImportedTable> imported;
    private final ReferenceChanges changes;

    ReferenceDataController(ReferenceData reference, AggregateStore<ImportedTable> imported,
                            ReferenceChanges changes) {
        this.reference = reference;
        this.imported = imported;
        this.changes = changes;
    }

    /** The table the office imported from the KCDB, ids unchanged, else the seeded one. */
    private Mono<Map<String, Object>> served(String table, String parent, Supplier<Map<String, Object>> seeded) {
        String list = "domain".equals(table) ? "domains" : "referenceData";
        return imported.find(ImportedTable.key(table, parent))
                .map(found -> Map.<String, Object>of(list, found.aggregate().entries()))
                .switchIfEmpty(Mono.fromSupplier(seeded));
    }

    /**
     * The imported table if there is one (it wins: it is the KCDB's own answer), else the seeded one with the
     * office's changes to {@code changedTable} (the submission service's name of the table) listed under this parent.
     */
    private Mono<Map<String, Object>> served(String table, String parent, Supplier<Map<String, Object>> seeded,
                                             String changedTable, Predicate<ReferenceChanges.Change> underParent) {
        return served(table, parent, seeded, changedTable, underParent, ReferenceChanges.Shape.LISTED);
    }

    private Mono<Map<String, Object>> served(String table, String parent, Supplier<Map<String, Object>> seeded,
                                             String changedTable, Predicate<ReferenceChanges.Change> underParent,
                                             ReferenceChanges.Shape shape) {
        String list = "domain".equals(table) ? "domains" : "referenceData";
        return changes.reload().then(served(table, parent, () -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) seeded.get().get(list);
            return Map.of(list, changes.applied(entries, changedTable, underParent, shape));
        }));
    }

    private static Predicate<ReferenceChanges.Change> flat() {
        return change -> true;
    }

    private static Predicate<ReferenceChanges.Change> field(String name, Object parent) {
        return change -> parent != null && change.field(name) != null
                && String.valueOf(change.field(name)).strip().equalsIgnoreCase(String.valueOf(parent));
    }

    @GetMapping("/domain")
    Mono<Map<String, Object>> domains() {
        return served("domain", null, () -> Map.of("domains", reference.domains().stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", d.code());
            item.put("name", d.name());
            return item;
        }).toList()), "domains", flat(), ReferenceChanges.Shape.of(List.of("code"), "code", "code", "name", "name"));
    }

    /**
     * The RMOs, by acronym ({@code label}) and name ({@code value}), with the office's changes: not a path of the
     * KCDB API v1.0.13 (its records name the RMO by acronym only), the platform's addition in the same shape, so
     * that a record's {@code rmo} can be named.
     */
    @GetMapping("/rmo")
    Mono<Map<String, Object>> rmos() {
        return served("rmo", null, () -> Map.of("referenceData", reference.rmos().stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", null);
            item.put("label", r.acronym());
            item.put("value", r.name());
            return item;
        }).toList()), "rmos", flat(),
                ReferenceChanges.Shape.of(List.of("label"), "id", "id", "label", "acronym", "value", "name"));
    }

    /**
     * The sub-categories of a chemistry and biology category, by the category's label ({@code categoryLabel=5}), with
     * the office's changes: the platform's addition in the KCDB's list shape (records carry
     * {@code subCategoryLabel}/{@code subCategoryValue}; the KCDB API v1.0.13 has no path for the list).
     */
    @GetMapping("/subCategory")
    Mono<Map<String, Object>> subCategories(@RequestParam String categoryLabel) {
        return served("subCategory", "categoryLabel=" + categoryLabel, () -> Map.of("referenceData",
                reference.subCategoryNames().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(categoryLabel + "|"))
                        .sorted(Map.Entry.comparingByKey()).map(e -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("id", null);
                            item.put("label", e.getKey().substring(categoryLabel.length() + 1));
                            item.put("value", e.getValue());
                            return item;
                        }).toList()), "chemistry-sub-categories", field("categoryLabel", categoryLabel));
    }

    @GetMapping("/metrologyArea")
    Mono<Map<String, Object>> metrologyAreas(@RequestParam String domainCode) {
        return served("metrologyArea", "domainCode=" + domainCode, () -> {
            if (!reference.isDomain(domainCode)) {
                throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Unknown domain code.",
                        List.of(new FieldError("domainCode", "must be PHYSICS, CHEM-BIO or RADIATION")));
            }
            return listed(reference.metrologyAreas(domainCode));
        }, "metrology-areas", field("domainCode", domainCode));
    }

    @GetMapping("/branch")
    Mono<Map<String, Object>> branches(@RequestParam int areaId) {
        return served("branch", "areaId=" + areaId, () -> listed(reference.branches(areaId)), "branches",
                field("areaLabel", reference.areaLabel(areaId)));
    }

    @GetMapping("/service")
    Mono<Map<String, Object>> services(@RequestParam int branchId) {
        return served("service", "branchId=" + branchId, () -> listed(reference.services(branchId)), "services",
                field("branchLabel", reference.branchLabel(branchId)));
    }

    @GetMapping("/subService")
    Mono<Map<String, Object>> subServices(@RequestParam int serviceId) {
        return served("subService", "serviceId=" + serviceId, () -> listed(reference.subServices(serviceId)),
                "sub-services", field("serviceId", serviceId));
    }

    /** As in the original, a sub-service without individual services is a 404. */
    @GetMapping("/individualService")
    Mono<Map<String, Object>> individualServices(@RequestParam int subServiceId) {
        return served("individualService", "subServiceId=" + subServiceId, () -> {
            List<ReferenceData.Entry> found = reference.individualServices(subServiceId);
            if (found.isEmpty()) {
                throw ApiProblem.notFound("Individual services of sub-service " + subServiceId);
            }
            return listed(found);
        }, "individual-services", field("subServiceId", subServiceId));
    }

    @GetMapping("/country")
    Mono<Map<String, Object>> countries() {
        return served("country", null, () -> listed(reference.countries()), "countries", flat());
    }

    @GetMapping("/quantity")
    Mono<Map<String, Object>> quantities() {
        return served("quantity", null, () -> listed(reference.quantities()), "quantities", flat());
    }

    @GetMapping("/analyte")
    Mono<Map<String, Object>> analytes() {
        return served("analyte", null, () -> listed(reference.analytes()), "analytes", flat());
    }

    @GetMapping("/category")
    Mono<Map<String, Object>> categories() {
        return served("category", null, () -> listed(reference.categories()), "chemistry-categories", flat());
    }

    @GetMapping("/nuclide")
    Mono<Map<String, Object>> nuclides() {
        return served("nuclide", null, () -> listed(reference.nuclides()), "nuclides", flat());
    }

    @GetMapping("/radiationMedium")
    Mono<Map<String, Object>> radiationMediums() {
        return served("radiationMedium", null, () -> listed(reference.radiationMediums()), "radiation-media", flat());
    }

    @GetMapping("/radiationSource")
    Mono<Map<String, Object>> radiationSources() {
        return served("radiationSource", null, () -> listed(reference.radiationSources()), "radiation-sources", flat());
    }

    private static Map<String, Object> listed(List<ReferenceData.Entry> entries) {
        return Map.of("referenceData", entries.stream().map(e -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.id());
            item.put("label", e.label());
            item.put("value", e.value());
            return item;
        }).toList());
    }
}
