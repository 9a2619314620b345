package org.bipm.kcdb.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.test.Realm;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The directory for component tests: the realm file's users, as Keycloak imports them, and any the test adds.
 * {@link DirectoryContract} holds it to what the Keycloak directory does.
 */
public final class InMemoryDirectory implements Directory {

    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();

    /** The demo users of infra/keycloak/kcdb-realm.json (service accounts left out, as they are no people). */
    public static InMemoryDirectory ofRealm() {
        InMemoryDirectory directory = new InMemoryDirectory();
        try {
            JsonNode realm = new ObjectMapper().readTree(Files.readString(Realm.file()));
            for (JsonNode user : realm.path("users")) {
                if (user.has("serviceAccountClientId")) {
                    continue;
                }
                Set<Role> roles = EnumSet.noneOf(Role.class);
                user.path("realmRoles").forEach(r -> Role.fromRealmRole(r.asString()).ifPresent(roles::add));
                directory.add(KeycloakDirectory.toUser(user, roles));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return directory;
    }

    public InMemoryDirectory add(DirectoryUser user) {
        users.put(user.username(), user);
        return this;
    }

    @Override
    public Mono<DirectoryUser> user(String username) {
        return Mono.justOrEmpty(users.get(username));
    }

    @Override
    public Flux<DirectoryUser> withRole(Role role) {
        return Flux.fromIterable(new TreeMap<>(users).values()).filter(user -> user.has(role));
    }
}
