package org.bipm.kcdb.portal.web;

import org.bipm.kcdb.portal.config.SignInGuard;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** The page a sign-in gets while Keycloak does not answer ({@link SignInGuard}): 503, and when to try again. */
@Controller
class SignInUnavailableController {

    /** Seconds after which a browser or client may try again (Keycloak is looked at again after 5). */
    static final String RETRY_AFTER = "30";

    @GetMapping(SignInGuard.UNAVAILABLE_PATH)
    Rendering signInUnavailable(ServerWebExchange exchange) {
        if (exchange.getAttribute(SignInGuard.HANDED_OVER) == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
        return Rendering.view("notice").status(HttpStatus.SERVICE_UNAVAILABLE)
                .modelAttribute("signInUnavailable", true).build();
    }
}
