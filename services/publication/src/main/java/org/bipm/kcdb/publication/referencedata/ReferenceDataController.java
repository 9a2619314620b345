package org.bipm.kcdb.publication.referencedata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The KCDB API's {@code /referenceData} lookups (v1.0.13 paths and JSON), no token needed. */
@RestController
@RequestMapping("/api/kcdb/referenceData")
class ReferenceDataController {

    private final ReferenceData reference;

    ReferenceDataController(ReferenceData reference) {
        this.reference = reference;
    }

    @GetMapping("/domain")
    Map<String, Object> domains() {
        return Map.of("domains", reference.domains());
    }

    @GetMapping("/metrologyArea")
    Map<String, Object> metrologyAreas(@RequestParam String domainCode) {
        if (!reference.isDomain(domainCode)) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Unknown domain code.",
                    List.of(new FieldError("domainCode", "must be PHYSICS, CHEM-BIO or RADIATION")));
        }
        return listed(reference.metrologyAreas(domainCode));
    }

    @GetMapping("/branch")
    Map<String, Object> branches(@RequestParam int areaId) {
        return listed(reference.branches(areaId));
    }

    @GetMapping("/service")
    Map<String, Object> services(@RequestParam int branchId) {
        return listed(reference.services(branchId));
    }

    @GetMapping("/subService")
    Map<String, Object> subServices(@RequestParam int serviceId) {
        return listed(reference.subServices(serviceId));
    }

    /** As in the original, a sub-service without individual services is a 404. */
    @GetMapping("/individualService")
    Map<String, Object> individualServices(@RequestParam int subServiceId) {
        List<ReferenceData.Entry> found = reference.individualServices(subServiceId);
        if (found.isEmpty()) {
            throw ApiProblem.notFound("Individual services of sub-service " + subServiceId);
        }
        return listed(found);
    }

    @GetMapping("/country")
    Map<String, Object> countries() {
        return listed(reference.countries());
    }

    @GetMapping("/quantity")
    Map<String, Object> quantities() {
        return listed(reference.quantities());
    }

    @GetMapping("/analyte")
    Map<String, Object> analytes() {
        return listed(reference.analytes());
    }

    @GetMapping("/category")
    Map<String, Object> categories() {
        return listed(reference.categories());
    }

    @GetMapping("/nuclide")
    Map<String, Object> nuclides() {
        return listed(reference.nuclides());
    }

    @GetMapping("/radiationMedium")
    Map<String, Object> radiationMediums() {
        return listed(reference.radiationMediums());
    }

    @GetMapping("/radiationSource")
    Map<String, Object> radiationSources() {
        return listed(reference.radiationSources());
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
