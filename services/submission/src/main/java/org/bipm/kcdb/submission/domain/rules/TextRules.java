package org.bipm.kcdb.submission.domain.rules;

import java.util.List;
import org.bipm.kcdb.comparisons.ComparisonIdentifier;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;

/**
 * Bounds on what a writer types: labels and names are short, descriptions longer, tables bounded; at most 50
 * parameters and supporting comparisons, each comparison identifier well formed.
 */
final class TextRules {

    static final int LABEL = 100;
    static final int NAME = 500;
    static final int TEXT = 4000;
    static final int TABLE = 200_000;
    static final int LIST = 50;

    private TextRules() {
    }

    static void check(CmcContent c, Violations v) {
        max(v, LABEL, "domainCode", c.domainCode(), "metrologyAreaLabel", c.metrologyAreaLabel(), "branchLabel",
                c.branchLabel(), "serviceLabel", c.serviceLabel(), "subServiceLabel", c.subServiceLabel(),
                "individualServiceLabel", c.individualServiceLabel(), "categoryLabel", c.categoryLabel(),
                "subCategoryLabel", c.subCategoryLabel(), "radiationCode", c.radiationCode(), "uncertaintyMode",
                c.uncertaintyMode(), "uncertaintyConvention", c.uncertaintyConvention());
        max(v, NAME, "quantityValue", c.quantityValue(), "instrument", c.instrument(), "traceabilitySource",
                c.traceabilitySource(), "nmiServiceCode", c.nmiServiceCode(), "qmsStatementRef", c.qmsStatementRef(),
                "internationalStandard", c.internationalStandard(), "referenceStandard", c.referenceStandard(),
                "analyteValue", c.analyteValue(), "measurementTechnique", c.measurementTechnique(), "sourceValue",
                c.sourceValue(), "mediumValue", c.mediumValue(), "nuclideValue", c.nuclideValue());
        max(v, TEXT, "instrumentMethod", c.instrumentMethod(), "comments", c.comments(), "analyteMatrix",
                c.analyteMatrix(), "mechanism", c.mechanism(), "radiationSpecification", c.radiationSpecification());
        equation(c.uncertaintyEquation(), "uncertaintyEquation", v);
        table(c.uncertaintyTable(), "uncertaintyTable", v);
        if (c.crm() != null) {
            equation(c.crm().uncertaintyEquation(), "crm.uncertaintyEquation", v);
            table(c.crm().uncertaintyTable(), "crm.uncertaintyTable", v);
        }
        if (c.cmc() != null) {
            max(v, LABEL, "cmc.unit", c.cmc().unit());
        }
        if (c.cmcUncertainty() != null) {
            max(v, LABEL, "cmcUncertainty.unit", c.cmcUncertainty().unit());
        }
        parameters(c.parameters(), v);
        comparisons(c.supportingComparisons(), v);
    }

    private static void parameters(List<Parameter> parameters, Violations v) {
        if (parameters == null) {
            return;
        }
        if (parameters.size() > LIST) {
            v.add("parameters", "at most " + LIST + " parameters");
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            String field = "parameters[" + i + "]";
            if (p == null) {
                v.add(field, "must not be empty");
                continue;
            }
            v.required(p.parameterName(), field + ".parameterName");
            max(v, NAME, field + ".parameterName", p.parameterName());
            max(v, TEXT, field + ".parameterValue", p.parameterValue());
        }
    }

    private static void comparisons(List<String> comparisons, Violations v) {
        if (comparisons == null) {
            return;
        }
        if (comparisons.size() > LIST) {
            v.add("supportingComparisons", "at most " + LIST + " comparisons");
            return;
        }
        for (int i = 0; i < comparisons.size(); i++) {
            if (!ComparisonIdentifier.wellFormed(comparisons.get(i))) {
                v.add("supportingComparisons[" + i + "]", "'" + comparisons.get(i)
                        + "' is not a comparison identifier (e.g. CCEM-K8, EURAMET.EM-K8, APMP.QM-S5)");
            }
        }
    }

    private static void equation(CmcContent.UncertaintyEquation equation, String field, Violations v) {
        if (equation != null) {
            max(v, TEXT, field + ".equation", equation.equation(), field + ".equationComment",
                    equation.equationComment());
        }
    }

    private static void table(CmcContent.UncertaintyTable table, String field, Violations v) {
        if (table != null) {
            max(v, NAME, field + ".tableName", table.tableName());
            max(v, TEXT, field + ".tableComment", table.tableComment());
            max(v, TABLE, field + ".tableContents", table.tableContents());
        }
    }

    /** Pairs of field name and value. */
    private static void max(Violations v, int length, String... fieldsAndValues) {
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String value = fieldsAndValues[i + 1];
            if (value != null && value.length() > length) {
                v.add(fieldsAndValues[i], "must be at most " + length + " characters");
            }
        }
    }
}
