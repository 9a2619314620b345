package org.bipm.kcdb.portal.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.config.SecurityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page needs (the CSRF token its forms carry, who is signed in with which roles, where the language switch
 * returns to), and what a page shows when the API refused or did not answer: the problem's message or a notice that
 * the service is unavailable, never a stack trace.
 */
@ControllerAdvice
class PageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    /** Resolving the token here puts it where Thymeleaf's {@code th:action} adds the hidden field to each form. */
    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.doOnSuccess(t -> exchange.getAttributes()
                .put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t));
    }

    @ModelAttribute("currentUser")
    Mono<PortalUser> currentUser() {
        return signedIn();
    }

    static Mono<PortalUser> signedIn() {
        return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .filter(a -> a.getPrincipal() instanceof OAuth2User)
                .map(PageAdvice::user);
    }

    @ModelAttribute("currentPath")
    String currentPath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value();
    }

    private static PortalUser user(Authentication authentication) {
        OAuth2User principal = (OAuth2User) authentication.getPrincipal();
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        String rmo = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("RMO_")).map(a -> a.substring(4)).findFirst().orElse(null);
        String institute = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("INSTITUTE_")).map(a -> a.substring(10)).findFirst().orElse(null);
        return new PortalUser(authentication.getName(), roles, rmo, institute);
    }

    @ExceptionHandler(ApiProblem.class)
    Mono<Rendering> problem(ApiProblem problem) {
        if (problem.status() == 401) {
            // The token was refused (the Keycloak session ended): sign in again.
            return Mono.just(Rendering.redirectTo(SecurityConfig.LOGIN_PATH).build());
        }
        if (problem.isUnavailable()) {
            log.warn("The platform's API did not answer: {}", problem.getMessage());
            return Mono.just(Rendering.view("notice").status(HttpStatus.SERVICE_UNAVAILABLE)
                    .modelAttribute("unavailable", true).build());
        }
        HttpStatus status = HttpStatus.resolve(problem.status());
        return Mono.just(Rendering.view("notice").status(status == null ? HttpStatus.BAD_GATEWAY : status)
                .modelAttribute("problem", problem).build());
    }

    /**
     * The signed-in user as pages see it: the name, the realm roles (which pick links and buttons), and the token's
     * RMO and institute (null when it names none).
     */
    public record PortalUser(String name, Set<String> roles, String rmo, String institute) {

        public boolean has(String role) {
            return roles.contains(role);
        }

        public boolean reviews() {
            return has("tc-chair") || has("tc-reviewer") || has("jcrb-secretary");
        }
    }
}
