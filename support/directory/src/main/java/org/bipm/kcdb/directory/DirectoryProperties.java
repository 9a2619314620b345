package org.bipm.kcdb.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kcdb.directory.*}: where the Keycloak directory is and the confidential client it is read with.
 *
 * @param keycloakUrl  Keycloak's base URL, e.g. {@code http://127.0.0.1:8180}
 * @param realm        the realm whose users are read ({@code kcdb})
 * @param clientId     a client with a service account holding {@code realm-management}'s {@code view-users}
 * @param clientSecret its secret (the local platform's development default equals the client id)
 * @param refresh      how long a user, and the list of holders of a role, is reused before it is read again
 * @param timeout      how long one call to Keycloak may take
 */
@ConfigurationProperties("kcdb.directory")
public record DirectoryProperties(String keycloakUrl, String realm, String clientId, String clientSecret,
                                  Duration refresh, Duration timeout) {

    public DirectoryProperties {
        realm = realm == null ? "kcdb" : realm;
        refresh = refresh == null ? Duration.ofMinutes(5) : refresh;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
}
