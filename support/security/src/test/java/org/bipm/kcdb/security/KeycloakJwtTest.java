package org.bipm.kcdb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    void anAcceptedTokenIsCheckedOnceUntilItExpiresAndARefusedOneEveryTime() {
        AtomicInteger checks = new AtomicInteger();
        MovingClock clock = new MovingClock(Instant.parse("2026-12-04T12:00:00Z"));
        Jwt valid = token(realm.issuerUri(), List.of("kcdb-api"), clock.instant().plusSeconds(300));
        Jwt expiring = token(realm.issuerUri(), List.of("kcdb-api"), clock.instant().plusSeconds(2));
        ReactiveJwtDecoder decoder = KeycloakJwt.cached(value -> {
            checks.incrementAndGet();
            return switch (value) {
                case "valid" -> Mono.just(valid);
                case "expiring" -> Mono.just(expiring);
                default -> Mono.error(
                        new BadJwtException("bad signature"));
            };
        }, 100, clock);

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
        clock.advance(Duration.ofMillis(1900));
        decoder.decode("expiring").block();
        assertThat(checks).as("remembered until its exp").hasValue(4);
        clock.advance(Duration.ofMillis(200));
        decoder.decode("expiring").block();
        assertThat(checks).as("checked again once expired").hasValue(5);
        assertThat(decoder.decode("valid").block()).as("the other token still remembered").isSameAs(valid);
        assertThat(checks).hasValue(5);
    }

    /** The time as the test sets it: a token's life passes without waiting for it. */
    private static final class MovingClock extends Clock {

        private final AtomicReference<Instant> now;

        MovingClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
