package org.bipm.kcdb.gateway;

import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Identity comes only from the validated token: headers a client made up to name a user, institute or roles never
 * reach a service, on every route, public or not.
 *
 * <p>Applied to the headers of the call to the service as Spring Cloud Gateway builds it, rather than as four
 * {@code RemoveRequestHeader} filters, each of which copied every request's headers whether the header was there or
 * not (a few per cent of the gateway's time per request in its profile, bench/README.md, item 4): here the headers are
 * copied only when one of them is present.
 */
class ForgedIdentityHeaders implements HttpHeadersFilter, Ordered {

    static final List<String> NAMES = List.of("X-Kcdb-User", "X-Kcdb-Institute", "X-Kcdb-Roles", "X-Forwarded-User");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (NAMES.stream().noneMatch(input::containsHeader)) {
            return input;
        }
        HttpHeaders headers = HttpHeaders.copyOf(input);
        NAMES.forEach(headers::remove);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
