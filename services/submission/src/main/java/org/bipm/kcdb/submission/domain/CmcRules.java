package org.bipm.kcdb.submission.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;

/** What a CMC must say before it can go to review. Each rule names the field it is about. */
public final class CmcRules {

    static final Set<String> DOMAINS = Set.of("PHYSICS", "CHEM-BIO", "RADIATION");
    static final Set<String> PHYSICS_AREAS = Set.of("AUV", "EM", "L", "M", "PR", "T", "TF");
    static final Set<String> UNCERTAINTY_MODES = Set.of("Absolute", "Relative");

    private CmcRules() {
    }

    public static List<Violation> forSubmission(CmcContent cmc) {
        List<Violation> v = new ArrayList<>();
        if (cmc == null) {
            return List.of(new Violation("", "The CMC has no content."));
        }
        if (!DOMAINS.contains(cmc.domainCode())) {
            v.add(new Violation("domainCode", "must be one of PHYSICS, CHEM-BIO, RADIATION"));
        } else {
            areaFitsDomain(cmc, v);
        }
        required(cmc.quantityValue(), "quantityValue", v);
        if ("PHYSICS".equals(cmc.domainCode())) {
            required(cmc.branchLabel(), "branchLabel", v);
            required(cmc.serviceLabel(), "serviceLabel", v);
            required(cmc.instrument(), "instrument", v);
        }
        range(cmc.cmc(), "cmc", false, v);
        range(cmc.cmcUncertainty(), "cmcUncertainty", true, v);
        if (!UNCERTAINTY_MODES.contains(cmc.uncertaintyMode())) {
            v.add(new Violation("uncertaintyMode", "must be Absolute or Relative"));
        }
        if (cmc.coverageFactor() == null || !(cmc.coverageFactor() >= 1 && cmc.coverageFactor() <= 10)) {
            v.add(new Violation("coverageFactor", "must be given, between 1 and 10"));
        }
        if (cmc.confidenceLevel() == null || !(cmc.confidenceLevel() > 0 && cmc.confidenceLevel() < 100)) {
            v.add(new Violation("confidenceLevel", "must be given, in percent, above 0 and below 100"));
        }
        return v;
    }

    private static void areaFitsDomain(CmcContent cmc, List<Violation> v) {
        String area = cmc.metrologyAreaLabel();
        boolean fits = switch (cmc.domainCode()) {
            case "PHYSICS" -> PHYSICS_AREAS.contains(area);
            case "CHEM-BIO" -> "QM".equals(area);
            default -> "RI".equals(area);
        };
        if (!fits) {
            v.add(new Violation("metrologyAreaLabel", "is not a metrology area of the " + cmc.domainCode() + " domain"));
        }
    }

    private static void required(String value, String field, List<Violation> v) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field, "is required"));
        }
    }

    private static void range(Range range, String field, boolean positive, List<Violation> v) {
        if (range == null) {
            v.add(new Violation(field, "is required"));
            return;
        }
        if (range.unit() == null || range.unit().isBlank()) {
            v.add(new Violation(field + ".unit", "is required"));
        }
        if (range.lowerLimit() != null && range.upperLimit() != null && range.lowerLimit() > range.upperLimit()
                && !positive) {
            v.add(new Violation(field + ".lowerLimit", "must not exceed the upper limit"));
        }
        if (positive) {
            if (range.lowerLimit() == null && range.upperLimit() == null) {
                v.add(new Violation(field, "needs at least one value"));
            }
            positive(range.lowerLimit(), field + ".lowerLimit", v);
            positive(range.upperLimit(), field + ".upperLimit", v);
        }
    }

    private static void positive(Double value, String field, List<Violation> v) {
        if (value != null && !(value > 0)) {
            v.add(new Violation(field, "must be greater than zero"));
        }
    }
}
