package org.bipm.kcdb.submission.domain.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;

/**
 * The columns of the bulk-import sheet: the CMC's fields flattened, nested ones by their JSON path
 * ({@code cmc.lowerLimit}), so an error names the column the writer must correct. Lists go in one cell:
 * supporting comparisons separated by ";", parameters as "name = value" separated by ";".
 */
public final class ImportColumns {

    public static final List<String> ALL = List.of(
            "domainCode", "metrologyAreaLabel", "branchLabel", "serviceLabel", "subServiceLabel",
            "individualServiceLabel", "categoryLabel", "subCategoryLabel", "analyteValue", "analyteMatrix",
            "sourceValue", "mediumValue", "nuclideValue", "radiationCode", "radiationSpecification", "quantityValue",
            "instrument", "instrumentMethod", "measurementTechnique", "mechanism", "parameters",
            "cmc.lowerLimit", "cmc.upperLimit", "cmc.unit",
            "cmcUncertainty.lowerLimit", "cmcUncertainty.upperLimit", "cmcUncertainty.unit", "uncertaintyMode",
            "uncertaintyConvention", "coverageFactor", "confidenceLevel",
            "uncertaintyEquation.equation", "uncertaintyEquation.equationComment",
            "uncertaintyTable.tableName", "uncertaintyTable.tableRows", "uncertaintyTable.tableCols",
            "uncertaintyTable.tableContents", "uncertaintyTable.tableComment",
            "crm.value.lowerLimit", "crm.value.upperLimit", "crm.value.unit",
            "crm.uncertainty.lowerLimit", "crm.uncertainty.upperLimit", "crm.uncertainty.unit",
            "crm.uncertaintyMode", "crm.coverageFactor", "crm.confidenceLevel",
            "traceabilitySource", "referenceStandard", "internationalStandard", "comments", "nmiServiceCode",
            "supportingComparisons", "qmsStatementRef");

