package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.events.CmcContent.UncertaintyEquation;
import org.bipm.kcdb.events.CmcContent.UncertaintyTable;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.publication.persistence.Classification;
import org.bipm.kcdb.publication.persistence.ReferenceData;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.PublicNames;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A published CMC in the KCDB API v1.0.13's field names and shape (DOMAIN.md §1.3 and §4.3): the common fields
 * ({@code ResultCommon}), then those of the record's domain ({@code ResultPhysics},
 * {@code ResultChemistryAndBiology} with the original's {@code measurmentTechnique}, {@code ResultRadiation}).
 */
final class KcdbRecords {

    static final String MASKED = "<masked>";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> AS_PUBLISHED = new TypeReference<>() {
    };

    private KcdbRecords() {
    }

    /** Without {@code showTable}, uncertainty tables keep their shape but their contents read "&lt;masked&gt;". */
    static Map<String, Object> toApi(PublishedCmc cmc, boolean showTable, ReferenceChanges changes) {
        return toApi(cmc, showTable, changes.names());
    }

    /** {@link #toApi(PublishedCmc, boolean, ReferenceChanges)} with the public names as they were at one moment. */
    static Map<String, Object> toApi(PublishedCmc cmc, boolean showTable, PublicNames names) {
        CmcContent c = cmc.content();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", cmc.kcdbId());
        r.put("kcdbCode", cmc.kcdbCode());
        r.put("groupIdentifier", "");
        r.put("status", cmc.status().label());
        r.put("statusDate", cmc.statusDate());
        r.put("approvalDate", cmc.approvalDate());
        r.put("publicationDate", cmc.publicationDate());
        r.put("domainCode", c.domainCode());
        r.put("metrologyAreaLabel", c.metrologyAreaLabel());
        r.put("rmo", cmc.rmo());
        r.put("countryValue", names.countryName(cmc.country()));
        r.put("nmiCode", cmc.institute());
        // the institutes table the office maintains (its changes announced by the submission service), else the seed
        ReferenceData.Institute institute = names.institute(cmc.institute()).orElse(null);
        r.put("nmiName", institute == null ? null : institute.nmiName());
        r.put("nmiIdentifier", institute == null ? null : institute.nmiIdentifier());
        r.put("nmiRorIdentifier", institute == null ? null : institute.nmiRorIdentifier());
        r.put("nmiWikiDataIdentifier", institute == null ? null : institute.nmiWikiDataIdentifier());
        r.put("nmiServiceCode", c.nmiServiceCode());
        r.put("nmiServiceLink", null);
        r.put("quantityValue", c.quantityValue());
        r.put("cmc", range(c.cmc()));
        r.put("cmcUncertainty", range(c.cmcUncertainty()));
        r.put("cmcBaseUnit", range(c.cmcBaseUnit()));
        r.put("cmcUncertaintyBaseUnit", range(c.cmcUncertaintyBaseUnit()));
        r.put("confidenceLevel", c.confidenceLevel());
        r.put("coverageFactor", c.coverageFactor());
        r.put("uncertaintyMode", c.uncertaintyMode());
        r.put("uncertaintyEquation", equation(c.uncertaintyEquation()));
        r.put("uncertaintyTable", table(c.uncertaintyTable(), showTable));
        r.put("traceabilitySource", c.traceabilitySource());
        r.put("comments", c.comments());
        switch (c.domainCode() == null ? "" : c.domainCode()) {
            case "PHYSICS" -> physics(cmc, r, names);
            case "CHEM-BIO" -> chemistryAndBiology(cmc, r, showTable, names);
            case "RADIATION" -> radiation(cmc, r, names);
            default -> {
            }
        }
        if (cmc.asPublished() != null) {
            asPublished(cmc.asPublished()).forEach(r::put);
        }
        return r;
    }

    /**
     * A record migrated from today's KCDB answers every field as the KCDB published it (nmiName, identifiers,
     * service link, classification names, numbers as written), over what the platform would derive; its status,
     * status date and tables are the platform's.
     */
    private static Map<String, Object> asPublished(String json) {
        return JSON.readValue(json, AS_PUBLISHED);
    }

