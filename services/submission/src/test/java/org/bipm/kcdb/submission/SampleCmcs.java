package org.bipm.kcdb.submission;

import java.util.List;
import java.util.Map;

/** A complete physics CMC body as a PTB writer would send it. */
public final class SampleCmcs {

    private SampleCmcs() {
    }

    public static Map<String, Object> dcVoltage() {
        return Map.ofEntries(
                Map.entry("domainCode", "PHYSICS"),
                Map.entry("metrologyAreaLabel", "EM"),
                Map.entry("branchLabel", "EM/DC"),
                Map.entry("serviceLabel", "1"),
                Map.entry("subServiceLabel", "1"),
                Map.entry("individualServiceLabel", "1"),
                Map.entry("quantityValue", "DC voltage"),
                Map.entry("instrument", "Zener voltage standard"),
                Map.entry("instrumentMethod", "Comparison with a Josephson array"),
                Map.entry("parameters", List.of(Map.of("parameterName", "Temperature",
                        "parameterValue", "23 °C ± 1 °C"))),
                Map.entry("cmc", Map.of("lowerLimit", 1.0, "upperLimit", 10.0, "unit", "V")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 0.05, "upperLimit", 0.5, "unit", "µV/V")),
                Map.entry("uncertaintyMode", "Relative"),
                Map.entry("coverageFactor", 2.0),
                Map.entry("confidenceLevel", 95.0),
                Map.entry("traceabilitySource", "PTB"),
                Map.entry("nmiServiceCode", "PTB-2.11-01"),
                Map.entry("supportingComparisons", List.of("CCEM-K8")),
                Map.entry("qmsStatementRef", "EURAMET TC-Q 2025/17"));
    }

    /** A chemistry CMC with its CRM block: lead in water, the uncertainty positional (convention "Two"). */
    public static Map<String, Object> leadInWater() {
        return Map.ofEntries(
                Map.entry("domainCode", "CHEM-BIO"),
                Map.entry("metrologyAreaLabel", "QM"),
                Map.entry("categoryLabel", "5"),
                Map.entry("subCategoryLabel", "1"),
                Map.entry("analyteValue", "lead"),
                Map.entry("analyteMatrix", "river water and drinking water"),
                Map.entry("quantityValue", "Mass fraction"),
                Map.entry("measurementTechnique", "ID-ICP-MS"),
                Map.entry("mechanism", "Customer service; delivery only to other NMIs"),
                Map.entry("cmc", Map.of("lowerLimit", 0.001, "upperLimit", 10.0, "unit", "µg/kg")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 10.0, "upperLimit", 1.0, "unit", "%")),
                Map.entry("uncertaintyMode", "Relative"),
                Map.entry("uncertaintyConvention", "Two"),
                Map.entry("coverageFactor", 2.0),
                Map.entry("confidenceLevel", 95.0),
                Map.entry("traceabilitySource", "PTB"),
                Map.entry("supportingComparisons", List.of("CCQM-K30", "EURAMET.QM-S5")),
                Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/02"),
                Map.entry("crm", Map.of(
                        "value", Map.of("lowerLimit", 1.0, "upperLimit", 5.0, "unit", "mg/kg"),
                        "uncertainty", Map.of("lowerLimit", 0.02, "upperLimit", 0.1, "unit", "mg/kg"),
                        "coverageFactor", 2.0, "confidenceLevel", 95.0, "uncertaintyMode", "Absolute")));
    }

    /** An ionizing-radiation CMC: activity of a Co-60 solution. */
    public static Map<String, Object> cobaltActivity() {
        return Map.ofEntries(
                Map.entry("domainCode", "RADIATION"),
                Map.entry("metrologyAreaLabel", "RI"),
                Map.entry("branchLabel", "RAD"),
                Map.entry("quantityValue", "Activity"),
                Map.entry("sourceValue", "Multi-radionuclide source"),
                Map.entry("mediumValue", "Liquid"),
                Map.entry("nuclideValue", "Co-60"),
                Map.entry("radiationSpecification", "10 ml to 500 ml in a standard cylindrical plastic bottle"),
                Map.entry("instrument", "Solution"),
                Map.entry("instrumentMethod", "Ge detector, multichannel analyzer"),
                Map.entry("cmc", Map.of("lowerLimit", 1000.0, "upperLimit", 1.0e6, "unit", "Bq")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 1.5, "upperLimit", 3.0, "unit", "%")),
                Map.entry("uncertaintyMode", "Relative"),
                Map.entry("coverageFactor", 2.0),
                Map.entry("confidenceLevel", 95.0),
                Map.entry("traceabilitySource", "PTB"),
                Map.entry("referenceStandard", "Ionization chamber calibrated against primary standards"),
                Map.entry("supportingComparisons", List.of("CCRI(II)-K2.Co-60")),
                Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/03"));
    }
}
