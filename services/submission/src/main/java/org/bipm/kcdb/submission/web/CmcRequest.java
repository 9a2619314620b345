package org.bipm.kcdb.submission.web;

import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;

/**
 * The fields a writer may send. Institute, country and RMO come from the token, and the SI base-unit ranges
 * are derived by the server, so none of them is accepted here (unknown fields are rejected).
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
        String qmsStatementRef) {

    public CmcContent toContent() {
        return new CmcContent(domainCode, metrologyAreaLabel, branchLabel, serviceLabel, subServiceLabel,
                individualServiceLabel, quantityValue, instrument, instrumentMethod,
                parameters == null ? List.of() : parameters, cmc, cmcUncertainty, null, null, uncertaintyMode,
                coverageFactor, confidenceLevel, traceabilitySource, comments, nmiServiceCode,
                supportingComparisons == null ? List.of() : supportingComparisons, qmsStatementRef);
    }
}
