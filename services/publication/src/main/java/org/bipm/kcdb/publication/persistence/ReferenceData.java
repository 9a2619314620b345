package org.bipm.kcdb.publication.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KCDB's reference data (resource {@code kcdb/reference-data.json}, derived from the shared reference data):
 * the classification trees the KCDB API serves under {@code /referenceData}, and the institutes, countries, RMOs and
 * chemistry sub-categories a published record names.
 */
public final class ReferenceData {

    /** One entry of a {@code /referenceData} list; {@code parentId} is the id it is listed under, if any. */
    public record Entry(Integer id, String label, String value, Integer parentId) {
    }

    public record Domain(String code, String name) {
    }

    public record Institute(String nmiCode, String nmiName, Integer nmiIdentifier, String nmiRorIdentifier,
                            String nmiWikiDataIdentifier, String countryLabel) {
    }

    /** An RMO by its acronym ("EURAMET") and name. */
    public record Rmo(String acronym, String name) {
    }

    private record SubCategory(String categoryLabel, String label, String value) {
    }

    private record Area(Integer id, String label, String value, String domainCode) {
    }

    private record Branch(Integer id, String label, String value, Integer areaId) {
    }

    private record Service(Integer id, String label, String value, Integer branchId) {
    }

    private record SubService(Integer id, String label, String value, Integer serviceId) {
    }

    private record IndividualService(Integer id, String label, String value, Integer subServiceId) {
    }

    private record Plain(Integer id, String label, String value) {
        Entry entry() {
            return new Entry(id, label, value, null);
        }
    }

    private record Tables(List<Domain> domains, List<Area> metrologyAreas, List<Branch> branches,
                          List<Service> services, List<SubService> subServices,
                          List<IndividualService> individualServices, List<Plain> quantities,
                          List<Plain> radiationMediums, List<Plain> radiationSources, List<Plain> nuclides,
                          List<Plain> categories, List<Plain> analytes, List<Plain> countries,
                          List<Institute> institutes, List<SubCategory> subCategories, List<Rmo> rmos) {
        Tables {
            subCategories = subCategories == null ? List.of() : subCategories;
            rmos = rmos == null ? List.of() : rmos;
        }
    }

    private final Tables tables;
    private final Map<String, Institute> institutes;
    private final Map<String, String> countryNames;

    private ReferenceData(Tables tables) {
        this.tables = tables;
        this.institutes = tables.institutes().stream()
                .collect(Collectors.toMap(Institute::nmiCode, Function.identity(), (a, b) -> a));
        this.countryNames = tables.countries().stream().filter(c -> c.value() != null)
                .collect(Collectors.toMap(Plain::label, Plain::value, (a, b) -> a));
    }

    private static volatile ReferenceData kcdb;

    /** The KCDB's reference data, read once. */
    public static ReferenceData kcdb() {
        ReferenceData loaded = kcdb;
        if (loaded == null) {
            synchronized (ReferenceData.class) {
                if (kcdb == null) {
                    kcdb = load();
                }
                loaded = kcdb;
            }
        }
        return loaded;
    }

