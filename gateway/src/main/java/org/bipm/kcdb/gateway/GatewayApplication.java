package org.bipm.kcdb.gateway;

import java.util.List;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import reactor.netty.resources.ConnectionProvider;
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

    /** Reactor Netty's own setting for the number of its event loops, which serve the clients and call the services. */
    static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        // One event loop per core, not Reactor Netty's at least four: a request that arrives on one loop and is sent on
        // a pooled connection of another crosses over twice (out and back), each a wake-up of another thread; with
        // four loops on two cores three requests in four did, with two loops one in two (bench/README.md, item 4,
        // fourth pass). Set before the loops exist; -Dreactor.netty.ioWorkerCount still chooses otherwise.
        if (System.getProperty(EVENT_LOOPS) == null) {
            System.setProperty(EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
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

    /**
     * Spring Cloud Gateway's client to the services as it builds it, with a pool of connections per event loop
     * ({@link LoopLocalConnections}) instead of one shared by all loops.
     */
    @Bean
    HttpClientFactory gatewayHttpClientFactory(HttpClientProperties properties, ServerProperties server,
                                               List<HttpClientCustomizer> customizers, HttpClientSslConfigurer ssl) {
        return new LoopLocalClientFactory(properties, server, ssl, customizers);
    }

    static final class LoopLocalClientFactory extends HttpClientFactory {

        LoopLocalClientFactory(HttpClientProperties properties, ServerProperties server, HttpClientSslConfigurer ssl,
                               List<HttpClientCustomizer> customizers) {
            super(properties, server, ssl, customizers);
        }

        @Override
        protected ConnectionProvider buildConnectionProvider(HttpClientProperties properties) {
            return new LoopLocalConnections(() -> super.buildConnectionProvider(properties));
        }
    }

    /** The request's span, not a span of its own per call, is what the service continues. */
    @Bean
    RequestTraceToService requestTraceToService(Propagator propagator) {
        return new RequestTraceToService(propagator);
    }
}
