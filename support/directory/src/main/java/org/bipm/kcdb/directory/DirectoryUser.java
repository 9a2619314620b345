package org.bipm.kcdb.directory;

import java.util.Set;
import org.bipm.kcdb.security.Role;

/**
 * A user as the directory has them: realm roles and the scope attributes the realm also puts in their tokens
 * (CONTRACT.md §1), with their e-mail address for those who must be told something.
 */
public record DirectoryUser(String username, String firstName, String lastName, String email, Set<Role> roles,
                            String institute, String country, String rmo, Set<String> areas) {

    public DirectoryUser {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        areas = areas == null ? Set.of() : Set.copyOf(areas);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** First and last name as the directory has them; the username when it has neither. */
    public String name() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? username : name;
    }

    public boolean reviews(String rmoFilter, String areaFilter) {
        return has(Role.TC_REVIEWER) && of(null, rmoFilter, areaFilter);
    }

    /** Whether the user belongs to {@code institute}, {@code rmo} and covers {@code area}; {@code null} matches any. */
    public boolean of(String instituteFilter, String rmoFilter, String areaFilter) {
        return (instituteFilter == null || instituteFilter.equals(institute))
                && (rmoFilter == null || rmoFilter.equals(rmo))
                && (areaFilter == null || areas.contains(areaFilter));
    }
}
