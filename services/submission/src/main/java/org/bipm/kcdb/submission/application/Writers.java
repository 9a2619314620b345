package org.bipm.kcdb.submission.application;

import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.submission.domain.Actor;
import org.bipm.kcdb.support.domain.NotEntitled;

/** Who may write CMCs, and the writer as the CMC's history and events name them. */
public final class Writers {

    private Writers() {
    }

    /** The writer as the CMC's history and events name them: the token's user, institute, country and RMO. */
    public static Actor actor(Caller caller) {
        return new Actor(caller.username(), caller.institute(), caller.country(), caller.rmo());
    }

    /** Writing CMCs (by hand or by import) needs the writer role and an institute in the token. */
    public static void requireWriter(Caller caller) {
        if (!caller.has(Role.CMC_WRITER) || caller.institute() == null) {
            throw new NotEntitled("Only CMC writers of an institute may write CMCs.");
        }
    }
}
