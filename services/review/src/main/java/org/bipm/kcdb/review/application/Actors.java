package org.bipm.kcdb.review.application;

import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.review.domain.CmcWriter;
import org.bipm.kcdb.review.domain.JcrbSecretary;
import org.bipm.kcdb.review.domain.Actor;
import org.bipm.kcdb.review.domain.Reviewer;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.domain.NotEntitled;

/** Turns the token's roles and scope claims into the review's actors; the domain never sees a token. */
final class Actors {

    private Actors() {
    }

    /** Everyone the caller may act as on a review case; a user may hold several roles. */
    static List<Actor> of(Caller caller) {
        List<Actor> actors = new ArrayList<>();
        if (caller.has(Role.JCRB_SECRETARY)) {
            actors.add(new JcrbSecretary(caller.username()));
        }
        if (caller.hasAny(Role.TC_CHAIR, Role.TC_REVIEWER) && caller.rmo() != null) {
            actors.add(reviewer(caller));
        }
        if (caller.has(Role.CMC_WRITER) && caller.institute() != null) {
            actors.add(new CmcWriter(caller.username(), caller.institute()));
        }
        return actors;
    }

    /** A committee member acts for their RMO; a token that names none gives them nothing to act on. */
    static Reviewer reviewer(Caller caller) {
        if (caller.rmo() == null) {
            throw new NotEntitled("Your token names no RMO, so you act on no review.");
        }
        return new Reviewer(caller.username(), caller.institute(), caller.rmo(), caller.areas(),
                caller.has(Role.TC_CHAIR));
    }

    static JcrbSecretary secretary(Caller caller) {
        return new JcrbSecretary(caller.username());
    }

    /** The 403 for a caller whose roles have no part in the action, whatever the case. */
    static void require(Caller caller, String action, Role... roles) {
        if (!caller.hasAny(roles)) {
            throw new NotEntitled("Your roles do not allow you to " + action + ".");
        }
    }
}
