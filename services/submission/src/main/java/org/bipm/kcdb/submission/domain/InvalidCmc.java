package org.bipm.kcdb.submission.domain;

import java.util.List;

/** What a writer sent says something that cannot be right (an unreadable unit, lower above upper); every field at fault. */
public class InvalidCmc extends RuntimeException {

    private final List<Violation> violations;

    public InvalidCmc(List<Violation> violations) {
        super("The CMC has " + violations.size() + " field(s) to correct.");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
