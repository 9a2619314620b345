package org.bipm.kcdb.events;

import java.util.List;

/**
 * What a CMC says, in the KCDB's own field names (DOMAIN.md §1.3–1.4). Carried by the events so that the
 * review and publication services never read the submission service's database.
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
        String qmsStatementRef) {
}
