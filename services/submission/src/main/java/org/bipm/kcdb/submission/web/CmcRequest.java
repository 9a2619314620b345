package org.bipm.kcdb.submission.web;

import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;

/**
 * The fields a writer may send, for all three domains (CONTRACT.md §2, DOMAIN.md §1.3–1.4). Institute, country and
 * RMO come from the token, and the SI base-unit ranges are derived by the server, so none of them is accepted here
 * (unknown fields are rejected).
 */
public record CmcRequest(
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
        CmcContent.UncertaintyEquation uncertaintyEquation,
        CmcContent.UncertaintyTable uncertaintyTable,
        String categoryLabel,
        String subCategoryLabel,
        String analyteValue,
        String analyteMatrix,
        String measurementTechnique,
        String mechanism,
        String uncertaintyConvention,
        CmcContent.Crm crm,
        String sourceValue,
        String mediumValue,
        String nuclideValue,
        String radiationCode,
        String radiationSpecification) {

    public CmcContent toContent() {
        return new CmcContent(trim(domainCode), trim(metrologyAreaLabel), trim(branchLabel), trim(serviceLabel),
                trim(subServiceLabel), trim(individualServiceLabel), trim(quantityValue), instrument, instrumentMethod,
                parameters == null ? List.of() : parameters, cmc, cmcUncertainty, null, null, trim(uncertaintyMode),
                coverageFactor, confidenceLevel, traceabilitySource, comments, nmiServiceCode,
                supportingComparisons == null ? List.of() : supportingComparisons.stream().map(CmcRequest::trim).toList(),
                qmsStatementRef, internationalStandard, referenceStandard, uncertaintyEquation, uncertaintyTable,
                trim(categoryLabel), trim(subCategoryLabel), trim(analyteValue), analyteMatrix, measurementTechnique,
                mechanism, trim(uncertaintyConvention), crm, trim(sourceValue), trim(mediumValue), trim(nuclideValue),
                trim(radiationCode), radiationSpecification);
    }

    /** Labels are compared as the KCDB writes them; a blank one is no label. */
    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
