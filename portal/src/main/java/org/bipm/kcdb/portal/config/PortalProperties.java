package org.bipm.kcdb.portal.config;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the portal's neighbours are.
 *
 * @param apiUri     the gateway as the portal reaches it (every API call goes through it)
 * @param publicUrls the gateways as browsers reach them, the first the canonical one: the portal is served at
 *                   {@code /} of each, and its login redirect and the page after logout go back to the one a request
 *                   came through ({@link PublicOrigin}); they must be among the realm's exact URIs
 * @param issuerUri  the Keycloak realm, as the browser reaches it (and as tokens name it)
 * @param backchannelIssuerUri the same realm as the portal reaches it for tokens and keys, where that differs (in
 *                   docker-compose, {@code http://keycloak:8080/realms/kcdb}); empty means {@code issuerUri}
 * @param clientId   the realm's public client for the portal (authorization code + PKCE)
 */
@ConfigurationProperties("kcdb.portal")
public record PortalProperties(URI apiUri, List<URI> publicUrls, String issuerUri, String backchannelIssuerUri,
                               String clientId) {

    public PortalProperties {
        if (publicUrls == null || publicUrls.isEmpty()) {
            throw new IllegalArgumentException("kcdb.portal.public-urls names no URL: where do browsers reach the "
                    + "portal (the gateway's address)?");
        }
        publicUrls = List.copyOf(publicUrls);
    }

    public String backchannel() {
        return backchannelIssuerUri == null || backchannelIssuerUri.isBlank() ? issuerUri : backchannelIssuerUri;
    }
}
