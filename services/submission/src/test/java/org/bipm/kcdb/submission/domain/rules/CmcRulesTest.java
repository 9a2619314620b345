package org.bipm.kcdb.submission.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.submission.domain.TestCatalogue;
import org.bipm.kcdb.submission.domain.reference.ReferenceEntry;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;
import org.bipm.kcdb.support.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The validation matrix: each rule, in each domain, names the field at fault. */
class CmcRulesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CmcRules RULES = new CmcRules(TestCatalogue.SEED);

    static final String PHYSICS = """
            {"domainCode":"PHYSICS","metrologyAreaLabel":"EM","branchLabel":"EM/DC","serviceLabel":"1",
             "subServiceLabel":"1","individualServiceLabel":"1","quantityValue":"DC voltage",
             "instrument":"Zener voltage standard","instrumentMethod":"Comparison with a Josephson array",
             "parameters":[{"parameterName":"Temperature","parameterValue":"23 °C"}],
             "cmc":{"lowerLimit":1,"upperLimit":10,"unit":"V"},
             "cmcUncertainty":{"lowerLimit":0.05,"upperLimit":0.5,"unit":"µV/V"},"uncertaintyMode":"Relative",
             "coverageFactor":2,"confidenceLevel":95,"traceabilitySource":"PTB","nmiServiceCode":"PTB-1",
             "supportingComparisons":["CCEM-K8","EURAMET.EM-K8"],"qmsStatementRef":"EURAMET TC-Q 2026/01",
             "referenceStandard":"Josephson array voltage standard"}""";
    static final String CHEMISTRY = """
            {"domainCode":"CHEM-BIO","metrologyAreaLabel":"QM","categoryLabel":"5","subCategoryLabel":"1",
             "analyteValue":"lead","analyteMatrix":"river water and drinking water","quantityValue":"Mass fraction",
             "measurementTechnique":"ID-ICP-MS","mechanism":"Customer service",
             "cmc":{"lowerLimit":0.001,"upperLimit":10,"unit":"µg/kg"},
             "cmcUncertainty":{"lowerLimit":10,"upperLimit":1,"unit":"%"},"uncertaintyMode":"Relative",
             "uncertaintyConvention":"Two","coverageFactor":2,"confidenceLevel":95,"traceabilitySource":"SI",
             "supportingComparisons":["CCQM-K55.a","APMP.QM-S5"],"qmsStatementRef":"APMP TCQS 2026/3",
             "crm":{"value":{"lowerLimit":1,"upperLimit":5,"unit":"mg/kg"},
                    "uncertainty":{"lowerLimit":0.02,"upperLimit":0.1,"unit":"mg/kg"},"coverageFactor":2,
                    "confidenceLevel":95,"uncertaintyMode":"Absolute"}}""";
    static final String RADIATION = """
            {"domainCode":"RADIATION","metrologyAreaLabel":"RI","branchLabel":"RAD","quantityValue":"Activity",
             "sourceValue":"Multi-radionuclide source","mediumValue":"Liquid","nuclideValue":"Co-60",
             "radiationSpecification":"10 ml to 500 ml in a standard cylindrical plastic bottle",
             "instrument":"Solution","instrumentMethod":"Ge detector, multichannel analyzer",
             "cmc":{"lowerLimit":1000,"upperLimit":1e6,"unit":"Bq"},
             "cmcUncertainty":{"lowerLimit":1.5,"upperLimit":3,"unit":"%"},"uncertaintyMode":"Relative",
             "coverageFactor":2,"confidenceLevel":95,"traceabilitySource":"NMIJ/AIST",
             "referenceStandard":"Comparison with the NMIJ/AIST standard source",
             "supportingComparisons":["CCRI(II)-K2.Co-60"],"qmsStatementRef":"APMP TCQS 2026/4"}""";

    static CmcContent content(String json) {
        return JSON.readValue(json, CmcContent.class);
    }

    /** The sample with one field (a dotted path) set to a JSON value, or removed when the value is null. */
    static CmcContent with(String json, String path, String value) {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ObjectNode parent = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = (ObjectNode) parent.get(steps[i]);
        }
        if (value == null) {
            parent.remove(steps[steps.length - 1]);
        } else {
            JsonNode node = JSON.readTree(value);
            parent.set(steps[steps.length - 1], node);
        }
        return JSON.treeToValue(root, CmcContent.class);
    }

    static Stream<Arguments> matrix() {
        String longText = "\"" + "x".repeat(4001) + "\"";
        return Stream.of(
                // rule, domain sample, path, new value (null = removed), field expected at fault
                row("domain code known", PHYSICS, "domainCode", "\"MECHANICS\"", "domainCode"),
                row("area of the domain", PHYSICS, "metrologyAreaLabel", "\"QM\"", "metrologyAreaLabel"),
                row("area of the domain", CHEMISTRY, "metrologyAreaLabel", "\"EM\"", "metrologyAreaLabel"),
                row("area of the domain", RADIATION, "metrologyAreaLabel", "\"T\"", "metrologyAreaLabel"),
                row("quantity required", PHYSICS, "quantityValue", null, "quantityValue"),
                row("quantity required", CHEMISTRY, "quantityValue", null, "quantityValue"),
                row("quantity required", RADIATION, "quantityValue", null, "quantityValue"),
                row("instrument required (physics)", PHYSICS, "instrument", null, "instrument"),
                row("branch required (physics)", PHYSICS, "branchLabel", null, "branchLabel"),
                row("service required (physics)", PHYSICS, "serviceLabel", null, "serviceLabel"),
                row("analyte required (chemistry)", CHEMISTRY, "analyteValue", null, "analyteValue"),
                row("category required (chemistry)", CHEMISTRY, "categoryLabel", null, "categoryLabel"),
                row("technique required (chemistry)", CHEMISTRY, "measurementTechnique", null, "measurementTechnique"),
                row("source required (radiation)", RADIATION, "sourceValue", null, "sourceValue"),
                row("medium required (radiation)", RADIATION, "mediumValue", null, "mediumValue"),
                row("branch of the area", PHYSICS, "branchLabel", "\"L/Laser\"", "branchLabel"),
                row("branch exists", PHYSICS, "branchLabel", "\"EM/XX\"", "branchLabel"),
                row("branch exists", RADIATION, "branchLabel", "\"XRAY\"", "branchLabel"),
                row("service exists", PHYSICS, "serviceLabel", "\"99\"", "serviceLabel"),
                row("sub-service exists", PHYSICS, "subServiceLabel", "\"9\"", "subServiceLabel"),
                row("individual service exists", PHYSICS, "individualServiceLabel", "\"9\"",
                        "individualServiceLabel"),
                row("individual service required where the sub-service has some", PHYSICS,
                        "individualServiceLabel", null, "individualServiceLabel"),
                row("quantity exists", PHYSICS, "quantityValue", "\"Flux capacitance\"", "quantityValue"),
                row("quantity of the radiation branch", RADIATION, "branchLabel", "\"DOS\"", "quantityValue"),
                row("range required", PHYSICS, "cmc", null, "cmc"),
                row("range has a limit", RADIATION, "cmc", "{\"unit\":\"Bq\"}", "cmc"),
                row("lower ≤ upper", PHYSICS, "cmc.lowerLimit", "20", "cmc.lowerLimit"),
                row("lower ≤ upper", CHEMISTRY, "cmc.lowerLimit", "20", "cmc.lowerLimit"),
                row("lower ≤ upper", RADIATION, "cmc.lowerLimit", "2e6", "cmc.lowerLimit"),
                row("lower ≤ upper (CRM)", CHEMISTRY, "crm.value.lowerLimit", "6", "crm.value.lowerLimit"),
                row("range physically sane", PHYSICS, "cmc.upperLimit", "1e300", "cmc.upperLimit"),
                row("range physically sane", CHEMISTRY, "cmc.lowerLimit", "-1e300", "cmc.lowerLimit"),
                row("range physically sane (CRM)", CHEMISTRY, "crm.value.upperLimit", "1e101",
                        "crm.value.upperLimit"),
                row("uncertainty physically sane", RADIATION, "cmcUncertainty.upperLimit", "1e300",
                        "cmcUncertainty.upperLimit"),
                row("unit readable", PHYSICS, "cmc.unit", "\"furlong\"", "cmc.unit"),
                row("unit readable", CHEMISTRY, "cmcUncertainty.unit", "\"percent-ish\"", "cmcUncertainty.unit"),
                row("unit required", RADIATION, "cmc.unit", null, "cmc.unit"),
                row("unit fits the quantity", PHYSICS, "cmc.unit", "\"mA\"", "cmc.unit"),
                row("unit fits the quantity", CHEMISTRY, "cmc.unit", "\"kg\"", "cmc.unit"),
                row("unit fits the quantity", RADIATION, "cmc.unit", "\"Gy\"", "cmc.unit"),
                row("uncertainty > 0", PHYSICS, "cmcUncertainty.lowerLimit", "0", "cmcUncertainty.lowerLimit"),
                row("uncertainty > 0", CHEMISTRY, "cmcUncertainty.upperLimit", "-1", "cmcUncertainty.upperLimit"),
                row("uncertainty > 0", RADIATION, "cmcUncertainty.lowerLimit", "-0.5", "cmcUncertainty.lowerLimit"),
                row("uncertainty > 0 (CRM)", CHEMISTRY, "crm.uncertainty.lowerLimit", "0",
                        "crm.uncertainty.lowerLimit"),
                row("uncertainty given", PHYSICS, "cmcUncertainty", null, "cmcUncertainty"),
                row("relative uncertainty sane", PHYSICS, "cmcUncertainty.upperLimit", "2e6", "cmcUncertainty"),
                row("relative uncertainty sane", CHEMISTRY, "cmcUncertainty.lowerLimit", "150", "cmcUncertainty"),
                row("relative uncertainty sane", RADIATION, "cmcUncertainty.upperLimit", "101", "cmcUncertainty"),
                row("relative uncertainty is a ratio", RADIATION, "cmcUncertainty.unit", "\"Bq\"",
                        "cmcUncertainty.unit"),
                row("absolute uncertainty in the measurand's unit", PHYSICS, "uncertaintyMode", "\"Absolute\"",
                        "cmcUncertainty.unit"),
                row("absolute uncertainty in the measurand's unit (CRM)", CHEMISTRY, "crm.uncertainty.unit",
                        "\"mol\"", "crm.uncertainty.unit"),
                row("uncertainty mode", CHEMISTRY, "uncertaintyMode", "\"Sometimes\"", "uncertaintyMode"),
                row("uncertainty mode required", RADIATION, "uncertaintyMode", null, "uncertaintyMode"),
                row("uncertainty convention", CHEMISTRY, "uncertaintyConvention", "\"Three\"",
                        "uncertaintyConvention"),
                row("k fits the level of confidence", PHYSICS, "coverageFactor", "1.5", "coverageFactor"),
                row("k fits the level of confidence", CHEMISTRY, "coverageFactor", "6", "coverageFactor"),
                row("k fits the level of confidence", RADIATION, "confidenceLevel", "99.9", "coverageFactor"),
                row("k fits the level of confidence (CRM)", CHEMISTRY, "crm.coverageFactor", "1.2",
                        "crm.coverageFactor"),
                row("k in range", PHYSICS, "coverageFactor", "0.5", "coverageFactor"),
                row("level of confidence in range", RADIATION, "confidenceLevel", "100", "confidenceLevel"),
                row("k required", CHEMISTRY, "coverageFactor", null, "coverageFactor"),
                row("comparison identifier well formed", PHYSICS, "supportingComparisons", "[\"CCEM-K8\",\"K8\"]",
                        "supportingComparisons[1]"),
                row("comparison identifier well formed", CHEMISTRY, "supportingComparisons",
                        "[\"APMP QM S5\"]", "supportingComparisons[0]"),
                row("comparison identifier well formed", RADIATION, "supportingComparisons",
                        "[\"CCRI-II-K2\"]", "supportingComparisons[0]"),
                row("text bounded", PHYSICS, "comments", longText, "comments"),
                row("text bounded", CHEMISTRY, "analyteMatrix", longText, "analyteMatrix"),
                row("text bounded", RADIATION, "radiationSpecification", longText, "radiationSpecification"),
                row("parameter named", PHYSICS, "parameters", "[{\"parameterValue\":\"23 °C\"}]",
                        "parameters[0].parameterName"),
                row("equation given in full", PHYSICS, "uncertaintyEquation", "{\"equationComment\":\"U(V)\"}",
                        "uncertaintyEquation.equation"),
                row("table sized", RADIATION, "uncertaintyTable",
                        "{\"tableName\":\"U\",\"tableRows\":0,\"tableCols\":2,\"tableContents\":\"{}\"}",
                        "uncertaintyTable.tableRows"),
                row("traceability required", PHYSICS, "traceabilitySource", null, "traceabilitySource"),
                row("QMS statement required", CHEMISTRY, "qmsStatementRef", null, "qmsStatementRef"),
                row("QMS statement required", RADIATION, "qmsStatementRef", null, "qmsStatementRef"));
    }

    static Arguments row(String rule, String sample, String path, String value, String field) {
        String domain = sample == PHYSICS ? "PHYSICS" : sample == CHEMISTRY ? "CHEM-BIO" : "RADIATION";
        return Arguments.of(rule, domain, sample, path, value, field);
    }

    @ParameterizedTest(name = "{0} ({1}): {3} → {5}")
    @MethodSource("matrix")
    void eachRuleNamesTheFieldAtFault(String rule, String domain, String sample, String path, String value,
                                      String field) {
        List<Violation> violations = RULES.forSubmission(with(sample, path, value));
        assertThat(violations).extracting(Violation::field).as(rule).contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {PHYSICS, CHEMISTRY, RADIATION})
    void aCompleteCmcOfEachDomainPasses(String sample) {
        assertThat(RULES.forSubmission(content(sample))).isEmpty();
    }

    @Test
    void theUncertaintyMayBeAnEquationOrATableInsteadOfARange() {
        String withoutRange = JSON.writeValueAsString(with(PHYSICS, "cmcUncertainty", null));
        assertThat(RULES.forSubmission(with(withoutRange, "uncertaintyEquation",
                "{\"equation\":\"U = 0.3 µV + 1.5E-6 · V\",\"equationComment\":\"V in volt\"}"))).isEmpty();
        assertThat(RULES.forSubmission(with(withoutRange, "uncertaintyTable",
                "{\"tableName\":\"U\",\"tableRows\":2,\"tableCols\":2,"
                        + "\"tableContents\":\"{\\\"row_1\\\":{\\\"col_1\\\":\\\"1\\\"}}\"}"))).isEmpty();
    }

    @Test
    void aDraftMayBeIncompleteButNotWrong() {
        assertThat(RULES.forDraft(with(PHYSICS, "quantityValue", null))).isEmpty();
        assertThat(RULES.forDraft(with(CHEMISTRY, "cmc.lowerLimit", "20"))).extracting(Violation::field)
                .containsExactly("cmc.lowerLimit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"  \""})
    void aPhysicsDraftWithABranchButNoServiceYetIsAcceptedAndItsSubmissionAsksForTheService(String service) {
        String branchOnly = JSON.writeValueAsString(with(JSON.writeValueAsString(with(PHYSICS, "subServiceLabel", null)),
                "individualServiceLabel", null));
        CmcContent draft = with(branchOnly, "serviceLabel", service);
        assertThat(RULES.forDraft(draft)).as("a draft may be incomplete").isEmpty();
        assertThat(RULES.forSubmission(draft)).as("one clear fault on the service, not a lookup of 'null'")
                .filteredOn(violation -> violation.field().equals("serviceLabel"))
                .extracting(Violation::message).singleElement().asString().startsWith("is required")
                .doesNotContain("null", "does not exist");
        // Without the service, a sub-service given is not looked up under a service that is not there.
        assertThat(RULES.forDraft(with(PHYSICS, "serviceLabel", service))).isEmpty();
    }

    @Test
    void aRetiredClassificationEntryIsNoLongerAccepted() {
        var catalogue = TestCatalogue.SEED;
        ReferenceEntry service = catalogue.entry(ReferenceTable.INDIVIDUAL_SERVICES, "EM/DC|1.1.1").orElseThrow();
        CmcRules afterRetirement = new CmcRules(catalogue.with(service.retire("kcdb.office", null)));
        assertThat(afterRetirement.forSubmission(content(PHYSICS))).extracting(Violation::field)
                .containsExactly("individualServiceLabel");
    }

    static CmcContent withComparisons(String identifier) {
        return with(PHYSICS, "supportingComparisons", JSON.writeValueAsString(List.of(identifier)));
    }

    /** The comparison service registers these identifiers; a CMC may name them as its support. */
    @ParameterizedTest
    @ValueSource(strings = {"CCEM-K8", "CCRI(I)-K2", "CCRI(III)-K5", "BIPM.RI(II)-K1.Co-60", "BIPM.EM-K10.a",
            "CCEM.RF-K5.c.CL", "CCAUV.A-K5", "EURAMET.M.M-K4", "APMP.M.F-K2.a", "EUROMET.L-K5-2004", "APMP.QM-S5",
            "CCTF-K001.UTC"})
    void aCmcIsSupportedByAnyComparisonTheKcdbRegisters(String identifier) {
        assertThat(new CmcRules(TestCatalogue.SEED).forSubmission(withComparisons(identifier)))
                .extracting(Violation::field).doesNotContain("supportingComparisons[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CCEM K8", "K8", "EURAMET.EM-X8", "NPL-K1", "CCEM-K", "ccem-k8", "CCRI(IV)-K1",
            "CCQM-P12", "CCM.M-K1."})
    void aSupportingComparisonThatIsNoIdentifierIsRefused(String identifier) {
        assertThat(new CmcRules(TestCatalogue.SEED).forSubmission(withComparisons(identifier)))
                .extracting(Violation::field).contains("supportingComparisons[0]");
    }
}
