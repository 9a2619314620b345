package org.bipm.kcdb.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The portal: server-rendered pages for the platform's people. It signs users in with Keycloak as a
 * backend-for-frontend (the tokens stay in its server-side session) and calls the platform's HTTP API through the
 * gateway with the user's access token. It holds no business rule: what the API refuses, a page shows.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
