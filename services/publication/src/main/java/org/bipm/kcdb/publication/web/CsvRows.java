package org.bipm.kcdb.publication.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CMC as one CSV row (RFC 4180): the API's fields, nested ones as "cmc.lowerLimit", parameters as
 * "name: value; name: value". One header for all three domains, so that any search exports to one table.
 */
final class CsvRows {

    static final List<String> COLUMNS = List.of("id", "kcdbCode", "status", "statusDate", "approvalDate",
            "publicationDate", "domainCode", "metrologyAreaLabel", "rmo", "countryValue", "nmiCode", "nmiName",
            "nmiServiceCode", "quantityValue", "cmc.lowerLimit", "cmc.upperLimit", "cmc.unit",
            "cmcUncertainty.lowerLimit", "cmcUncertainty.upperLimit", "cmcUncertainty.unit", "cmcBaseUnit.lowerLimit",
            "cmcBaseUnit.upperLimit", "cmcBaseUnit.unit", "cmcUncertaintyBaseUnit.lowerLimit",
            "cmcUncertaintyBaseUnit.upperLimit", "cmcUncertaintyBaseUnit.unit", "uncertaintyMode", "coverageFactor",
            "confidenceLevel", "uncertaintyEquation.equation", "traceabilitySource", "comments", "kcdbServiceCategory",
            "branchLabel", "branchValue", "serviceValue", "subServiceValue", "individualServiceValue", "physicsCode",
            "instrument", "instrumentMethod", "parameters", "internationalStandard", "categoryLabel", "categoryValue",
            "analyteValue", "analyteMatrix", "measurmentTechnique", "mechanism", "uncertaintyConvention",
            "sourceValue", "mediumValue", "nuclideValue", "radiationCode", "radiationSpecification",
            "referenceStandard");

    private CsvRows() {
    }

    static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    static String row(Map<String, Object> record) {
        StringBuilder row = new StringBuilder(512);
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(cell(value(record, COLUMNS.get(i))));
        }
        return row.append("\r\n").toString();
    }

    /** A column's value in an API record; shared with the XLSX export, which has the same columns. */
    static Object value(Map<String, Object> record, String column) {
        int dot = column.indexOf('.');
        if (dot < 0) {
            Object value = record.get(column);
            if (value instanceof List<?> parameters) {
                return parameters.stream().map(CsvRows::parameter).collect(Collectors.joining("; "));
            }
            return value;
        }
        Object nested = record.get(column.substring(0, dot));
        return nested instanceof Map<?, ?> map ? map.get(column.substring(dot + 1)) : null;
    }

    private static String parameter(Object parameter) {
        if (parameter instanceof org.bipm.kcdb.events.Parameter p) {
            return p.parameterName() + ": " + p.parameterValue();
        }
        return String.valueOf(parameter);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
