package org.bipm.kcdb.submission.web;

import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.ProblemResponses;
import org.bipm.kcdb.submission.application.Writers;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses an import upload from a caller who may not import before a byte of it is read: WebFlux parses a multipart
 * request, and stores its file parts on disk, before the controller runs, so the controller's own check came after
 * the spooling. Runs after Spring Security (order 0 > -100), on the validated token.
 */
@Component
class ImportUploadGuard implements WebFilter, Ordered {

    static final String IMPORTS = "/api/cmcs/imports";

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || !IMPORTS.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> Caller.from(((JwtAuthenticationToken) p).getToken()))
                .flatMap(caller -> {
                    try {
                        Writers.requireWriter(caller);
                        return chain.filter(exchange).thenReturn(true);
                    } catch (NotEntitled refused) {
                        return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "Only CMC writers of an institute may import CMCs.").thenReturn(true);
                    }
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true))) // security answers 401
                .then();
    }
}
