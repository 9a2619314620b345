package org.bipm.kcdb.portal.web;

import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.PlatformApi;
import reactor.core.publisher.Mono;

/**
 * The physics classification's cascading choices (area → branch → service → sub-service → individual service), read
 * from the submission service's reference data. A choice that no longer fits its parent is dropped, so the next list
 * starts empty. Sub-services and individual services are listed per branch; their physics code (1.2.3) tells which
 * service they belong to.
 */
record Classification(List<Option> areas, List<Option> branches, List<Option> services, List<Option> subServices,
                      List<Option> individualServices) {

    /** One choice: the value the CMC stores (the label), what the list shows, and its physics code. */
    record Option(String label, String text, String physicsCode) {
    }

    static Mono<Classification> load(PlatformApi api, CmcForm form) {
        Mono<List<Option>> areas = options(api, "/api/reference-data/metrology-areas?domainCode={d}", "PHYSICS");
        return areas.flatMap(areaList -> {
            if (!contains(areaList, form.getMetrologyAreaLabel())) {
                form.setMetrologyAreaLabel(null);
                clearFrom(form, 1);
                return Mono.just(new Classification(areaList, List.of(), List.of(), List.of(), List.of()));
            }
            return options(api, "/api/reference-data/branches?areaLabel={a}", form.getMetrologyAreaLabel())
                    .flatMap(branches -> {
                        if (!contains(branches, form.getBranchLabel())) {
                            clearFrom(form, 1);
                            return Mono.just(new Classification(areaList, branches, List.of(), List.of(), List.of()));
                        }
                        String branch = form.getBranchLabel();
                        return Mono.zip(options(api, "/api/reference-data/services?branchLabel={b}", branch),
                                options(api, "/api/reference-data/sub-services?branchLabel={b}", branch),
                                options(api, "/api/reference-data/individual-services?branchLabel={b}", branch))
                                .map(t -> cascade(form, areaList, branches, t.getT1(), t.getT2(), t.getT3()));
                    });
        });
    }

    private static Classification cascade(CmcForm form, List<Option> areas, List<Option> branches,
                                          List<Option> services, List<Option> allSubServices,
                                          List<Option> allIndividual) {
        Option service = find(services, form.getServiceLabel(), null);
        if (service == null) {
            clearFrom(form, 2);
            return new Classification(areas, branches, services, List.of(), List.of());
        }
        List<Option> subServices = children(allSubServices, service.physicsCode());
        Option subService = find(subServices, form.getSubServiceLabel(), null);
        if (subService == null) {
            clearFrom(form, 3);
            return new Classification(areas, branches, services, subServices, List.of());
        }
        List<Option> individual = children(allIndividual, subService.physicsCode());
        if (find(individual, form.getIndividualServiceLabel(), null) == null) {
            form.setIndividualServiceLabel(null);
        }
        return new Classification(areas, branches, services, subServices, individual);
    }

    private static void clearFrom(CmcForm form, int level) {
        if (level <= 1) {
            form.setBranchLabel(null);
        }
        if (level <= 2) {
            form.setServiceLabel(null);
        }
        if (level <= 3) {
            form.setSubServiceLabel(null);
        }
        form.setIndividualServiceLabel(null);
    }

    private static List<Option> children(List<Option> all, String parentCode) {
        return all.stream().filter(o -> o.physicsCode() != null && o.physicsCode().startsWith(parentCode + ".")
                && o.physicsCode().substring(parentCode.length() + 1).indexOf('.') < 0).toList();
    }

    private static boolean contains(List<Option> options, String label) {
        return find(options, label, null) != null;
    }

    private static Option find(List<Option> options, String label, Option otherwise) {
        if (label == null || label.isBlank()) {
            return otherwise;
        }
        return options.stream().filter(o -> o.label().equals(label)).findFirst().orElse(otherwise);
    }

    @SuppressWarnings("unchecked")
    private static Mono<List<Option>> options(PlatformApi api, String uri, String value) {
        return api.get(uri, value).map(table -> ((List<Map<String, Object>>) table.body()
                .getOrDefault("content", List.of())).stream()
                .map(entry -> new Option(String.valueOf(entry.get("label")),
                        entry.get("physicsCode") != null
                                ? entry.get("physicsCode") + " " + entry.get("value")
                                : entry.get("label") + " – " + entry.get("value"),
                        entry.get("physicsCode") == null ? null : String.valueOf(entry.get("physicsCode"))))
                .toList());
    }
}
