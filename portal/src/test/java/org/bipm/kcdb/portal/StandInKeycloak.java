package org.bipm.kcdb.portal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The realm's endpoints a portal reaches over the back channel, standing in for Keycloak in component tests: the
 * realm itself (the portal's look before a sign-in), the token endpoint (the authorization code for signed access
 * and ID tokens) and the keys. A test plays the browser and Keycloak's login page: it reads the state and nonce from
 * the portal's redirect, {@link #grant grants} a code for a user and brings the code back to the portal.
 */
final class StandInKeycloak {

    static final String CLIENT_ID = "kcdb-portal";

    private record Grant(String username, List<String> roles, String nonce) {
    }

    private final KeyPair keys;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** The access tokens issued, by user. */
    final Map<String, String> accessTokens = new ConcurrentHashMap<>();
    private final DisposableServer server;

    StandInKeycloak() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        RSAKey publicKey = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("k1").build();
        String jwks = new JWKSet(publicKey).toString();
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/realms/kcdb", (request, response) -> response.header("Content-Type",
                                "application/json").sendString(Mono.just("{\"realm\":\"kcdb\"}")))
                        .get("/realms/kcdb/protocol/openid-connect/certs", (request, response) -> response
                                .header("Content-Type", "application/json").sendString(Mono.just(jwks)))
                        .post("/realms/kcdb/protocol/openid-connect/token", (request, response) -> request.receive()
                                .aggregate().asString().flatMap(body -> {
                                    Grant grant = codes.remove(form(body).getOrDefault("code", ""));
                                    if (grant == null) {
                                        return response.status(400).header("Content-Type", "application/json")
                                                .sendString(Mono.just("{\"error\":\"invalid_grant\"}")).then();
                                    }
                                    return response.header("Content-Type", "application/json")
                                            .sendString(Mono.just(tokens(grant))).then();
                                })))
                .bindNow();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.port() + "/realms/kcdb";
    }

    /** Keycloak's login page accepting {@code username}: the code the browser brings back to the portal. */
    String grant(String username, List<String> roles, String nonce) {
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(username, roles, nonce));
        return code;
    }

    void stop() {
        server.disposeNow();
    }

    private String tokens(Grant grant) {
        Instant now = Instant.now();
        String access = sign(new JWTClaimsSet.Builder().issuer(issuer()).audience(List.of("kcdb-api", "account"))
                .subject(grant.username()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)))
                .claim("azp", CLIENT_ID).claim("preferred_username", grant.username())
                .claim("realm_access", Map.of("roles", grant.roles())).build());
        String id = sign(new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject(grant.username())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)))
                .claim("nonce", grant.nonce()).claim("preferred_username", grant.username()).build());
        accessTokens.put(grant.username(), access);
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":900,"
                + "\"refresh_token\":\"refresh-" + UUID.randomUUID() + "\",\"id_token\":\"" + id
                + "\",\"scope\":\"openid profile\"}";
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
