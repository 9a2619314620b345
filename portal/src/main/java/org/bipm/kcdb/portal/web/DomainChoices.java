package org.bipm.kcdb.portal.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.bipm.kcdb.portal.web.Classification.Option;
import reactor.core.publisher.Mono;

/**
 * The cascading choices of the chemistry and radiation forms, from the submission service's reference data:
 * chemistry category → sub-category, with the analytes known; radiation branch → quantity, source, medium, with the
 * nuclides known. Complete tables (branches, quantities) are lists to choose from, and a choice that no longer fits
 * its parent is dropped; partial ones (analytes, sources, media, nuclides: the API accepts values the KCDB office
 * has not added yet) are suggestions for a typed value.
 */
record DomainChoices(List<Option> categories, List<Option> subCategories, List<Option> analytes,
                     List<Option> branches, List<Option> quantities, List<Option> sources, List<Option> media,
                     List<Option> nuclides) {

    static final String CHEMISTRY = "CHEM-BIO";
    static final String RADIATION = "RADIATION";
    /** The one metrology area of each of the two domains (the reference data's metrology-areas). */
    static final Map<String, String> AREA = Map.of(CHEMISTRY, "QM", RADIATION, "RI");

    static DomainChoices none() {
        return new DomainChoices(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    static boolean isChemistry(CmcForm form) {
        return CHEMISTRY.equals(form.getDomainCode());
    }

    static boolean isRadiation(CmcForm form) {
        return RADIATION.equals(form.getDomainCode());
    }

    static Mono<DomainChoices> load(PlatformApi api, CmcForm form) {
        if (isChemistry(form)) {
            form.setMetrologyAreaLabel(AREA.get(CHEMISTRY));
            return Mono.zip(options(api, "/api/reference-data/chemistry-categories", "label"),
                            options(api, "/api/reference-data/analytes", "value"))
                    .flatMap(t -> {
                        if (!contains(t.getT1(), form.getCategoryLabel())) {
                            form.setCategoryLabel(null);
                            form.setSubCategoryLabel(null);
                            return Mono.just(chemistry(t.getT1(), List.of(), t.getT2()));
                        }
                        return options(api, "/api/reference-data/chemistry-sub-categories?categoryLabel="
                                + "{c}", "label", form.getCategoryLabel())
                                .map(subCategories -> chemistry(t.getT1(), subCategories, t.getT2()));
                    });
        }
        if (isRadiation(form)) {
            form.setMetrologyAreaLabel(AREA.get(RADIATION));
            return Mono.zip(options(api, "/api/reference-data/branches?areaLabel={a}", "label", AREA.get(RADIATION)),
                            options(api, "/api/reference-data/nuclides", "value"))
                    .flatMap(t -> {
                        String branch = form.getBranchLabel();
                        if (!contains(t.getT1(), branch)) {
                            form.setBranchLabel(null);
                            form.setQuantityValue(null);
                            return Mono.just(radiation(t.getT1(), List.of(), List.of(), List.of(), t.getT2()));
                        }
                        return Mono.zip(
                                options(api, "/api/reference-data/quantities?radiationBranchLabel={b}", "value",
                                        branch),
                                options(api, "/api/reference-data/radiation-sources?branchLabel={b}", "value", branch),
                                options(api, "/api/reference-data/radiation-media?branchLabel={b}", "value", branch))
                                .map(u -> {
                                    if (!contains(u.getT1(), form.getQuantityValue())) {
                                        form.setQuantityValue(null);
                                    }
                                    return radiation(t.getT1(), u.getT1(), u.getT2(), u.getT3(), t.getT2());
                                });
                    });
        }
        return Mono.just(none());
    }

    private static DomainChoices chemistry(List<Option> categories, List<Option> subCategories,
                                           List<Option> analytes) {
        return new DomainChoices(categories, subCategories, analytes, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    private static DomainChoices radiation(List<Option> branches, List<Option> quantities, List<Option> sources,
                                           List<Option> media, List<Option> nuclides) {
        return new DomainChoices(List.of(), List.of(), List.of(), branches, quantities, sources, media, nuclides);
    }

    private static boolean contains(List<Option> options, String value) {
        return value != null && options.stream().anyMatch(o -> o.label().equals(value));
    }

    /**
     * A table's current entries as options: {@code key} names the field the CMC stores (a category's label, an
     * analyte's value); entries without it cannot be chosen and are left out.
     */
    @SuppressWarnings("unchecked")
    private static Mono<List<Option>> options(PlatformApi api, String uri, String key, Object... variables) {
        return api.get(uri, variables).map(table -> ((List<Map<String, Object>>) table.body()
                .getOrDefault("content", List.of())).stream()
                .filter(entry -> entry.get(key) != null)
                .map(entry -> new Option(String.valueOf(entry.get(key)), key.equals("value")
                        ? String.valueOf(entry.get("value"))
                        : entry.get(key) + " – " + Objects.toString(entry.get("value"), ""), null))
                .distinct()
                .toList());
    }
}
