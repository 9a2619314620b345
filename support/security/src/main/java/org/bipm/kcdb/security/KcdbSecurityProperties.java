package org.bipm.kcdb.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Where the Keycloak realm is. The JWKS URI may differ from the issuer's host (inside docker-compose the
 * services fetch keys from {@code keycloak:8080} while tokens name the public issuer).
 */
@ConfigurationProperties("kcdb.security")
public record KcdbSecurityProperties(String issuerUri, String jwkSetUri, String audience, List<String> publicPaths,
                                     List<String> protectedPaths) {

    /**
     * {@code publicPaths} need no token; {@code protectedPaths} are exceptions within them that do (the KCDB
     * office's actions below the public KCDB API).
     */
    @ConstructorBinding
    public KcdbSecurityProperties {
        if (issuerUri == null || issuerUri.isBlank()) {
            issuerUri = "http://127.0.0.1:8180/realms/kcdb";
        }
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            jwkSetUri = issuerUri + "/protocol/openid-connect/certs";
        }
        if (audience == null || audience.isBlank()) {
            audience = "kcdb-api";
        }
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        protectedPaths = protectedPaths == null ? List.of() : List.copyOf(protectedPaths);
    }

    public KcdbSecurityProperties(String issuerUri, String jwkSetUri, String audience, List<String> publicPaths) {
        this(issuerUri, jwkSetUri, audience, publicPaths, List.of());
    }
}
