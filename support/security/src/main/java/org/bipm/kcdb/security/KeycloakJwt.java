package org.bipm.kcdb.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        return cached(token -> decoder.decode(token).onErrorMap(e -> !(e instanceof JwtException),
                e -> new JwtException("The realm's signing keys cannot be fetched", e)), 10_000);
    }

    /**
     * Remembers each token that {@code decoder} accepted until the token expires, so that a client's calls with the
     * same token are not parsed, signature-checked and validated again each time (a twentieth of the gateway's time
     * per request in its profile, bench/README.md). The key is the whole token, signature included: a token changed
     * in any byte is a new key and is checked in full; a refused token is never remembered. After its {@code exp} an
     * entry is gone and the token goes through {@code decoder} again (which then refuses it, allowing the validator's
     * clock skew as before). Keycloak's tokens are checked offline anyway, so nothing that was revoked would have been
     * noticed without the cache either.
     */
    static ReactiveJwtDecoder cached(ReactiveJwtDecoder decoder, long maximumTokens) {
        return cached(decoder, maximumTokens, Clock.systemUTC());
    }

    /**
     * {@link #cached(ReactiveJwtDecoder, long)} on {@code clock}: the cache tells the time by the same clock as the
     * tokens' {@code exp}, the wall clock, so an entry lives exactly until its token expires.
     */
    static ReactiveJwtDecoder cached(ReactiveJwtDecoder decoder, long maximumTokens, Clock clock) {
        Cache<String, Jwt> accepted = Caffeine.newBuilder().maximumSize(maximumTokens).ticker(() -> nanos(clock))
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt, clock))).build();
        return token -> {
            Jwt known = accepted.getIfPresent(token);
            if (known != null) {
                return Mono.just(known);
            }
            return decoder.decode(token).doOnNext(jwt -> {
                if (jwt.getExpiresAt() != null) {
                    accepted.put(token, jwt);
                }
            });
        };
    }

    private static Duration untilExpiry(Jwt jwt, Clock clock) {
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static long nanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
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
