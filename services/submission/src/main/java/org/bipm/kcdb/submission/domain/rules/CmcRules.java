package org.bipm.kcdb.submission.domain.rules;

import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue;
import org.bipm.kcdb.support.domain.Violation;

/**
 * What a CMC must say. A draft may be incomplete, but what it says must be right (a unit that reads, lower ≤ upper,
 * a classification that exists); a submission must also be complete for its domain. Each fault names its field by
 * its JSON path.
 */
public final class CmcRules {

    private final ClassificationRules classification;

    public CmcRules(ReferenceCatalogue catalogue) {
        this.classification = new ClassificationRules(catalogue);
    }

    public List<Violation> forDraft(CmcContent cmc) {
        return check(cmc, false);
    }

    public List<Violation> forSubmission(CmcContent cmc) {
        return check(cmc, true);
    }

    private List<Violation> check(CmcContent cmc, boolean complete) {
        if (cmc == null) {
            return List.of(new Violation("(body)", "The CMC has no content."));
        }
        Violations v = new Violations();
        TextRules.check(cmc, v);
        classification.check(cmc, complete, v);
        MeasurementRules.check(cmc, complete, v);
        if (complete) {
            v.required(cmc.traceabilitySource(), "traceabilitySource");
            v.required(cmc.qmsStatementRef(), "qmsStatementRef");
        }
        return v.list();
    }
}
