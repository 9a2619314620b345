package org.bipm.kcdb.gateway;

import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The gateway: one entry for every client. It validates the Keycloak token itself (signature, issuer, expiry,
 * audience), lets only the public KCDB API through without one, and passes the bearer token on, so that every
 * service checks it again. Routes are configuration (application.yml). A service with several instances has them
 * health-checked ({@link InstanceHealthChecks}).
 */
@SpringBootApplication
@LoadBalancerClients(defaultConfiguration = InstanceHealthChecks.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * No observation (span, timer) per Spring Security filter, authentication and authorization: with every trace
     * sampled they were a tenth of the gateway's time per request in its profile (bench/README.md, "Gateway"). The
     * request's own span and the one around the call to the service stay, and the traceparent still reaches the
     * service; the checks themselves are unchanged.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ForgedIdentityHeaders forgedIdentityHeaders() {
        return new ForgedIdentityHeaders();
    }

    /** The request's span, not a span of its own per call, is what the service continues. */
    @Bean
    RequestTraceToService requestTraceToService(Propagator propagator) {
        return new RequestTraceToService(propagator);
    }
}
