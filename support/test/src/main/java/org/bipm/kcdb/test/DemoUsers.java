package org.bipm.kcdb.test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of the realm's demo users (CONTRACT.md §1) for component tests, signed by
 * {@link KcdbServiceTest#ISSUER}: roles and scope claims (institute, country, RMO, areas) exactly as
 * {@code infra/keycloak/kcdb-realm.json} gives them, so that a test's "writer.ptb" is the platform's.
 */
public final class DemoUsers {

    private static final Map<String, DemoUser> REALM = read();

    private DemoUsers() {
    }

    /** A token of a demo user of the realm; an unknown name fails the test at once. */
    public static String token(String username) {
        DemoUser user = REALM.get(username);
        if (user == null) {
            throw new IllegalArgumentException("No demo user " + username + " in " + Realm.FILE
                    + "; use DemoUsers.token(username, roles, claims) for a user the realm does not have");
        }
        return token(username, user.roles(), user.claims());
    }

    /** A token of a user the realm does not have (another institute's writer, a token without an RMO). */
    public static String token(String username, List<String> roles, Map<String, Object> claims) {
        return KcdbServiceTest.ISSUER.token(username, roles, claims);
    }

    /** A user shaped like the realm's {@code like} (same roles and claims) but of another institute. */
    public static String like(String like, String username, String institute, String country, String rmo) {
        DemoUser user = REALM.get(like);
        Map<String, Object> claims = new LinkedHashMap<>(user.claims());
        claims.put("institute", institute);
        claims.put("country", country);
        claims.put("rmo", rmo);
        return token(username, user.roles(), claims);
    }

    /** The realm's roles and scope claims of a demo user. */
    public static DemoUser user(String username) {
        return REALM.get(username);
    }

    public record DemoUser(List<String> roles, Map<String, Object> claims) {
    }

    private static Map<String, DemoUser> read() {
        try {
            JsonNode realm = JsonMapper.builder().build().readTree(Files.readString(Realm.file()));
            Map<String, DemoUser> users = new LinkedHashMap<>();
            for (JsonNode user : realm.path("users")) {
                List<String> roles = new ArrayList<>();
                user.path("realmRoles").forEach(role -> {
                    if (!role.asString().startsWith("default-roles")) {
                        roles.add(role.asString());
                    }
                });
                Map<String, Object> claims = new LinkedHashMap<>();
                user.path("attributes").properties().forEach(attribute -> {
                    List<String> values = new ArrayList<>();
                    attribute.getValue().forEach(value -> values.add(value.asString()));
                    // the realm's mappers give areas as a list, the other scope claims as one value
                    claims.put(attribute.getKey(), "areas".equals(attribute.getKey()) ? values : values.get(0));
                });
                users.put(user.path("username").asString(), new DemoUser(List.copyOf(roles), Map.copyOf(claims)));
            }
            return Map.copyOf(users);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the demo users of " + Realm.FILE, e);
        }
    }
}
