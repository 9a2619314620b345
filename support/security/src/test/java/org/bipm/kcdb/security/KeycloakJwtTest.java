package org.bipm.kcdb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class KeycloakJwtTest {

    private final KcdbSecurityProperties realm = new KcdbSecurityProperties("http://127.0.0.1:8180/realms/kcdb", null, null, null);

    private Jwt token(String issuer, List<String> audience, Instant expiresAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(issuer).audience(audience)
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt)
                .claim("preferred_username", "chair.euramet")
                .claim("realm_access", Map.of("roles", List.of("tc-chair", "offline_access", "default-roles-kcdb")))
                .claim("institute", "METAS").claim("country", "CH").claim("rmo", "EURAMET")
                .claim("areas", List.of("EM", "M"))
                .build();
    }

    @Test
    void aTokenOfTheRealmForTheApiIsAccepted() {
        Jwt jwt = token(realm.issuerUri(), List.of("kcdb-api", "account"), Instant.now().plusSeconds(300));
        assertThat(KeycloakJwt.validator(realm).validate(jwt).hasErrors()).isFalse();
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        Jwt jwt = token(realm.issuerUri(), List.of("account"), Instant.now().plusSeconds(300));
        assertThat(KeycloakJwt.validator(realm).validate(jwt).getErrors())
                .anySatisfy(e -> assertThat(e.getDescription()).contains("kcdb-api"));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        Jwt jwt = token("http://evil.example/realms/kcdb", List.of("kcdb-api"), Instant.now().plusSeconds(300));
        assertThat(KeycloakJwt.validator(realm).validate(jwt).hasErrors()).isTrue();
    }

    @Test
    void anExpiredTokenIsRejected() {
        Jwt jwt = token(realm.issuerUri(), List.of("kcdb-api"), Instant.now().minusSeconds(600));
        assertThat(KeycloakJwt.validator(realm).validate(jwt).hasErrors()).isTrue();
    }

    @Test
    void theCallerCarriesRealmRolesAndScopeClaims() {
        Caller caller = Caller.from(token(realm.issuerUri(), List.of("kcdb-api"), Instant.now().plusSeconds(60)));
        assertThat(caller.username()).isEqualTo("chair.euramet");
        assertThat(caller.roles()).containsExactly(Role.TC_CHAIR);
        assertThat(caller.rmo()).isEqualTo("EURAMET");
        assertThat(caller.coversArea("EM")).isTrue();
        assertThat(caller.coversArea("QM")).isFalse();
        assertThat(new RealmRolesConverter().convert(token(realm.issuerUri(), List.of("kcdb-api"),
                Instant.now().plusSeconds(60)))).extracting(Object::toString).containsExactly("ROLE_tc-chair");
    }

    @Test
    void theJwksDefaultsToTheRealmsCertsEndpoint() {
        assertThat(realm.jwkSetUri()).isEqualTo("http://127.0.0.1:8180/realms/kcdb/protocol/openid-connect/certs");
        assertThat(realm.audience()).isEqualTo("kcdb-api");
    }

    @Test
    void anAcceptedTokenIsCheckedOnceUntilItExpiresAndARefusedOneEveryTime() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        Jwt valid = token(realm.issuerUri(), List.of("kcdb-api"), Instant.now().plusSeconds(300));
        Jwt expiring = token(realm.issuerUri(), List.of("kcdb-api"), Instant.now().plusSeconds(2));
        ReactiveJwtDecoder decoder = KeycloakJwt.cached(value -> {
            checks.incrementAndGet();
            return switch (value) {
                case "valid" -> Mono.just(valid);
                case "expiring" -> Mono.just(expiring);
                default -> Mono.error(
                        new BadJwtException("bad signature"));
            };
        }, 100);

        assertThat(decoder.decode("valid").block()).isSameAs(valid);
        assertThat(decoder.decode("valid").block()).isSameAs(valid);
        assertThat(checks).hasValue(1);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode("valid-but-forged").block())
                    .isInstanceOf(BadJwtException.class);
        }
        assertThat(checks).hasValue(3);

        decoder.decode("expiring").block();
        decoder.decode("expiring").block();
        assertThat(checks).hasValue(4);
        Thread.sleep(2100);
        decoder.decode("expiring").block();
        assertThat(checks).as("checked again once expired").hasValue(5);
    }
}
