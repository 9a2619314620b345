package org.bipm.kcdb.submission.web;

import org.bipm.kcdb.units.UnknownUnit;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.ReferenceData;
import org.bipm.kcdb.submission.domain.reference.ReferenceEntry;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;
import org.bipm.kcdb.submission.domain.units.CmcUnits;
import org.bipm.kcdb.units.UnitReading;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The KCDB reference data the submission portal offers in its pick lists and validates CMCs against: the
 * classification of the three domains, quantities, countries, RMOs, institutes; and the units this service reads.
 * Any signed-in user reads; the KCDB office adds and retires entries.
 */
@RestController
@RequestMapping("/api/reference-data")
class ReferenceDataController {

    private final ReferenceData referenceData;

    ReferenceDataController(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    @GetMapping
    Mono<List<Map<String, Object>>> tables() {
        return referenceData.catalogue().map(catalogue -> Arrays.stream(ReferenceTable.values())
                .map(table -> Map.<String, Object>of("table", table.path(), "complete", table.complete(),
                        "entries", catalogue.entries(table, false).size(),
                        "href", "/api/reference-data/" + table.path()))
                .toList());
    }

    /** One table; any other query parameter filters on a field, e.g. {@code ?branchLabel=EM/DC}. */
    @GetMapping("/{table}")
    Mono<Map<String, Object>> table(@PathVariable String table,
                                    @RequestParam(defaultValue = "false") boolean includeRetired,
                                    @RequestParam Map<String, String> filters) {
        ReferenceTable found = tableOf(table);
        Map<String, String> fieldFilters = new LinkedHashMap<>(filters);
        fieldFilters.remove("includeRetired");
        return referenceData.catalogue().map(catalogue -> {
            List<Map<String, Object>> content = catalogue.entries(found, includeRetired).stream()
                    .filter(entry -> fieldFilters.entrySet().stream()
                            .allMatch(f -> f.getValue().equalsIgnoreCase(String.valueOf(entry.fields().get(f.getKey())))))
                    .map(ReferenceDataController::view).toList();
            return Map.of("table", found.path(), "complete", found.complete(), "totalElements", content.size(),
                    "content", content);
        });
    }

    /** How a unit reads: its SI unit, the factor to it, its SI Reference Point IRI and those of its parts. */
    @GetMapping("/units")
    Map<String, Object> unit(@RequestParam String symbol) {
        try {
            UnitReading reading = CmcUnits.read(symbol);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("symbol", reading.symbol());
            view.put("logarithmic", reading.logarithmic());
            view.put("dimensionless", reading.dimensionless());
            if (!reading.logarithmic()) {
                view.put("siUnit", reading.baseUnit());
                view.put("dimension", reading.unit().getSystemUnit().getDimension().toString());
                view.put("factor", reading.differenceToBaseUnit(1.0));
            }
            view.put("siReferencePoint", reading.siReferencePoint());
            if (reading.iri() != null) {
                view.put("iri", reading.iri());
            }
            // no SI Reference Point entry (%, ppm, bar): a factor times the coherent SI unit it has one for
            reading.multiple().ifPresent(multiple -> view.put("unitMultiple",
                    Map.of("factor", multiple.factor(), "unitIri", multiple.unitIri())));
            return view;
        } catch (UnknownUnit e) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, e.getMessage(),
                    List.of(new ApiProblem.FieldError("symbol", e.getMessage())));
        }
    }

    @PostMapping("/{table}")
    Mono<ResponseEntity<Map<String, Object>>> add(Caller caller, @PathVariable String table,
                                                  @RequestBody Map<String, Object> fields) {
        ReferenceTable found = tableOf(table);
        return referenceData.add(caller, found, fields).map(entry -> ResponseEntity
                .created(URI.create("/api/reference-data/" + found.path() + "?key="
                        + URLEncoder.encode(entry.key(), StandardCharsets.UTF_8)))
                .body(view(entry)));
    }

    /** Replaces a current entry's value, named by its identifying fields in the body (e.g. {@code nmiCode}). */
    @PutMapping("/{table}")
    Mono<Map<String, Object>> replace(Caller caller, @PathVariable String table,
                                      @RequestBody Map<String, Object> fields) {
        return referenceData.replace(caller, tableOf(table), fields).map(ReferenceDataController::view);
    }

    /** Retires an entry: {@code {"key": "EM/DC|1.1.1"}}, the key as the listing shows it. */
    @PostMapping("/{table}/retirements")
    Mono<Map<String, Object>> retire(Caller caller, @PathVariable String table, @RequestBody Retirement retirement) {
        ReferenceTable found = tableOf(table);
        return referenceData.retire(caller, found, retirement.key()).map(ReferenceDataController::view);
    }

    record Retirement(String key) {
    }

    private static ReferenceTable tableOf(String path) {
        return ReferenceTable.ofPath(path)
                .orElseThrow(() -> ApiProblem.notFound("Reference table '" + path + "'"));
    }

    private static Map<String, Object> view(ReferenceEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", entry.key());
        view.putAll(entry.fields());
        view.put("retired", entry.retired());
        if (entry.changedBy() != null) {
            view.put("changedBy", entry.changedBy());
            view.put("changedAt", entry.changedAt());
        }
        return view;
    }
}
