package org.bipm.kcdb.publication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records in the KCDB API v1.0.13's shape, one per domain, with the values the KCDB publishes for real CMCs
 * (DOMAIN.md §1.3 and §4.3; ../shared/data/kcdb-sample-cmcs-partial.json): MSL's illuminance meter, NMIJ AIST's
 * antimony in river water and NMIJ AIST's Cr-51 activity. Only the serial and the id are new, so that each test run
 * migrates its own records.
 */
final class KcdbRecordSamples {

    private KcdbRecordSamples() {
    }

    static List<Map<String, Object>> records(String serial, long id) {
        return List.of(physics(serial, id), chemistry(serial, id + 1), radiation(serial, id + 2));
    }

    static Map<String, Object> physics(String serial, long id) {
        Map<String, Object> r = common(id, "APMP-PR-NZ-" + serial + "-1", "2012-11-29", "PHYSICS", "PR", "APMP",
                "New Zealand", "MSL", "Measurement Standards Laboratory", 117, "04022gq47", "Q6803869");
        r.put("nmiServiceCode", "MSLT.O.001, MSLT.O.016");
        r.put("nmiServiceLink", "https://www.measurement.govt.nz/services/photometry");
        r.put("quantityValue", "Illuminance responsivity, tungsten source");
        r.put("cmc", range(null, null, "A/lx, V/lx, reading/lx"));
        r.put("cmcUncertainty", range(3.0, 3.0, "%"));
        r.put("cmcBaseUnit", range(null, null, "X/lx"));
        r.put("cmcUncertaintyBaseUnit", range(0.03, 0.03, "dimension 1"));
        r.put("confidenceLevel", 95);
        r.put("coverageFactor", 2.3);
        r.put("uncertaintyMode", "Relative");
        r.put("uncertaintyEquation", null);
        r.put("uncertaintyTable", null);
        r.put("traceabilitySource", "MSL");
        r.put("comments", "Calibration of illuminance meters against a standard lamp");
        r.put("branchLabel", "PR/Photo");
        r.put("branchValue", "Photometry");
        r.put("serviceValue", "Photometry");
        r.put("subServiceValue", "Illuminance");
        r.put("individualServiceValue", "Illuminance meter");
        r.put("physicsCode", "1.2.1");
        r.put("kcdbServiceCategory", "PR/Photo-1.2.1");
        r.put("instrument", "Illuminance meter");
        r.put("instrumentMethod", "Standard lamp");
        r.put("parameters", List.of(Map.of("parameterName", "Illuminance", "parameterValue", "0.005 lx to 10 lx"),
                Map.of("parameterName", "Correlated colour temperature", "parameterValue", "2700 K to 3000 K")));
        r.put("internationalStandard", "");
        return r;
    }

    static Map<String, Object> chemistry(String serial, long id) {
        Map<String, Object> r = common(id, "APMP-QM-JP-" + serial + "-2", "2021-01-12", "CHEM-BIO", "QM", "APMP",
                "Japan", "NMIJ AIST", "National Metrology Institute of Japan", 129, "01703db54", "Q11455395");
        r.put("approvalDate", "2017-08-30");
        r.put("nmiServiceCode", "NMIJ CRM 7202");
        r.put("nmiServiceLink", null);
        r.put("quantityValue", "Mass fraction");
        r.put("cmc", range(0.001, 10.0, "µg/kg"));
        r.put("cmcUncertainty", range(10.0, 1.0, "%"));
        r.put("cmcBaseUnit", range(1.0E-12, 1.0E-8, "kg/kg"));
        r.put("cmcUncertaintyBaseUnit", range(0.1, 0.01, "dimension 1"));
        r.put("confidenceLevel", 95);
        r.put("coverageFactor", 2);
        r.put("uncertaintyMode", "Relative");
        r.put("uncertaintyEquation", null);
        r.put("uncertaintyTable", null);
        r.put("traceabilitySource", "NMIJ/AIST");
        r.put("comments", "");
        r.put("categoryLabel", 5);
        r.put("categoryValue", "Water");
        r.put("subCategoryLabel", 1);
        r.put("subCategoryValue", "Fresh water");
        r.put("kcdbServiceCategory", "QM-5.1");
        r.put("analyteValue", "antimony");
        r.put("analyteMatrix", "river water and drinking water");
        r.put("measurmentTechnique", "ID-ICP-MS");
        r.put("mechanism", "NMIJ CRM 7202, NMIJ CRM 7203");
        r.put("uncertaintyConvention", "Two");
        r.put("crm", range(0.5, 5.0, "µg/kg"));
        r.put("crmUncertainty", range(4.0, 2.0, "%"));
        r.put("crmCoverageFactor", 2);
        r.put("crmConfidenceLevel", 95);
        r.put("crmUncertaintyMode", "Relative");
        r.put("crmUncertaintyEquation", Map.of("equation", "U = 0.02 · w", "equationComment", "w: mass fraction"));
        r.put("crmUncertaintyTable", new LinkedHashMap<>(Map.of("tableName", "CRM 7202", "tableRows", 2,
                "tableCols", 2, "tableComment", "",
                "tableContents", "{\"row_1\":{\"col_1\":\"0.5\",\"col_2\":\"4\"},\"row_2\":{\"col_1\":\"5\",\"col_2\":\"2\"}}")));
        return r;
    }

