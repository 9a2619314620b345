package org.bipm.kcdb.comparison.domain;

/**
 * Who acts on a comparison, as far as the comparison rules care: their institute, and whether they coordinate
 * comparisons for it or work in the KCDB office.
 */
public record Actor(String username, String institute, boolean coordinator, boolean kcdbOffice) {

    boolean isPilotOf(Comparison comparison) {
        return coordinator && comparison.pilot().equals(institute);
    }

    boolean isParticipantIn(Comparison comparison) {
        return institute != null && comparison.participants().contains(institute);
    }
}