    /** An example row per domain for the template, in the column order above. */
    static final List<Map<String, String>> EXAMPLES = List.of(
            Map.ofEntries(Map.entry("domainCode", "PHYSICS"), Map.entry("metrologyAreaLabel", "EM"),
                    Map.entry("branchLabel", "EM/DC"), Map.entry("serviceLabel", "1"),
                    Map.entry("subServiceLabel", "1"), Map.entry("individualServiceLabel", "1"),
                    Map.entry("quantityValue", "DC voltage"), Map.entry("instrument", "Zener voltage standard"),
                    Map.entry("instrumentMethod", "Comparison with a Josephson array"),
                    Map.entry("parameters", "Temperature = 23 °C ± 1 °C"), Map.entry("cmc.lowerLimit", "1"),
                    Map.entry("cmc.upperLimit", "10"), Map.entry("cmc.unit", "V"),
                    Map.entry("cmcUncertainty.lowerLimit", "0.05"), Map.entry("cmcUncertainty.upperLimit", "0.5"),
                    Map.entry("cmcUncertainty.unit", "µV/V"), Map.entry("uncertaintyMode", "Relative"),
                    Map.entry("coverageFactor", "2"), Map.entry("confidenceLevel", "95"),
                    Map.entry("traceabilitySource", "PTB"), Map.entry("supportingComparisons", "CCEM-K8; EURAMET.EM-K8"),
                    Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/01")),
            Map.ofEntries(Map.entry("domainCode", "CHEM-BIO"), Map.entry("metrologyAreaLabel", "QM"),
                    Map.entry("categoryLabel", "5"), Map.entry("subCategoryLabel", "1"),
                    Map.entry("analyteValue", "lead"), Map.entry("analyteMatrix", "river water"),
                    Map.entry("quantityValue", "Mass fraction"), Map.entry("measurementTechnique", "ID-ICP-MS"),
                    Map.entry("cmc.lowerLimit", "0.001"), Map.entry("cmc.upperLimit", "10"),
                    Map.entry("cmc.unit", "µg/kg"), Map.entry("cmcUncertainty.lowerLimit", "10"),
                    Map.entry("cmcUncertainty.upperLimit", "1"), Map.entry("cmcUncertainty.unit", "%"),
                    Map.entry("uncertaintyMode", "Relative"), Map.entry("uncertaintyConvention", "Two"),
                    Map.entry("coverageFactor", "2"), Map.entry("confidenceLevel", "95"),
                    Map.entry("traceabilitySource", "SI"), Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/02")),
            Map.ofEntries(Map.entry("domainCode", "RADIATION"), Map.entry("metrologyAreaLabel", "RI"),
                    Map.entry("branchLabel", "RAD"), Map.entry("quantityValue", "Activity"),
                    Map.entry("sourceValue", "Multi-radionuclide source"), Map.entry("mediumValue", "Liquid"),
                    Map.entry("nuclideValue", "Co-60"), Map.entry("instrument", "Solution"),
                    Map.entry("cmc.lowerLimit", "1000"), Map.entry("cmc.upperLimit", "1000000"),
                    Map.entry("cmc.unit", "Bq"), Map.entry("cmcUncertainty.lowerLimit", "1.5"),
                    Map.entry("cmcUncertainty.upperLimit", "3"), Map.entry("cmcUncertainty.unit", "%"),
                    Map.entry("uncertaintyMode", "Relative"), Map.entry("coverageFactor", "2"),
                    Map.entry("confidenceLevel", "95"), Map.entry("traceabilitySource", "PTB"),
                    Map.entry("supportingComparisons", "CCRI(II)-K2.Co-60"),
                    Map.entry("qmsStatementRef", "EURAMET TC-Q 2026/03")));

    private ImportColumns() {
    }

    /** The template's example rows: physics, chemistry, radiation. */
    public static List<Map<String, String>> examples() {
        return EXAMPLES;
    }

    /** The column a validation fault belongs to: {@code supportingComparisons[1]} → supportingComparisons. */
    public static String columnOf(String field) {
        String column = field.replaceAll("\\[\\d+].*$", "");
        return ALL.contains(column) ? column : column.contains(".") && ALL.contains(column.substring(0,
                column.lastIndexOf('.'))) ? column.substring(0, column.lastIndexOf('.')) : column;
    }

    /** One row read into a CMC; cells that do not read (a number that is not one) are listed, not guessed. */
    public static Reading read(Map<String, String> row) {
        List<CellError> errors = new ArrayList<>();
        Cells cells = new Cells(row, errors);
        Range measurand = cells.range("cmc");
        Range uncertainty = cells.range("cmcUncertainty");
        CmcContent.UncertaintyEquation equation = cells.text("uncertaintyEquation.equation") == null
                && cells.text("uncertaintyEquation.equationComment") == null ? null
                : new CmcContent.UncertaintyEquation(cells.text("uncertaintyEquation.equation"),
                        cells.text("uncertaintyEquation.equationComment"));
        CmcContent.UncertaintyTable table = cells.table("uncertaintyTable");
        Range crmValue = cells.range("crm.value");
        Range crmUncertainty = cells.range("crm.uncertainty");
        Double crmK = cells.number("crm.coverageFactor");
        Double crmP = cells.number("crm.confidenceLevel");
        String crmMode = cells.text("crm.uncertaintyMode");
        CmcContent.Crm crm = crmValue == null && crmUncertainty == null && crmK == null && crmP == null
                && crmMode == null ? null : new CmcContent.Crm(crmValue, crmUncertainty, crmK, crmP, crmMode, null, null);
        CmcContent content = new CmcContent(cells.text("domainCode"), cells.text("metrologyAreaLabel"),
                cells.text("branchLabel"), cells.text("serviceLabel"), cells.text("subServiceLabel"),
                cells.text("individualServiceLabel"), cells.text("quantityValue"), cells.text("instrument"),
                cells.text("instrumentMethod"), cells.parameters("parameters"), measurand, uncertainty, null, null,
                cells.text("uncertaintyMode"), cells.number("coverageFactor"), cells.number("confidenceLevel"),
                cells.text("traceabilitySource"), cells.text("comments"), cells.text("nmiServiceCode"),
                cells.list("supportingComparisons"), cells.text("qmsStatementRef"),
                cells.text("internationalStandard"), cells.text("referenceStandard"), equation, table,
                cells.text("categoryLabel"), cells.text("subCategoryLabel"), cells.text("analyteValue"),
                cells.text("analyteMatrix"), cells.text("measurementTechnique"), cells.text("mechanism"),
                cells.text("uncertaintyConvention"), crm, cells.text("sourceValue"), cells.text("mediumValue"),
                cells.text("nuclideValue"), cells.text("radiationCode"), cells.text("radiationSpecification"));
        return new Reading(content, errors);
    }

    /** A row as read, with the cells that could not be read. */
    public record Reading(CmcContent content, List<CellError> errors) {
    }

    /** A fault in one cell: row number as the sheet shows it (the header is row 1), column name, message. */
    public record CellError(int row, String column, String message) {
    }

    private record Cells(Map<String, String> row, List<CellError> errors) {

        String text(String column) {
            String value = row.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        Double number(String column) {
            String text = text(column);
            if (text == null) {
                return null;
            }
            try {
                return Double.valueOf(text.replace(',', '.').replace(" ", ""));
            } catch (NumberFormatException e) {
                errors.add(new CellError(0, column, "'" + text + "' is not a number"));
                return null;
            }
        }

        Range range(String prefix) {
            Double lower = number(prefix + ".lowerLimit");
            Double upper = number(prefix + ".upperLimit");
            String unit = text(prefix + ".unit");
            return lower == null && upper == null && unit == null ? null : new Range(lower, upper, unit);
        }

        Integer whole(String column) {
            Double number = number(column);
            if (number != null && (number != Math.rint(number) || Math.abs(number) > 1_000_000)) {
                errors.add(new CellError(0, column, "'" + text(column) + "' is not a whole number"));
                return null;
            }
            return number == null ? null : number.intValue();
        }

        CmcContent.UncertaintyTable table(String prefix) {
            String name = text(prefix + ".tableName");
            Integer rows = whole(prefix + ".tableRows");
            Integer cols = whole(prefix + ".tableCols");
            String contents = text(prefix + ".tableContents");
            String comment = text(prefix + ".tableComment");
            return name == null && rows == null && cols == null && contents == null && comment == null ? null
                    : new CmcContent.UncertaintyTable(name, rows, cols, comment, contents);
        }

        List<String> list(String column) {
            String text = text(column);
            return text == null ? List.of() : Arrays.stream(text.split(";")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        }

        List<Parameter> parameters(String column) {
            List<Parameter> parameters = new ArrayList<>();
            for (String item : list(column)) {
                int equals = item.indexOf('=');
                parameters.add(equals < 0 ? new Parameter(item, null)
                        : new Parameter(item.substring(0, equals).strip(), item.substring(equals + 1).strip()));
            }
            return parameters;
        }
    }
}
