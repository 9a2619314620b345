package org.bipm.kcdb.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Every process (the gateway and each service) is a resource server of the realm: it checks the token
 * itself rather than trusting the network. Only health, the Prometheus scrape (the actuator is never routed through
 * the gateway), API docs and the configured public paths are open.
 */
@AutoConfiguration
@EnableWebFluxSecurity
@EnableConfigurationProperties(KcdbSecurityProperties.class)
public class KcdbSecurityAutoConfiguration {

    private static final String[] ALWAYS_OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/favicon.ico"};

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder kcdbJwtDecoder(KcdbSecurityProperties properties) {
        return KeycloakJwt.decoder(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain kcdbSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                        KcdbSecurityProperties properties) {
        String[] publicPaths = properties.publicPaths().toArray(String[]::new);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // Stateless: the bearer token is the whole identity. Spring Security's default repository looked the
                // context up in a WebSession on every request, creating one each time (a UUID off the event loop on
                // boundedElastic, then back on parallel: two thread hops per request, measured in the gateway's
                // profile, bench/README.md).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(ALWAYS_OPEN).permitAll();
                    if (!properties.protectedPaths().isEmpty()) {
                        exchanges.pathMatchers(properties.protectedPaths().toArray(String[]::new)).authenticated();
                    }
                    if (publicPaths.length > 0) {
                        exchanges.pathMatchers(publicPaths).permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(KeycloakJwt.authenticationConverter()))
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden())
                        .authenticationFailureHandler(ProblemResponses.failureHandler()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .build();
    }

    /** Picked up by Spring Security's filter chain: its firewall's refusals answer as problems too. */
    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler kcdbRejectedRequests() {
        return ProblemResponses.rejected();
    }

    @Bean
    WebFluxConfigurer callerArgument() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }
}
