package org.bipm.kcdb.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, with the scope claims the realm puts in the access token. Institute, country and RMO
 * always come from here, never from a request body.
 */
public record Caller(String username, Set<Role> roles, String institute, String country, String rmo,
                     Set<String> areas) {

    public static Caller from(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        return new Caller(username != null ? username : jwt.getSubject(), rolesOf(jwt),
                jwt.getClaimAsString("institute"), jwt.getClaimAsString("country"), jwt.getClaimAsString("rmo"),
                stringSet(jwt.getClaims().get("areas")));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean coversArea(String area) {
        return area != null && areas.contains(area);
    }

    static Set<Role> rolesOf(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        stringSet(realmAccess.get("roles")).forEach(name -> Role.fromRealmRole(name).ifPresent(roles::add));
        return roles;
    }

    private static Set<String> stringSet(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof String value && !value.isBlank()) {
            // A single-valued multivalued attribute may arrive as a plain string.
            return Set.copyOf(List.of(value.split(",")));
        }
        return Set.of();
    }
}
