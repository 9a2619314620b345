package org.bipm.kcdb.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.core.convert.converter.Converter;
import reactor.core.publisher.Mono;

/** Validation of Keycloak access tokens: signature from the realm's JWKS, issuer, expiry and audience. */
public final class KeycloakJwt {

    private KeycloakJwt() {
    }

    public static ReactiveJwtDecoder decoder(KcdbSecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        decoder.setJwtValidator(validator(properties));
        return token -> decoder.decode(token).onErrorMap(e -> !(e instanceof JwtException),
                e -> new JwtException("The realm's signing keys cannot be fetched", e));
    }

    /** The default validators check expiry (with clock skew) and the issuer; we add the audience. */
    public static OAuth2TokenValidator<Jwt> validator(KcdbSecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuerUri()),
                audience(properties.audience()));
    }

    static OAuth2TokenValidator<Jwt> audience(String expected) {
        OAuth2Error missing = new OAuth2Error("invalid_token", "The token is not meant for " + expected, null);
        return jwt -> {
            List<String> audiences = jwt.getAudience();
            return audiences != null && audiences.contains(expected)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(missing);
        };
    }

    public static Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        converter.setPrincipalClaimName("preferred_username");
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