    static Map<String, Object> radiation(String serial, long id) {
        Map<String, Object> r = common(id, "APMP-RI-JP-" + serial + "-1", "2019-03-20", "RADIATION", "RI", "APMP",
                "Japan", "NMIJ AIST", "National Metrology Institute of Japan", 129, "01703db54", "Q11455395");
        r.put("nmiServiceCode", "APM-RAD-NMIJ/AIST-2144");
        r.put("nmiServiceLink", "https://unit.aist.go.jp/nmij/english/calibration/");
        r.put("quantityValue", "Activity");
        r.put("cmc", range(1.0E3, 1.0E7, "Bq"));
        r.put("cmcUncertainty", range(1.5, 1.5, "%"));
        r.put("cmcBaseUnit", range(1.0E3, 1.0E7, "s-1"));
        r.put("cmcUncertaintyBaseUnit", range(0.015, 0.015, "dimension 1"));
        r.put("confidenceLevel", 95);
        r.put("coverageFactor", 2);
        r.put("uncertaintyMode", "Relative");
        r.put("uncertaintyEquation", null);
        r.put("uncertaintyTable", null);
        r.put("traceabilitySource", "NMIJ/AIST");
        r.put("comments", null);
        r.put("branchLabel", "RAD");
        r.put("branchValue", "Radioactivity");
        r.put("sourceValue", null);
        r.put("mediumValue", "Solution");
        r.put("nuclideValue", "Cr-51");
        r.put("radiationCode", "2.1.1.0");
        r.put("radiationSpecification", "10 ml to 500 ml in a standard cylindrical plastic bottle");
        r.put("referenceStandard", "Comparison with the NMIJ/AIST standard source");
        r.put("instrument", "Radioactive solution");
        r.put("instrumentMethod", "Ge detector, multichannel analyzer");
        r.put("internationalStandard", null);
        r.put("kcdbServiceCategory", "RI/RAD-1.1.0");
        return r;
    }

    private static Map<String, Object> common(long id, String code, String date, String domain, String area,
                                              String rmo, String country, String nmiCode, String nmiName,
                                              int nmiIdentifier, String ror, String wikidata) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("kcdbCode", code);
        r.put("groupIdentifier", "");
        r.put("status", "Published");
        r.put("statusDate", date);
        r.put("approvalDate", date);
        r.put("publicationDate", date);
        r.put("domainCode", domain);
        r.put("metrologyAreaLabel", area);
        r.put("rmo", rmo);
        r.put("countryValue", country);
        r.put("nmiCode", nmiCode);
        r.put("nmiName", nmiName);
        r.put("nmiIdentifier", nmiIdentifier);
        r.put("nmiRorIdentifier", ror);
        r.put("nmiWikiDataIdentifier", wikidata);
        return r;
    }

    private static Map<String, Object> range(Double lower, Double upper, String unit) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("lowerLimit", lower);
        r.put("upperLimit", upper);
        r.put("unit", unit);
        return r;
    }
}
