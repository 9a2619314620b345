package org.bipm.kcdb.publication.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * What a KCDB search asks of the index: a status, optional keywords in the original's query-string syntax, and
 * exact filters. Filters compare case-insensitively; an absent (null or blank) filter does not restrict.
 */
public final class CmcQuery {

    /** The exact-match filters of the three domain searches, each read from the published record. */
    public enum Field {
        DOMAIN(cmc -> cmc.content().domainCode()),
        AREA(cmc -> cmc.content().metrologyAreaLabel()),
        BRANCH(cmc -> cmc.content().branchLabel()),
        SERVICE(cmc -> cmc.content().serviceLabel()),
        SUB_SERVICE(cmc -> cmc.content().subServiceLabel()),
        INDIVIDUAL_SERVICE(cmc -> cmc.content().individualServiceLabel()),
        PHYSICS_CODE(PublishedCmc::physicsCode),
        CATEGORY(cmc -> cmc.content().categoryLabel()),
        ANALYTE(cmc -> cmc.content().analyteValue()),
        QUANTITY(cmc -> cmc.content().quantityValue()),
        SOURCE(cmc -> cmc.content().sourceValue()),
        MEDIUM(cmc -> cmc.content().mediumValue()),
        NUCLIDE(cmc -> cmc.content().nuclideValue());

        private final Function<PublishedCmc, String> value;

        Field(Function<PublishedCmc, String> value) {
            this.value = value;
        }

        public String of(PublishedCmc cmc) {
            return value.apply(cmc);
        }
    }

    private final PublicationStatus status;
    private final String keywords;
    private final Map<Field, String> exact = new EnumMap<>(Field.class);
    private final Set<String> countries = new LinkedHashSet<>();
    private LocalDate publishedFrom;
    private LocalDate publishedTo;
    private Instant changedSince;
    private final List<QuickFilter.Selection> included = new ArrayList<>();
    private final List<QuickFilter.Selection> excluded = new ArrayList<>();

    private CmcQuery(PublicationStatus status, String keywords) {
        this.status = status;
        this.keywords = keywords;
    }

    public static CmcQuery of(PublicationStatus status, String keywords) {
        return new CmcQuery(status, keywords);
    }

    public CmcQuery where(Field field, String value) {
        if (value != null && !value.isBlank()) {
            exact.put(field, value);
        }
        return this;
    }

    /** ISO 3166-1 alpha-2 codes; any of them matches. */
    public CmcQuery inCountries(Collection<String> iso2) {
        if (iso2 != null) {
            countries.addAll(iso2);
        }
        return this;
    }

    public CmcQuery publishedBetween(LocalDate from, LocalDate to) {
        this.publishedFrom = from;
        this.publishedTo = to;
        return this;
    }

    /** Only records that changed (were published, re-published or changed status) at or after this instant. */
    public CmcQuery changedSince(Instant since) {
        this.changedSince = since;
        return this;
    }

    /** Within one filter group any selected value matches; across groups all must. */
    public CmcQuery including(Collection<QuickFilter.Selection> selections) {
        included.addAll(selections);
        return this;
    }

    public CmcQuery excluding(Collection<QuickFilter.Selection> selections) {
        excluded.addAll(selections);
        return this;
    }

    public PublicationStatus status() {
        return status;
    }

    public String keywords() {
        return keywords;
    }

    public Map<Field, String> exact() {
        return exact;
    }

    public Set<String> countries() {
        return countries;
    }

    public LocalDate publishedFrom() {
        return publishedFrom;
    }

    public LocalDate publishedTo() {
        return publishedTo;
    }

    public Instant changedSince() {
        return changedSince;
    }

    public List<QuickFilter.Selection> included() {
        return included;
    }

    public List<QuickFilter.Selection> excluded() {
        return excluded;
    }
}
