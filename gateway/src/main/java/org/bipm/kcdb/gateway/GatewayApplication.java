package org.bipm.kcdb.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The gateway: one entry for every client. It validates the Keycloak token itself (signature, issuer, expiry,
 * audience), lets only the public KCDB API through without one, and passes the bearer token on, so that every
 * service checks it again. Routes are configuration (application.yml).
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
