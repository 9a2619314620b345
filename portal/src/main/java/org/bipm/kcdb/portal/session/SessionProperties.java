package org.bipm.kcdb.portal.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's web sessions, kept in the MongoDB database of {@code spring.mongodb.uri} ({@code kcdb-portal}).
 *
 * @param collection the sessions' collection
 * @param timeout    how long a session stays unused before it ends (Keycloak's own idle limit is 30 minutes too)
 * @param cleanup    how often expired sessions are deleted where the store applies no TTL index (the local one)
 */
@ConfigurationProperties("kcdb.portal.sessions")
public record SessionProperties(@DefaultValue("sessions") String collection,
                                @DefaultValue("30m") Duration timeout,
                                @DefaultValue("1m") Duration cleanup) {
}
