package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMC form of any of the three domains as the browser sends it. Input names are the API's JSON paths ({@code cmc.lowerLimit},
 * {@code parameters[0].parameterName}), so each field error of the API's problem lands next to its own input. The
 * form checks nothing itself: a number that does not read is sent as typed and the API says what is wrong.
 */
public class CmcForm {

    private String domainCode = "PHYSICS";
    private String metrologyAreaLabel;
    private String branchLabel;
    private String serviceLabel;
    private String subServiceLabel;
    private String individualServiceLabel;
    private String quantityValue;
    private String instrument;
    private String instrumentMethod;
    private List<Parameter> parameters = new ArrayList<>(List.of(new Parameter(), new Parameter()));
    private Range cmc = new Range();
    private Range cmcUncertainty = new Range();
    private String uncertaintyMode;
    private String coverageFactor;
    private String confidenceLevel;
    private String traceabilitySource;
    private String referenceStandard;
    private String comments;
    private String nmiServiceCode;
    private String supportingComparisons;
    private String qmsStatementRef;
    // Chemistry and biology: where the CMC sits (category, sub-category) and what it measures in what.
    private String categoryLabel;
    private String subCategoryLabel;
    private String analyteValue;
    private String analyteMatrix;
    private String measurementTechnique;
    // Ionizing radiation: the branch's source, medium and nuclide.
    private String sourceValue;
    private String mediumValue;
    private String nuclideValue;
    private String radiationSpecification;
    /** The ETag the form was read with, sent back as If-Match. */
    private String etag;

