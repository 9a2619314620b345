package org.bipm.kcdb.directory;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The directory read from Keycloak's admin REST API with a client-credentials token of the directory's own client
 * (its service account holds {@code realm-management}'s {@code view-users}). Users looked up by name are cached one
 * by one, the holders of each realm role as one list; both for {@link DirectoryProperties#refresh()}. Nothing blocks:
 * the caches hold the pending lookups, so concurrent callers share one call to Keycloak.
 */
public class KeycloakDirectory implements Directory {

    private static final int PAGE = 200;
    private static final Duration UNKNOWN_USER_REFRESH = Duration.ofSeconds(30);

    private final WebClient keycloak;
    private final DirectoryProperties properties;
    private final Mono<String> token;
    private final Map<Role, Mono<List<DirectoryUser>>> holders = new EnumMap<>(Role.class);
    private final AsyncCache<String, Optional<DirectoryUser>> users;

    public KeycloakDirectory(DirectoryProperties properties) {
        this.properties = properties;
        this.keycloak = WebClient.builder().baseUrl(properties.keycloakUrl().replaceAll("/$", ""))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        this.token = fetchToken().cache(t -> t.reusableFor(), e -> Duration.ZERO, () -> Duration.ZERO)
                .map(AccessToken::value);
        for (Role role : Role.values()) {
            holders.put(role, fetchHolders(role).cache(list -> properties.refresh(), e -> Duration.ZERO,
                    () -> Duration.ZERO));
        }
        // A user not found is asked again sooner: the chair may just have had them created.
        this.users = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfter(Expiry.<String, Optional<DirectoryUser>>creating((name, found) -> found.isPresent()
                        ? properties.refresh() : UNKNOWN_USER_REFRESH))
                .buildAsync();
    }

    @Override
    public Mono<DirectoryUser> user(String username) {
        return Mono.fromFuture(() -> users.get(username, (name, executor) -> fetchUser(name).toFuture()))
                .flatMap(Mono::justOrEmpty);
    }

    @Override
    public Flux<DirectoryUser> withRole(Role role) {
        return holders.get(role).flatMapIterable(all -> all);
    }

    private Mono<Optional<DirectoryUser>> fetchUser(String username) {
        return admin(uri -> uri.path("/users").queryParam("username", username).queryParam("exact", true)
                .queryParam("briefRepresentation", false).build(properties.realm()))
                .flatMapIterable(found -> found)
                .filter(user -> username.equalsIgnoreCase(user.path("username").asString("")))
                .next()
                .flatMap(user -> admin(uri -> uri.path("/users/{id}/role-mappings/realm/composite")
                        .build(properties.realm(), user.path("id").asString()))
                        .map(roles -> Optional.of(toUser(user, rolesOf(roles)))))
                .defaultIfEmpty(Optional.empty());
    }

    /** Every direct holder of the realm role, page by page. */
    private Mono<List<DirectoryUser>> fetchHolders(Role role) {
        return Flux.range(0, Integer.MAX_VALUE)
                .concatMap(page -> admin(uri -> uri.path("/roles/{role}/users").queryParam("first", page * PAGE)
                        .queryParam("max", PAGE).queryParam("briefRepresentation", false)
                        .build(properties.realm(), role.realmRole())), 0)
                .takeUntil(page -> page.size() < PAGE)
                .flatMapIterable(page -> page)
                .map(user -> toUser(user, EnumSet.of(role)))
                .collectList();
    }

    private Mono<JsonNode> admin(Function<UriBuilder, URI> uri) {
        return token.flatMap(bearer -> keycloak.get()
                        .uri(builder -> uri.apply(builder.path("/admin/realms/{realm}")))
                        .headers(h -> h.setBearerAuth(bearer)).accept(MediaType.APPLICATION_JSON)
                        .retrieve().bodyToMono(JsonNode.class))
                .timeout(properties.timeout())
                .onErrorMap(e -> !(e instanceof ApiProblem), KeycloakDirectory::unavailable);
    }

    private Mono<AccessToken> fetchToken() {
        return keycloak.post().uri("/realms/{realm}/protocol/openid-connect/token", properties.realm())
                .headers(h -> h.setBasicAuth(properties.clientId(), properties.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .retrieve().bodyToMono(JsonNode.class)
                .map(body -> new AccessToken(body.path("access_token").asString(),
                        Duration.ofSeconds(Math.max(0, body.path("expires_in").asLong(60) - 30))))
                .timeout(properties.timeout())
                .onErrorMap(KeycloakDirectory::unavailable);
    }

    /** A user as Keycloak represents them, in the admin API and in a realm file alike. */
    public static DirectoryUser toUser(JsonNode user, Set<Role> roles) {
        JsonNode attributes = user.path("attributes");
        List<String> areas = new ArrayList<>();
        attributes.path("areas").forEach(area -> areas.add(area.asString()));
        return new DirectoryUser(user.path("username").asString(), text(user.path("firstName")),
                text(user.path("lastName")), text(user.path("email")), roles, first(attributes, "institute"),
                first(attributes, "country"), first(attributes, "rmo"), Set.copyOf(areas));
    }

    private static Set<Role> rolesOf(JsonNode roleMappings) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleMappings.forEach(role -> Role.fromRealmRole(role.path("name").asString("")).ifPresent(roles::add));
        return roles;
    }

    private static String first(JsonNode attributes, String name) {
        JsonNode values = attributes.path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asString() : null;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static ApiProblem unavailable(Throwable cause) {
        String why = cause instanceof WebClientResponseException response
                ? "Keycloak answered " + response.getStatusCode().value() : cause.toString();
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "directory-unavailable",
                "The directory of users cannot be read now (" + why + "); try again shortly.", null);
    }

    private record AccessToken(String value, Duration reusableFor) {
    }
}