    private static void physics(PublishedCmc cmc, Map<String, Object> r, PublicNames publicNames) {
        CmcContent c = cmc.content();
        Classification classification = publicNames.classification();
        String physicsCode = cmc.physicsCode();
        String[] names = classification.serviceValues(c.branchLabel(), physicsCode);
        r.put("branchLabel", c.branchLabel());
        r.put("branchValue", classification.branchValue(c.branchLabel()));
        r.put("serviceValue", names.length > 0 ? names[0] : null);
        r.put("subServiceValue", names.length > 1 ? names[1] : null);
        r.put("individualServiceValue", names.length > 2 ? names[2] : null);
        r.put("physicsCode", physicsCode);
        r.put("kcdbServiceCategory", cmc.kcdbServiceCategory());
        r.put("instrument", c.instrument());
        r.put("instrumentMethod", c.instrumentMethod());
        r.put("parameters", c.parameters() == null ? List.of() : c.parameters());
        r.put("internationalStandard", c.internationalStandard());
    }

    private static void chemistryAndBiology(PublishedCmc cmc, Map<String, Object> r, boolean showTable,
                                            PublicNames names) {
        CmcContent c = cmc.content();
        CmcContent.Crm crm = c.crm();
        r.put("categoryLabel", number(c.categoryLabel()));
        r.put("categoryValue", names.categoryValue(c.categoryLabel()));
        r.put("subCategoryLabel", number(c.subCategoryLabel()));
        r.put("subCategoryValue", names.subCategoryValue(c.categoryLabel(), c.subCategoryLabel()));
        r.put("kcdbServiceCategory", cmc.kcdbServiceCategory());
        r.put("analyteValue", c.analyteValue());
        r.put("analyteMatrix", c.analyteMatrix());
        r.put("measurmentTechnique", c.measurementTechnique());
        r.put("mechanism", c.mechanism());
        r.put("uncertaintyConvention", c.uncertaintyConvention());
        r.put("crm", crm == null ? null : range(crm.value()));
        r.put("crmUncertainty", crm == null ? null : range(crm.uncertainty()));
        r.put("crmCoverageFactor", crm == null ? null : crm.coverageFactor());
        r.put("crmConfidenceLevel", crm == null ? null : crm.confidenceLevel());
        r.put("crmUncertaintyMode", crm == null ? null : crm.uncertaintyMode());
        r.put("crmUncertaintyEquation", crm == null ? null : equation(crm.uncertaintyEquation()));
        r.put("crmUncertaintyTable", crm == null ? null : table(crm.uncertaintyTable(), showTable));
    }

    private static void radiation(PublishedCmc cmc, Map<String, Object> r, PublicNames names) {
        CmcContent c = cmc.content();
        r.put("branchLabel", c.branchLabel());
        r.put("branchValue", names.classification().branchValue(c.branchLabel()));
        r.put("sourceValue", c.sourceValue());
        r.put("mediumValue", c.mediumValue());
        r.put("nuclideValue", c.nuclideValue());
        r.put("radiationCode", c.radiationCode());
        r.put("radiationSpecification", c.radiationSpecification());
        r.put("referenceStandard", c.referenceStandard());
        r.put("instrument", c.instrument());
        r.put("instrumentMethod", c.instrumentMethod());
        r.put("internationalStandard", c.internationalStandard());
        r.put("kcdbServiceCategory", cmc.kcdbServiceCategory());
    }

    /** The original answers category labels as numbers (5, not "5"). */
    private static Object number(String label) {
        if (label == null) {
            return null;
        }
        try {
            return Integer.valueOf(label);
        } catch (NumberFormatException notANumber) {
            return label;
        }
    }

    private static Map<String, Object> range(Range range) {
        if (range == null) {
            return null;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("lowerLimit", range.lowerLimit());
        r.put("upperLimit", range.upperLimit());
        r.put("unit", range.unit());
        return r;
    }

    private static Map<String, Object> equation(UncertaintyEquation equation) {
        if (equation == null) {
            return null;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("equation", equation.equation());
        e.put("equationComment", equation.equationComment());
        return e;
    }

    private static Map<String, Object> table(UncertaintyTable table, boolean showTable) {
        if (table == null) {
            return null;
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("tableName", table.tableName());
        t.put("tableRows", table.tableRows());
        t.put("tableCols", table.tableCols());
        t.put("tableComment", table.tableComment());
        t.put("tableContents", showTable ? table.tableContents() : MASKED);
        return t;
    }
}
