package org.bipm.kcdb.portal.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The portal as an OAuth2 client of the realm (authorization code with PKCE, a public client): the tokens live in the
 * server-side web session, the browser holds only an HttpOnly, SameSite session cookie. Public pages need no login;
 * any other page sends the user through Keycloak's login and back to it. Every form carries a CSRF token. Logout ends
 * the Keycloak session too (OIDC RP-initiated logout) and comes back to the home page.
 */
@Configuration
public class SecurityConfig {

    public static final String REGISTRATION = "keycloak";
    public static final String LOGIN_PATH = "/oauth2/authorization/" + REGISTRATION;

    @Bean
    SecurityWebFilterChain portalSecurity(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations) {
        OidcClientInitiatedServerLogoutSuccessHandler logout =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        // {baseUrl}: the public URL the request came through (PublicOrigin).
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        RedirectServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint(LOGIN_PATH);
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/", "/search", "/search/**", "/kcdb/**", "/comparisons", "/comparisons/**", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error",
                                SignInGuard.UNAVAILABLE_PATH).permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> {
                })
                .exceptionHandling(handling -> handling
                        // htmx fragments get a 401 (the page shows the login link); pages go to the login.
                        .authenticationEntryPoint((exchange, e) -> "true".equals(
                                exchange.getRequest().getHeaders().getFirst("HX-Request"))
                                ? new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED).commence(exchange, e)
                                : toLogin.commence(exchange, e)))
                .logout(out -> out.logoutSuccessHandler(logout))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(tokenHandler()))
                .build();
    }

    /** The default (masked) token, also read from a multipart form's field, as the office's file upload posts it. */
    private static XorServerCsrfTokenRequestAttributeHandler tokenHandler() {
        XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setTokenFromMultipartDataEnabled(true);
        return handler;
    }

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(PortalProperties properties) {
        String issuer = properties.issuerUri();
        String oidc = issuer + "/protocol/openid-connect";
        String backchannel = properties.backchannel() + "/protocol/openid-connect";
        // Built from the issuer rather than discovered, so the portal starts whether or not Keycloak is up yet.
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(properties.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(oidc + "/auth")
                .tokenUri(backchannel + "/token")
                .jwkSetUri(backchannel + "/certs")
                .userNameAttributeName("preferred_username")
                .issuerUri(issuer)
                .providerConfigurationMetadata(Map.of("issuer", issuer, "end_session_endpoint", oidc + "/logout"))
                .clientName("KCDB")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(keycloak);
    }

    /** The session cookie: HttpOnly, SameSite=Lax (Keycloak's redirect back is a top-level GET), its own name. */
    @Bean
    WebSessionIdResolver webSessionIdResolver() {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName("KCDB_PORTAL_SESSION");
        resolver.addCookieInitializer(cookie -> cookie.httpOnly(true).sameSite("Lax").path("/"));
        resolver.setCookieMaxAge(Duration.ofSeconds(-1));
        return resolver;
    }
}