    private static ReferenceData load() {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/kcdb/reference-data.json")) {
            if (in == null) {
                throw new IllegalStateException("kcdb/reference-data.json is missing from the classpath");
            }
            JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            return new ReferenceData(json.readValue(in, Tables.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Domain> domains() {
        return tables.domains();
    }

    /** Empty for an unknown domain code. */
    public List<Entry> metrologyAreas(String domainCode) {
        return tables.metrologyAreas().stream().filter(a -> a.domainCode().equals(domainCode))
                .map(a -> new Entry(a.id(), a.label(), a.value(), null)).toList();
    }

    public boolean isDomain(String domainCode) {
        return tables.domains().stream().anyMatch(d -> d.code().equals(domainCode));
    }

    public List<Entry> branches(int areaId) {
        return tables.branches().stream().filter(b -> Objects.equals(b.areaId(), areaId))
                .map(b -> new Entry(b.id(), b.label(), b.value(), b.areaId())).toList();
    }

    public List<Entry> services(int branchId) {
        return tables.services().stream().filter(s -> Objects.equals(s.branchId(), branchId))
                .map(s -> new Entry(s.id(), s.label(), s.value(), s.branchId())).toList();
    }

    public List<Entry> subServices(int serviceId) {
        return tables.subServices().stream().filter(s -> Objects.equals(s.serviceId(), serviceId))
                .map(s -> new Entry(s.id(), s.label(), s.value(), s.serviceId())).toList();
    }

    public List<Entry> individualServices(int subServiceId) {
        return tables.individualServices().stream().filter(s -> Objects.equals(s.subServiceId(), subServiceId))
                .map(s -> new Entry(s.id(), s.label(), s.value(), s.subServiceId())).toList();
    }

    public List<Entry> quantities() {
        return plain(tables.quantities());
    }

    public List<Entry> radiationMediums() {
        return plain(tables.radiationMediums());
    }

    public List<Entry> radiationSources() {
        return plain(tables.radiationSources());
    }

    public List<Entry> nuclides() {
        return plain(tables.nuclides());
    }

    /** The label of a metrology area ("EM") by its id; null if unknown. */
    public String areaLabel(int areaId) {
        return tables.metrologyAreas().stream().filter(a -> Objects.equals(a.id(), areaId)).map(Area::label)
                .findFirst().orElse(null);
    }

    /** The label of a branch ("EM/DC") by its id; null if unknown. */
    public String branchLabel(int branchId) {
        return tables.branches().stream().filter(b -> Objects.equals(b.id(), branchId)).map(Branch::label)
                .findFirst().orElse(null);
    }

    /** Branch names by label ("PR/Fibre" is "Fibre optics"), physics and radiation alike. */
    public Map<String, String> branchNames() {
        return tables.branches().stream().collect(Collectors.toMap(Branch::label, Branch::value, (a, b) -> a));
    }

    /**
     * The names of physics services, sub-services and individual services by kcdbServiceCategory
     * ("PR/Photo-1", "PR/Photo-1.2", "PR/Photo-1.2.1"), the codes joined from the labels along the tree.
     */
    public Map<String, String> physicsServiceNames() {
        Map<Integer, String> branchLabels = tables.branches().stream()
                .collect(Collectors.toMap(Branch::id, Branch::label, (a, b) -> a));
        Map<Integer, String> serviceCodes = new HashMap<>();
        Map<Integer, String> subServiceCodes = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Service service : tables.services()) {
            String branch = branchLabels.get(service.branchId());
            if (branch != null) {
                serviceCodes.put(service.id(), branch + "-" + service.label());
                names.put(branch + "-" + service.label(), service.value());
            }
        }
        for (SubService sub : tables.subServices()) {
            String service = serviceCodes.get(sub.serviceId());
            if (service != null) {
                subServiceCodes.put(sub.id(), service + "." + sub.label());
                names.put(service + "." + sub.label(), sub.value());
            }
        }
        for (IndividualService individual : tables.individualServices()) {
            String sub = subServiceCodes.get(individual.subServiceId());
            if (sub != null) {
                names.put(sub + "." + individual.label(), individual.value());
            }
        }
        return names;
    }

    /** The name of a chemistry and biology category by its label ("2" is "Inorganic solutions"); null if unknown. */
    public String categoryValue(String label) {
        return tables.categories().stream().filter(c -> c.label() != null && c.label().equals(label))
                .map(Plain::value).findFirst().orElse(null);
    }

    /** Sub-category names by "category label|sub-category label" ("5|1" is "Fresh water"). */
    public Map<String, String> subCategoryNames() {
        return tables.subCategories().stream().collect(Collectors.toMap(s -> s.categoryLabel() + "|" + s.label(),
                SubCategory::value, (a, b) -> a));
    }

    public List<Rmo> rmos() {
        return tables.rmos();
    }

    public List<Entry> categories() {
        return plain(tables.categories());
    }

    public List<Entry> analytes() {
        return plain(tables.analytes());
    }

    public List<Entry> countries() {
        return plain(tables.countries());
    }

    public Optional<Institute> institute(String nmiCode) {
        return nmiCode == null ? Optional.empty() : Optional.ofNullable(institutes.get(nmiCode));
    }

    /** The KCDB's name of the country ("New Zealand"), else its ISO 3166 English name, else the code itself. */
    public String countryName(String iso2) {
        if (iso2 == null) {
            return null;
        }
        String known = countryNames.get(iso2);
        if (known != null) {
            return known;
        }
        String name = new Locale("", iso2).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() ? iso2 : name;
    }

    private static List<Entry> plain(List<Plain> entries) {
        return entries.stream().map(Plain::entry).toList();
    }
}
