package org.bipm.kcdb.support.domain;

/** The caller's precondition names a version that is no longer current (412): reload and apply the change again. */
public class StaleVersion extends Refusal {

    private final long currentVersion;

    public StaleVersion(long currentVersion) {
        super("The resource changed since you read it; reload it and apply your change again.");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
