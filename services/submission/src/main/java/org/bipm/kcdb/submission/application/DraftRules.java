package org.bipm.kcdb.submission.application;

import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.submission.domain.InvalidCmc;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.support.domain.Violation;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The rules a draft is checked by, against the current reference data, for the form and the import alike. */
public class DraftRules {

    private final ReferenceData referenceData;
    private final UncertaintyTables tables;

    public DraftRules(ReferenceData referenceData, JsonMapper json) {
        this.referenceData = referenceData;
        this.tables = new UncertaintyTables(json);
    }

    /** The rules against the current reference data. */
    public Mono<CmcRules> rules() {
        return referenceData.catalogue().map(CmcRules::new);
    }

    /** Faults of uncertainty tables' contents (JSON with the declared rows and columns), for imports. */
    public List<Violation> tableFaults(CmcContent content) {
        return tables.check(content);
    }

    /** Refuses a draft that says something that cannot be right, with every field at fault. */
    public void check(CmcRules rules, CmcContent content) {
        List<Violation> violations = new ArrayList<>(rules.forDraft(content));
        violations.addAll(tables.check(content));
        if (!violations.isEmpty()) {
            throw new InvalidCmc(violations);
        }
    }
}
