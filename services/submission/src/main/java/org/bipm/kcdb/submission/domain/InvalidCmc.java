package org.bipm.kcdb.submission.domain;

import java.util.List;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;

/** What a writer sent says something that cannot be right (an unreadable unit, lower above upper); every field at fault. */
public class InvalidCmc extends RuleViolation {

    public InvalidCmc(List<Violation> violations) {
        super("invalid-cmc", "The CMC has " + violations.size() + " field(s) to correct.", violations);
    }
}
