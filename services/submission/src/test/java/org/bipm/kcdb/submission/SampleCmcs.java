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
}
