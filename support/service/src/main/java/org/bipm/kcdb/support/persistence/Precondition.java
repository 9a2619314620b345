package org.bipm.kcdb.support.persistence;

import org.bipm.kcdb.support.domain.StaleVersion;

/**
 * What the caller expects of the stored version before a write may go ahead (the web's {@code If-Match} is one);
 * the application checks it on the version it loaded, again on each retry.
 */
public interface Precondition {

    /** No expectation: any current version will do. */
    Precondition NONE = current -> true;

    boolean matches(Versioned<?> current);

    /** {@link StaleVersion} (412, with the current version) when the expectation fails. */
    default void check(Versioned<?> current) {
        if (!matches(current)) {
            throw new StaleVersion(current.version());
        }
    }
}
