package org.bipm.kcdb.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.security.KcdbSecurityProperties;
import org.bipm.kcdb.security.KeycloakJwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Signs tokens shaped like the realm's, for component tests of one service that should not need an identity
 * provider. The decoder applies the same issuer, audience and expiry checks as production; the end-to-end
 * tests use real Keycloak tokens instead.
 */
public final class LocalIssuer {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/kcdb";

    private final KeyPair keys;

    public LocalIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic())
                .build();
        decoder.setJwtValidator(KeycloakJwt.validator(new KcdbSecurityProperties(ISSUER, null, null, null)));
        return decoder;
    }

    /** A token for a demo user of CONTRACT.md §1: username, realm roles and scope claims. */
    public String token(String username, List<String> roles, Map<String, Object> scope) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(List.of("kcdb-api", "account")).subject(UUID.randomUUID().toString())
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(900)))
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles));
        scope.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String writer(String username, String institute, String country, String rmo) {
        return token(username, List.of("cmc-writer"), Map.of("institute", institute, "country", country, "rmo", rmo));
    }

    public String chair(String username, String rmo, List<String> areas) {
        return token(username, List.of("tc-chair"), Map.of("institute", "X", "country", "CH", "rmo", rmo,
                "areas", areas));
    }
}
