package org.bipm.kcdb.portal.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the portal's neighbours are.
 *
 * @param apiUri    the gateway as the portal reaches it (every API call goes through it)
 * @param publicUrl the gateway as the browser reaches it: the portal is served there at {@code /}, so the login
 *                  redirect and the page after logout are built from it (they must match the realm's exact URIs)
 * @param issuerUri the Keycloak realm, as the browser reaches it (and as tokens name it)
 * @param backchannelIssuerUri the same realm as the portal reaches it for tokens and keys, where that differs (in
 *                  docker-compose, {@code http://keycloak:8080/realms/kcdb}); empty means {@code issuerUri}
 * @param clientId  the realm's public client for the portal (authorization code + PKCE)
 */
@ConfigurationProperties("kcdb.portal")
public record PortalProperties(URI apiUri, String publicUrl, String issuerUri, String backchannelIssuerUri,
                               String clientId) {

    public String backchannel() {
        return backchannelIssuerUri == null || backchannelIssuerUri.isBlank() ? issuerUri : backchannelIssuerUri;
    }

    public String publicBase() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
