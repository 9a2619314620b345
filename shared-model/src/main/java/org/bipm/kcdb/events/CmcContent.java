package org.bipm.kcdb.events;

import java.util.List;

/**
 * What a CMC says, in the KCDB's own field names (DOMAIN.md §1.3–1.4). Carried by the events so that the
 * review and publication services never read the submission service's database.
 *
 * <p>The fields after {@code qmsStatementRef} were added later (an additive change: payloads without them still
 * read). Those of one domain are null in the others: {@code categoryLabel} … {@code crm} are chemistry and biology,
 * {@code sourceValue} … {@code radiationSpecification} ionizing radiation. The uncertainty is given as a range
 * ({@code cmcUncertainty}), an equation or a table; {@code measurementTechnique} is the API's
 * {@code measurmentTechnique}, spelled right here.
 */
public record CmcContent(
        String domainCode,
        String metrologyAreaLabel,
        String branchLabel,
        String serviceLabel,
        String subServiceLabel,
        String individualServiceLabel,
        String quantityValue,
        String instrument,
        String instrumentMethod,
        List<Parameter> parameters,
        Range cmc,
        Range cmcUncertainty,
        Range cmcBaseUnit,
        Range cmcUncertaintyBaseUnit,
        String uncertaintyMode,
        Double coverageFactor,
        Double confidenceLevel,
        String traceabilitySource,
        String comments,
        String nmiServiceCode,
        List<String> supportingComparisons,
        String qmsStatementRef,
        String internationalStandard,
        String referenceStandard,
        UncertaintyEquation uncertaintyEquation,
        UncertaintyTable uncertaintyTable,
        String categoryLabel,
        String subCategoryLabel,
        String analyteValue,
        String analyteMatrix,
        String measurementTechnique,
        String mechanism,
        String uncertaintyConvention,
        Crm crm,
        String sourceValue,
        String mediumValue,
        String nuclideValue,
        String radiationCode,
        String radiationSpecification) {

    /** A CMC with only the fields every domain shares and physics uses (as written before the others existed). */
    public CmcContent(String domainCode, String metrologyAreaLabel, String branchLabel, String serviceLabel,
                      String subServiceLabel, String individualServiceLabel, String quantityValue, String instrument,
                      String instrumentMethod, List<Parameter> parameters, Range cmc, Range cmcUncertainty,
                      Range cmcBaseUnit, Range cmcUncertaintyBaseUnit, String uncertaintyMode, Double coverageFactor,
                      Double confidenceLevel, String traceabilitySource, String comments, String nmiServiceCode,
                      List<String> supportingComparisons, String qmsStatementRef) {
        this(domainCode, metrologyAreaLabel, branchLabel, serviceLabel, subServiceLabel, individualServiceLabel,
                quantityValue, instrument, instrumentMethod, parameters, cmc, cmcUncertainty, cmcBaseUnit,
                cmcUncertaintyBaseUnit, uncertaintyMode, coverageFactor, confidenceLevel, traceabilitySource, comments,
                nmiServiceCode, supportingComparisons, qmsStatementRef, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** The uncertainty as a function of the measurand, e.g. "U = 0.3 µV + 1.5E-6 · V". */
    public record UncertaintyEquation(String equation, String equationComment) {
    }

    /** The uncertainty as a matrix; {@code tableContents} is the KCDB's JSON string {"row_1":{"col_1":..}}. */
    public record UncertaintyTable(String tableName, Integer tableRows, Integer tableCols, String tableComment,
                                   String tableContents) {
    }

    /** The second value and uncertainty block of a chemistry CMC: the certified reference material delivered. */
    public record Crm(Range value, Range uncertainty, Double coverageFactor, Double confidenceLevel,
                      String uncertaintyMode, UncertaintyEquation uncertaintyEquation,
                      UncertaintyTable uncertaintyTable) {
    }
}
