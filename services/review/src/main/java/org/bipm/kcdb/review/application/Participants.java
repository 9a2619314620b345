package org.bipm.kcdb.review.application;

import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.review.domain.CmcWriter;
import org.bipm.kcdb.review.domain.JcrbSecretary;
import org.bipm.kcdb.review.domain.Participant;
import org.bipm.kcdb.review.domain.Reviewer;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.web.ApiProblem;

/** Turns the token's roles and scope claims into the review's participants; the domain never sees a token. */
final class Participants {

    private Participants() {
    }

    /** Everyone the caller may act as on a review case; a user may hold several roles. */
    static List<Participant> of(Caller caller) {
        List<Participant> participants = new ArrayList<>();
        if (caller.has(Role.JCRB_SECRETARY)) {
            participants.add(new JcrbSecretary(caller.username()));
        }
        if (caller.hasAny(Role.TC_CHAIR, Role.TC_REVIEWER) && caller.rmo() != null) {
            participants.add(reviewer(caller));
        }
        if (caller.has(Role.CMC_WRITER) && caller.institute() != null) {
            participants.add(new CmcWriter(caller.username(), caller.institute()));
        }
        return participants;
    }

    /** A committee member acts for their RMO; a token that names none gives them nothing to act on. */
    static Reviewer reviewer(Caller caller) {
        if (caller.rmo() == null) {
            throw ApiProblem.forbidden("Your token names no RMO, so you act on no review.");
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
            throw ApiProblem.forbidden("Your roles do not allow you to " + action + ".");
        }
    }
}
