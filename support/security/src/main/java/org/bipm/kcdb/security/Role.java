package org.bipm.kcdb.security;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles of CONTRACT.md §1, as they appear in {@code realm_access.roles}. */
public enum Role {
    CMC_WRITER("cmc-writer"),
    TC_REVIEWER("tc-reviewer"),
    TC_CHAIR("tc-chair"),
    JCRB_SECRETARY("jcrb-secretary"),
    KCDB_OFFICE("kcdb-office"),
    COMPARISON_COORDINATOR("comparison-coordinator"),
    RMO_SUBSCRIBER("rmo-subscriber");

    private final String realmRole;

    Role(String realmRole) {
        this.realmRole = realmRole;
    }

    public String realmRole() {
        return realmRole;
    }

    /** The Spring Security authority, e.g. {@code ROLE_cmc-writer}. */
    public String authority() {
        return "ROLE_" + realmRole;
    }

    public static Optional<Role> fromRealmRole(String name) {
        return Arrays.stream(values()).filter(r -> r.realmRole.equals(name)).findFirst();
    }
}
