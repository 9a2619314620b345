package org.bipm.kcdb.support.domain;

/**
 * What the command would create exists already (409), e.g. a comparison registered twice; {@code kind} as in
 * {@link RuleViolation}, and the existing thing's {@code key} when the caller needs it to tell which.
 */
public class AlreadyExists extends Refusal {

    private final String kind;
    private final String key;

    public AlreadyExists(String kind, String message) {
        this(kind, message, null);
    }

    public AlreadyExists(String kind, String message, String key) {
        super(message);
        this.kind = kind;
        this.key = key;
    }

    public String kind() {
        return kind;
    }

    /** The key of what exists already; null when the message says enough. */
    public String key() {
        return key;
    }
}
