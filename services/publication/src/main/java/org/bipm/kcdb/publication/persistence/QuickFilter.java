package org.bipm.kcdb.publication.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * The quick search's filter groups: {@code includedFilters}/{@code excludedFilters} name them as
 * "&lt;code&gt;.&lt;value&gt;" ("cmcDomain.CHEM-BIO", "cmcBranches.Dimensional metrology"), and the response lists
 * them with counts in {@code filtersList}; {@code cmcRmo} and {@code cmcCountries} are also the
 * {@code aggregations}.
 */
public enum QuickFilter {
    DOMAIN("cmcDomain", (cmc, names) -> Collections.singletonList(cmc.content().domainCode()), cmc -> List.of()),
    /** Shown by name; the branch label ("L/DimMet") selects too. */
    BRANCHES("cmcBranches", (cmc, names) -> Collections.singletonList(branchName(cmc, names)),
            cmc -> Collections.singletonList(cmc.content().branchLabel())),
    /** The top-level physics service, by name ("AC current"). */
    SERVICES("cmcServices", (cmc, names) -> Collections.singletonList(serviceName(cmc, names)), cmc -> List.of()),
    /** Chemistry and biology: the matrix the analyte is measured in. */
    MATERIAL("cmcMaterial", (cmc, names) -> Collections.singletonList(cmc.content().analyteMatrix()),
            cmc -> List.of()),
    RMO("cmcRmo", (cmc, names) -> Collections.singletonList(cmc.rmo()), cmc -> List.of()),
    /** Shown by the country's name ("Japan"); its ISO code ("JP") selects too. */
    COUNTRIES("cmcCountries", (cmc, names) -> Collections.singletonList(names.countryName(cmc.country())),
            cmc -> Collections.singletonList(cmc.country()));

    private final String code;
    private final BiFunction<PublishedCmc, PublicNames, List<String>> shown;
    private final Function<PublishedCmc, List<String>> alsoSelectedBy;

    QuickFilter(String code, BiFunction<PublishedCmc, PublicNames, List<String>> shown,
                Function<PublishedCmc, List<String>> alsoSelectedBy) {
        this.code = code;
        this.shown = shown;
        this.alsoSelectedBy = alsoSelectedBy;
    }

    public String code() {
        return code;
    }

    public static Optional<QuickFilter> ofCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }

    /** The values this record is counted under (null values dropped), by the names the public KCDB shows now. */
    public List<String> shownValues(PublishedCmc cmc, PublicNames names) {
        return present(shown.apply(cmc, names));
    }

    /** Every value that selects this record: the shown ones and their aliases. */
    public List<String> selectingValues(PublishedCmc cmc, PublicNames names) {
        List<String> all = new ArrayList<>(shownValues(cmc, names));
        all.addAll(present(alsoSelectedBy.apply(cmc)));
        return all;
    }

    private static List<String> present(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static String branchName(PublishedCmc cmc, PublicNames names) {
        String label = cmc.content().branchLabel();
        String name = names.classification().branchValue(label);
        return name != null ? name : label;
    }

    private static String serviceName(PublishedCmc cmc, PublicNames names) {
        CmcContent c = cmc.content();
        if (!"PHYSICS".equals(c.domainCode()) || c.serviceLabel() == null) {
            return null;
        }
        String name = names.classification().serviceValue(c.branchLabel(), c.serviceLabel());
        return name != null ? name : c.serviceLabel();
    }

    /** One "&lt;code&gt;.&lt;value&gt;" entry of includedFilters or excludedFilters. */
    public record Selection(QuickFilter filter, String value) {

        /** Empty when the entry has no known code before its first dot. */
        public static Optional<Selection> parse(String entry) {
            if (entry == null) {
                return Optional.empty();
            }
            int dot = entry.indexOf('.');
            if (dot <= 0 || dot == entry.length() - 1) {
                return Optional.empty();
            }
            return ofCode(entry.substring(0, dot)).map(f -> new Selection(f, entry.substring(dot + 1)));
        }
    }
}
