package org.bipm.kcdb.support.domain;

/** What the command would create exists already (409), e.g. a comparison registered twice; {@code kind} as in {@link RuleViolation}. */
public class AlreadyExists extends Refusal {

    private final String kind;

    public AlreadyExists(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
