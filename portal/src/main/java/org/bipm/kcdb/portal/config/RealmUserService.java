package org.bipm.kcdb.portal.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in user with the realm roles of the access token ({@code ROLE_cmc-writer}, ...) and its scope claims as
 * attributes, so pages offer what the user's roles allow. The API decides again on every call; these only pick which
 * links and buttons a page shows. The token came straight from Keycloak's token endpoint over the back channel, so
 * reading its claims needs no second signature check here.
 */
@Component
class RealmUserService implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();

    @Override
    public Mono<OidcUser> loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        Map<String, Object> claims = claims(request.getAccessToken().getTokenValue());
        return delegate.loadUser(request).map(user -> {
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            if (claims.get("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof List<?> roles) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            // The scope a page needs to pick its buttons: the user's RMO (a chair decides only for its own).
            if (claims.get("rmo") instanceof String rmo && !rmo.isBlank()) {
                authorities.add(new SimpleGrantedAuthority("RMO_" + rmo));
            }
            // The user's institute: a comparison coordinator sees the comparisons it takes part in.
            if (claims.get("institute") instanceof String institute && !institute.isBlank()) {
                authorities.add(new SimpleGrantedAuthority("INSTITUTE_" + institute));
            }
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        });
    }

    static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        return JSON.readValue(new String(payload, StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() {
        });
    }
}
