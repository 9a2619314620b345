package org.bipm.kcdb.review.domain;

import java.util.List;

/** The six Regional Metrology Organisations of the CIPM MRA (CONTRACT.md §1). */
final class Rmos {

    static final List<String> ALL = List.of("AFRIMETS", "APMP", "COOMET", "EURAMET", "GULFMET", "SIM");

    private Rmos() {
    }

    /** The RMOs asked in the inter-RMO review: an RMO does not review its own institutes' CMCs there. */
    static List<String> otherThan(String rmo) {
        return ALL.stream().filter(other -> !other.equals(rmo)).toList();
    }
}
