package org.bipm.kcdb.submission.domain.rules;

import java.util.Set;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue.Found;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;

/**
 * Where a CMC sits in the KCDB classification of its domain (DOMAIN.md §1.1): physics area > branch > service >
 * sub-service > individual service; chemistry category > sub-category, analyte, matrix; radiation branch >
 * quantity, source, medium, nuclide. Every label given must exist and be current in the reference data.
 */
final class ClassificationRules {

    static final Set<String> DOMAINS = Set.of("PHYSICS", "CHEM-BIO", "RADIATION");

    private final ReferenceCatalogue catalogue;

    ClassificationRules(ReferenceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    void check(CmcContent c, boolean complete, Violations v) {
        if (complete) {
            v.required(c.domainCode(), "domainCode");
            v.required(c.metrologyAreaLabel(), "metrologyAreaLabel");
            v.required(c.quantityValue(), "quantityValue");
        }
        if (c.domainCode() != null && !DOMAINS.contains(c.domainCode())) {
            v.add("domainCode", "must be one of PHYSICS, CHEM-BIO, RADIATION");
            return;
        }
        if (c.metrologyAreaLabel() != null) {
            String domain = catalogue.domainOfArea(c.metrologyAreaLabel());
            if (domain == null) {
                v.add("metrologyAreaLabel", "'" + c.metrologyAreaLabel() + "' is not a metrology area");
            } else if (c.domainCode() != null && !domain.equals(c.domainCode())) {
                v.add("metrologyAreaLabel", "'" + c.metrologyAreaLabel() + "' is an area of " + domain + ", not "
                        + c.domainCode());
            }
        }
        if (c.domainCode() == null) {
            return;
        }
        switch (c.domainCode()) {
            case "PHYSICS" -> physics(c, complete, v);
            case "CHEM-BIO" -> chemistry(c, complete, v);
            default -> radiation(c, complete, v);
        }
    }

    private void physics(CmcContent c, boolean complete, Violations v) {
        if (complete) {
            v.required(c.branchLabel(), "branchLabel");
            v.required(c.serviceLabel(), "serviceLabel");
            v.required(c.subServiceLabel(), "subServiceLabel");
            v.required(c.instrument(), "instrument");
        }
        if (!branch(c, v)) {
            return;
        }
        // Each level is checked under the one above it: a level not chosen yet (a draft may be incomplete; a
        // submission has been told it is required) ends the path rather than being looked up as "null".
        String code = c.serviceLabel();
        if (absent(code) || !path(ReferenceTable.SERVICES, c.branchLabel(), code, "serviceLabel", v)
                || absent(c.subServiceLabel())) {
            return;
        }
        code = code + "." + c.subServiceLabel();
        if (!path(ReferenceTable.SUB_SERVICES, c.branchLabel(), code, "subServiceLabel", v)) {
            return;
        }
        if (!absent(c.individualServiceLabel())) {
            path(ReferenceTable.INDIVIDUAL_SERVICES, c.branchLabel(), code + "." + c.individualServiceLabel(),
                    "individualServiceLabel", v);
        } else if (complete && catalogue.hasChildren(ReferenceTable.INDIVIDUAL_SERVICES, c.branchLabel(), code)) {
            v.add("individualServiceLabel", "is required: sub-service " + code + " of " + c.branchLabel()
                    + " has individual services");
        }
        quantity(c.quantityValue(), null, v);
    }

    private void chemistry(CmcContent c, boolean complete, Violations v) {
        if (complete) {
            v.required(c.categoryLabel(), "categoryLabel");
            v.required(c.analyteValue(), "analyteValue");
            v.required(c.measurementTechnique(), "measurementTechnique");
        }
        if (c.categoryLabel() != null && catalogue.findBy(ReferenceTable.CHEMISTRY_CATEGORIES, "label",
                c.categoryLabel(), null, null) == Found.RETIRED) {
            v.add("categoryLabel", "category " + c.categoryLabel() + " is retired");
        }
        partial(ReferenceTable.ANALYTES, c.analyteValue(), "analyteValue", v);
        quantity(c.quantityValue(), null, v);
    }

    private void radiation(CmcContent c, boolean complete, Violations v) {
        if (complete) {
            v.required(c.branchLabel(), "branchLabel");
            v.required(c.sourceValue(), "sourceValue");
            v.required(c.mediumValue(), "mediumValue");
        }
        if (!branch(c, v)) {
            return;
        }
        quantity(c.quantityValue(), c.branchLabel(), v);
        partialIn(ReferenceTable.RADIATION_SOURCES, c.branchLabel(), c.sourceValue(), "sourceValue", v);
        partialIn(ReferenceTable.RADIATION_MEDIA, c.branchLabel(), c.mediumValue(), "mediumValue", v);
        partial(ReferenceTable.NUCLIDES, c.nuclideValue(), "nuclideValue", v);
    }

    private boolean branch(CmcContent c, Violations v) {
        if (c.branchLabel() == null) {
            return false;
        }
        Found found = catalogue.find(ReferenceTable.BRANCHES, c.branchLabel());
        String area = catalogue.areaOfBranch(c.branchLabel());
        if (found != Found.CURRENT) {
            v.add("branchLabel", "'" + c.branchLabel() + "' is " + (found == Found.RETIRED ? "retired" : "not a branch"));
            return false;
        }
        if (c.metrologyAreaLabel() != null && !c.metrologyAreaLabel().equalsIgnoreCase(area)) {
            v.add("branchLabel", "'" + c.branchLabel() + "' is a branch of " + area + ", not of "
                    + c.metrologyAreaLabel());
            return false;
        }
        return true;
    }

    private static boolean absent(String label) {
        return label == null || label.isBlank();
    }

    private boolean path(ReferenceTable table, String branch, String physicsCode, String field, Violations v) {
        Found found = catalogue.find(table, branch, physicsCode);
        if (found != Found.CURRENT) {
            v.add(field, branch + " " + physicsCode + (found == Found.RETIRED ? " is retired" : " does not exist"));
            return false;
        }
        return true;
    }

    private void quantity(String quantity, String radiationBranch, Violations v) {
        if (quantity == null) {
            return;
        }
        Found found = catalogue.findBy(ReferenceTable.QUANTITIES, "value", quantity, "radiationBranchLabel",
                radiationBranch);
        if (found != Found.CURRENT) {
            v.add("quantityValue", "'" + quantity + "' is " + (found == Found.RETIRED ? "retired"
                    : radiationBranch == null ? "not a KCDB quantity" : "not a quantity of " + radiationBranch));
        }
    }

    private void partial(ReferenceTable table, String value, String field, Violations v) {
        if (value != null && catalogue.findBy(table, "value", value, null, null) == Found.RETIRED) {
            v.add(field, "'" + value + "' is retired");
        }
    }

    private void partialIn(ReferenceTable table, String branch, String value, String field, Violations v) {
        if (value != null && catalogue.find(table, branch, value) == Found.RETIRED) {
            v.add(field, "'" + value + "' is retired");
        }
    }
}
