package org.bipm.kcdb.notification.domain;

/**
 * Who is to be told, as the rules name them; the directory turns a party into people with e-mail addresses.
 * Parties are always narrowed to the case: an institute, an RMO and its area, a named person.
 */
public sealed interface Party {

    /** One named user, e.g. the assigned reviewer or the writer who submitted. */
    record Person(String username) implements Party {
    }

    /** The TC chairs for an area of the RMO a person belongs to (a reviewer's own chairs, in whichever tier). */
    record ChairsOf(String username, String area) implements Party {
    }

    /** The CMC writers of an institute. */
    record Writers(String institute) implements Party {
    }

    /** The TC chairs of an RMO for a metrology area. */
    record Chairs(String rmo, String area) implements Party {
    }

    /** The comparison coordinators of an institute (a pilot or participating laboratory). */
    record Coordinators(String institute) implements Party {
    }

    /** The JCRB executive secretary, to whom overdue deadlines are escalated. */
    record JcrbSecretary() implements Party {
    }
}
