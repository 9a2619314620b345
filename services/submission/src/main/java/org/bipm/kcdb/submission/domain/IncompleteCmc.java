package org.bipm.kcdb.submission.domain;

import java.util.List;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;

/** A CMC that cannot be submitted as it is; lists every field at fault. */
public class IncompleteCmc extends RuleViolation {

    public IncompleteCmc(List<Violation> violations) {
        super("incomplete-cmc", "The CMC is not complete: " + violations.size() + " field(s) to correct.", violations);
    }
}
