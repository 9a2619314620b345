package org.bipm.kcdb.submission.domain;

import java.util.List;

/** A CMC that cannot be submitted as it is; lists every field at fault. */
public class IncompleteCmc extends RuntimeException {

    private final List<Violation> violations;

    public IncompleteCmc(List<Violation> violations) {
        super("The CMC is not complete: " + violations.size() + " field(s) to correct.");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