    /** The request body of POST/PUT /api/cmcs: blank inputs are left out. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "domainCode", domainCode);
        put(body, "metrologyAreaLabel", metrologyAreaLabel);
        put(body, "branchLabel", branchLabel);
        put(body, "serviceLabel", serviceLabel);
        put(body, "subServiceLabel", subServiceLabel);
        put(body, "individualServiceLabel", individualServiceLabel);
        put(body, "quantityValue", quantityValue);
        put(body, "instrument", instrument);
        put(body, "instrumentMethod", instrumentMethod);
        List<Map<String, Object>> params = new ArrayList<>();
        for (Parameter p : parameters) {
            if (!blank(p.parameterName) || !blank(p.parameterValue)) {
                Map<String, Object> param = new LinkedHashMap<>();
                put(param, "parameterName", p.parameterName);
                put(param, "parameterValue", p.parameterValue);
                params.add(param);
            }
        }
        if (!params.isEmpty()) {
            body.put("parameters", params);
        }
        putRange(body, "cmc", cmc);
        putRange(body, "cmcUncertainty", cmcUncertainty);
        put(body, "uncertaintyMode", uncertaintyMode);
        putNumber(body, "coverageFactor", coverageFactor);
        putNumber(body, "confidenceLevel", confidenceLevel);
        put(body, "traceabilitySource", traceabilitySource);
        put(body, "referenceStandard", referenceStandard);
        put(body, "comments", comments);
        put(body, "nmiServiceCode", nmiServiceCode);
        if (!blank(supportingComparisons)) {
            body.put("supportingComparisons", Arrays.stream(supportingComparisons.split("[,;\\s]+"))
                    .filter(s -> !s.isBlank()).toList());
        }
        put(body, "qmsStatementRef", qmsStatementRef);
        put(body, "categoryLabel", categoryLabel);
        put(body, "subCategoryLabel", subCategoryLabel);
        put(body, "analyteValue", analyteValue);
        put(body, "analyteMatrix", analyteMatrix);
        put(body, "measurementTechnique", measurementTechnique);
        put(body, "sourceValue", sourceValue);
        put(body, "mediumValue", mediumValue);
        put(body, "nuclideValue", nuclideValue);
        put(body, "radiationSpecification", radiationSpecification);
        return body;
    }

    /** The form filled from a CMC as GET /api/cmcs/{id} returns it. */
    @SuppressWarnings("unchecked")
    public static CmcForm of(Map<String, Object> cmc, String etag) {
        CmcForm form = new CmcForm();
        form.domainCode = text(cmc.get("domainCode"));
        form.metrologyAreaLabel = text(cmc.get("metrologyAreaLabel"));
        form.branchLabel = text(cmc.get("branchLabel"));
        form.serviceLabel = text(cmc.get("serviceLabel"));
        form.subServiceLabel = text(cmc.get("subServiceLabel"));
        form.individualServiceLabel = text(cmc.get("individualServiceLabel"));
        form.quantityValue = text(cmc.get("quantityValue"));
        form.instrument = text(cmc.get("instrument"));
        form.instrumentMethod = text(cmc.get("instrumentMethod"));
        if (cmc.get("parameters") instanceof List<?> params) {
            form.parameters = new ArrayList<>();
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                Parameter parameter = new Parameter();
                parameter.parameterName = text(param.get("parameterName"));
                parameter.parameterValue = text(param.get("parameterValue"));
                form.parameters.add(parameter);
            }
            while (form.parameters.size() < 2) {
                form.parameters.add(new Parameter());
            }
        }
        form.cmc = Range.of(cmc.get("cmc"));
        form.cmcUncertainty = Range.of(cmc.get("cmcUncertainty"));
        form.uncertaintyMode = text(cmc.get("uncertaintyMode"));
        form.coverageFactor = text(cmc.get("coverageFactor"));
        form.confidenceLevel = text(cmc.get("confidenceLevel"));
        form.traceabilitySource = text(cmc.get("traceabilitySource"));
        form.referenceStandard = text(cmc.get("referenceStandard"));
        form.comments = text(cmc.get("comments"));
        form.nmiServiceCode = text(cmc.get("nmiServiceCode"));
        if (cmc.get("supportingComparisons") instanceof List<?> comparisons) {
            form.supportingComparisons = String.join(", ", comparisons.stream().map(String::valueOf).toList());
        }
        form.qmsStatementRef = text(cmc.get("qmsStatementRef"));
        form.categoryLabel = text(cmc.get("categoryLabel"));
        form.subCategoryLabel = text(cmc.get("subCategoryLabel"));
        form.analyteValue = text(cmc.get("analyteValue"));
        form.analyteMatrix = text(cmc.get("analyteMatrix"));
        form.measurementTechnique = text(cmc.get("measurementTechnique"));
        form.sourceValue = text(cmc.get("sourceValue"));
        form.mediumValue = text(cmc.get("mediumValue"));
        form.nuclideValue = text(cmc.get("nuclideValue"));
        form.radiationSpecification = text(cmc.get("radiationSpecification"));
        form.etag = etag;
        return form;
    }

    private static void putRange(Map<String, Object> body, String name, Range range) {
        if (range == null || blank(range.lowerLimit) && blank(range.upperLimit) && blank(range.unit)) {
            return;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        putNumber(value, "lowerLimit", range.lowerLimit);
        putNumber(value, "upperLimit", range.upperLimit);
        put(value, "unit", range.unit);
        body.put(name, value);
    }

    private static void put(Map<String, Object> body, String name, String value) {
        if (!blank(value)) {
            body.put(name, value.strip());
        }
    }

    private static void putNumber(Map<String, Object> body, String name, String value) {
        if (blank(value)) {
            return;
        }
        try {
            body.put(name, Double.valueOf(value.strip().replace(',', '.')));
        } catch (NumberFormatException e) {
            body.put(name, value.strip());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    /** One measurement parameter row. */
    public static class Parameter {
        private String parameterName;
        private String parameterValue;

        public String getParameterName() {
            return parameterName;
        }

        public void setParameterName(String parameterName) {
            this.parameterName = parameterName;
        }

        public String getParameterValue() {
            return parameterValue;
        }

        public void setParameterValue(String parameterValue) {
            this.parameterValue = parameterValue;
        }
    }

    /** A range with its unit, as typed. */
    public static class Range {
        private String lowerLimit;
        private String upperLimit;
        private String unit;

        static Range of(Object value) {
            Range range = new Range();
            if (value instanceof Map<?, ?> map) {
                range.lowerLimit = text(map.get("lowerLimit"));
                range.upperLimit = text(map.get("upperLimit"));
                range.unit = text(map.get("unit"));
            }
            return range;
        }

        public String getLowerLimit() {
            return lowerLimit;
        }

        public void setLowerLimit(String lowerLimit) {
            this.lowerLimit = lowerLimit;
        }

        public String getUpperLimit() {
            return upperLimit;
        }

        public void setUpperLimit(String upperLimit) {
            this.upperLimit = upperLimit;
        }

        public String getUnit() {
            return unit;
        }

        public void setUnit(String unit) {
            this.unit = unit;
        }
    }

    public String getDomainCode() {
        return domainCode;
    }

    public void setDomainCode(String domainCode) {
        this.domainCode = domainCode;
    }

    public String getMetrologyAreaLabel() {
        return metrologyAreaLabel;
    }

    public void setMetrologyAreaLabel(String metrologyAreaLabel) {
        this.metrologyAreaLabel = metrologyAreaLabel;
    }

    public String getBranchLabel() {
        return branchLabel;
    }

    public void setBranchLabel(String branchLabel) {
        this.branchLabel = branchLabel;
    }

    public String getServiceLabel() {
        return serviceLabel;
    }

    public void setServiceLabel(String serviceLabel) {
        this.serviceLabel = serviceLabel;
    }

    public String getSubServiceLabel() {
        return subServiceLabel;
    }

    public void setSubServiceLabel(String subServiceLabel) {
        this.subServiceLabel = subServiceLabel;
    }

    public String getIndividualServiceLabel() {
        return individualServiceLabel;
    }

    public void setIndividualServiceLabel(String individualServiceLabel) {
        this.individualServiceLabel = individualServiceLabel;
    }

    public String getQuantityValue() {
        return quantityValue;
    }

    public void setQuantityValue(String quantityValue) {
        this.quantityValue = quantityValue;
    }

    public String getInstrument() {
        return instrument;
    }

    public void setInstrument(String instrument) {
        this.instrument = instrument;
    }

    public String getInstrumentMethod() {
        return instrumentMethod;
    }

    public void setInstrumentMethod(String instrumentMethod) {
        this.instrumentMethod = instrumentMethod;
    }

    public List<Parameter> getParameters() {
        return parameters;
    }

    public void setParameters(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    public Range getCmc() {
        return cmc;
    }

    public void setCmc(Range cmc) {
        this.cmc = cmc;
    }

    public Range getCmcUncertainty() {
        return cmcUncertainty;
    }

    public void setCmcUncertainty(Range cmcUncertainty) {
        this.cmcUncertainty = cmcUncertainty;
    }

    public String getUncertaintyMode() {
        return uncertaintyMode;
    }

    public void setUncertaintyMode(String uncertaintyMode) {
        this.uncertaintyMode = uncertaintyMode;
    }

    public String getCoverageFactor() {
        return coverageFactor;
    }

    public void setCoverageFactor(String coverageFactor) {
        this.coverageFactor = coverageFactor;
    }

    public String getConfidenceLevel() {
        return confidenceLevel;
    }

    public void setConfidenceLevel(String confidenceLevel) {
        this.confidenceLevel = confidenceLevel;
    }

    public String getTraceabilitySource() {
        return traceabilitySource;
    }

    public void setTraceabilitySource(String traceabilitySource) {
        this.traceabilitySource = traceabilitySource;
    }

    public String getReferenceStandard() {
        return referenceStandard;
    }

    public void setReferenceStandard(String referenceStandard) {
        this.referenceStandard = referenceStandard;
    }

    public String getComments() {
        return comments;
    }

    public void setComments(String comments) {
        this.comments = comments;
    }

    public String getNmiServiceCode() {
        return nmiServiceCode;
    }

    public void setNmiServiceCode(String nmiServiceCode) {
        this.nmiServiceCode = nmiServiceCode;
    }

    public String getSupportingComparisons() {
        return supportingComparisons;
    }

    public void setSupportingComparisons(String supportingComparisons) {
        this.supportingComparisons = supportingComparisons;
    }

    public String getQmsStatementRef() {
        return qmsStatementRef;
    }

    public void setQmsStatementRef(String qmsStatementRef) {
        this.qmsStatementRef = qmsStatementRef;
    }

    public String getEtag() {
        return etag;
    }

    public void setEtag(String etag) {
        this.etag = etag;
    }

    public String getCategoryLabel() {
        return categoryLabel;
    }

    public void setCategoryLabel(String categoryLabel) {
        this.categoryLabel = categoryLabel;
    }

    public String getSubCategoryLabel() {
        return subCategoryLabel;
    }

    public void setSubCategoryLabel(String subCategoryLabel) {
        this.subCategoryLabel = subCategoryLabel;
    }

    public String getAnalyteValue() {
        return analyteValue;
    }

    public void setAnalyteValue(String analyteValue) {
        this.analyteValue = analyteValue;
    }

    public String getAnalyteMatrix() {
        return analyteMatrix;
    }

    public void setAnalyteMatrix(String analyteMatrix) {
        this.analyteMatrix = analyteMatrix;
    }

    public String getMeasurementTechnique() {
        return measurementTechnique;
    }

    public void setMeasurementTechnique(String measurementTechnique) {
        this.measurementTechnique = measurementTechnique;
    }

    public String getSourceValue() {
        return sourceValue;
    }

    public void setSourceValue(String sourceValue) {
        this.sourceValue = sourceValue;
    }

    public String getMediumValue() {
        return mediumValue;
    }

    public void setMediumValue(String mediumValue) {
        this.mediumValue = mediumValue;
    }

    public String getNuclideValue() {
        return nuclideValue;
    }

    public void setNuclideValue(String nuclideValue) {
        this.nuclideValue = nuclideValue;
    }

    public String getRadiationSpecification() {
        return radiationSpecification;
    }

    public void setRadiationSpecification(String radiationSpecification) {
        this.radiationSpecification = radiationSpecification;
    }
}
