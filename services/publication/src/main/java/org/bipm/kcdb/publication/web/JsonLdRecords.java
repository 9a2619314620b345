package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bipm.kcdb.units.SiReferencePoint;
import org.bipm.kcdb.units.UnitReader;
import org.bipm.kcdb.units.UnitReading;
import tools.jackson.databind.json.JsonMapper;

/**
 * CMCs as JSON-LD: the API's record, identified by its KCDB code (an IRI below the API's {@code /cmc/}), typed, and
 * with the SI Reference Point IRI of each range's unit, prefixed and compound ones included ({@code mV} →
 * {@code …/SI/units/millivolt}, DOMAIN.md §6.1), as the platform's unit reader (support/units) gives it; a unit the
 * SI Reference Point has no entry for ({@code %}, {@code ppm}, {@code bar}) comes as {@code unitMultiple}, a factor
 * times a unit it has, in its own vocabulary ({@code sirp:UnitMultiple}). The range
 * limits also come as D-SI {@code si:real} values with their expanded uncertainty (DOMAIN.md §6.2), in SI units.
 */
final class JsonLdRecords {

    static final String VOCABULARY = "https://kcdb.bipm.org/vocab/";
    static final String DSI = "https://ptb.de/si/";
    /** The SI Reference Point's vocabulary (its T-box), for the units it has no entry for. */
    static final String SIRP = "https://si-digital-framework.org/SI#";
    static final String DIMENSION_ONE = UnitReading.DIMENSION_ONE;
    static final String CLOSING = "]}";
    private static final String[] RANGES = {"cmc", "cmcUncertainty", "cmcBaseUnit", "cmcUncertaintyBaseUnit", "crm",
        "crmUncertainty"};

    private JsonLdRecords() {
    }

    /** The document up to its first record: the context and the opening of {@code @graph}. */
    static String opening(JsonMapper json, String base) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("@vocab", VOCABULARY);
        context.put("@base", base);
        context.put("unitIri", Map.of("@type", "@id"));
        context.put("si", DSI);
        context.put("sirp", SIRP);
        String text = json.writeValueAsString(Map.of("@context", context));
        return text.substring(0, text.length() - 1) + ",\"@graph\":[";
    }

    static Map<String, Object> node(Map<String, Object> record) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("@id", record.get("kcdbCode"));
        node.put("@type", "CalibrationAndMeasurementCapability");
        node.putAll(record);
        for (String range : RANGES) {
            if (node.get(range) instanceof Map<?, ?> values) {
                Optional<UnitReading> unit = reading(values.get("unit"));
                String iri = unit.map(UnitReading::iri).orElse(null);
                Optional<SiReferencePoint.Multiple> multiple = unit.flatMap(UnitReading::multiple);
                if (iri != null || multiple.isPresent()) {
                    Map<String, Object> withIri = new LinkedHashMap<>();
                    values.forEach((k, v) -> withIri.put(String.valueOf(k), v));
                    if (iri != null) {
                        withIri.put("unitIri", iri);
                    } else {
                        withIri.put("unitMultiple", unitMultiple(multiple.get()));
                    }
                    node.put(range, withIri);
                }
            }
        }
        Map<String, Object> dsi = dsi(record);
        if (!dsi.isEmpty()) {
            node.put("dsi", dsi);
        }
        return node;
    }

    /**
     * The lower and upper limit of the range as D-SI reals in the coherent SI unit ({@code cmcBaseUnit}), each with
     * the expanded uncertainty at that end: the KCDB's uncertainty limits are positional, and a relative
     * uncertainty is made absolute at its own end of the range. Only where the unit has a D-SI name.
     */
    static Map<String, Object> dsi(Map<String, Object> record) {
        Map<String, Object> limits = new LinkedHashMap<>();
        if (!(record.get("cmcBaseUnit") instanceof Map<?, ?> range)) {
            return limits;
        }
        String unit = dsiUnit(range.get("unit"));
        if (unit == null) {
            return limits;
        }
        Map<?, ?> uncertainty = record.get("cmcUncertaintyBaseUnit") instanceof Map<?, ?> u ? u : Map.of();
        boolean relative = DIMENSION_ONE.equals(uncertainty.get("unit")) && !DIMENSION_ONE.equals(range.get("unit"));
        boolean absolute = range.get("unit") != null && range.get("unit").equals(uncertainty.get("unit"));
        for (String limit : new String[] {"lowerLimit", "upperLimit"}) {
            if (range.get(limit) instanceof Number value) {
                Map<String, Object> real = new LinkedHashMap<>();
                real.put("@type", "si:real");
                real.put("si:label", limit);
                real.put("si:value", value.doubleValue());
                real.put("si:unit", unit);
                if (uncertainty.get(limit) instanceof Number u && (relative || absolute)
                        && record.get("coverageFactor") instanceof Number k
                        && record.get("confidenceLevel") instanceof Number level) {
                    double expanded = relative ? u.doubleValue() * Math.abs(value.doubleValue()) : u.doubleValue();
                    real.put("si:measurementUncertaintyUnivariate", Map.of("si:expandedMU", Map.of(
                            "si:valueExpandedMU", expanded, "si:coverageFactor", k.doubleValue(),
                            "si:coverageProbability", level.doubleValue() / 100)));
                }
                limits.put(limit, real);
            }
        }
        return limits;
    }

    /** The D-SI unit of a coherent SI unit: {@code \volt}, {@code \one}; null where D-SI has no name for it. */
    static String dsiUnit(Object unit) {
        return reading(unit).map(UnitReading::dsi).orElse(null);
    }

    /**
     * A unit the SI Reference Point has no entry for (%, ppm, bar) as it relates its own non-SI units to SI ones: a
     * {@code si:UnitMultiple} with the numerical factor and the coherent SI unit's IRI ({@code %} is 0.01 ×
     * {@code …/units/one}).
     */
    static Map<String, Object> unitMultiple(SiReferencePoint.Multiple multiple) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("@type", "sirp:UnitMultiple");
        node.put("sirp:hasNumericFactor", multiple.factor());
        node.put("sirp:hasUnitTerm", Map.of("@id", multiple.unitIri()));
        return node;
    }

    /** The unit's SI Reference Point IRI; none for a unit with a part the SI Reference Point lacks (%, ppm). */
    static String unitIri(Object unit) {
        return reading(unit).map(UnitReading::iri).orElse(null);
    }

    private static Optional<UnitReading> reading(Object unit) {
        return unit == null ? Optional.empty() : UnitReader.find(unit.toString());
    }
}
