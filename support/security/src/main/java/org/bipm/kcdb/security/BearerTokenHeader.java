package org.bipm.kcdb.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer token of the {@code Authorization} header, with the same rules as Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} in its default settings (header only, never a query or form
 * parameter): no header, or one whose scheme is not {@code Bearer}, is an anonymous call; a {@code Bearer} header that
 * is not {@code Bearer <token68>} (RFC 6750: letters, digits, {@code -._~+/}, then any {@code =}) is refused as a
 * malformed token. Checked character by character rather than with Spring's case-insensitive regular expression,
 * which over a token of about a kilobyte took 15 µs of CPU (1.2 µs here) and about a sixth of the gateway's Java
 * time on an authenticated request in its profile (bench/README.md, "Gateway and platform").
 */
final class BearerTokenHeader implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return Mono.empty();
        }
        String token = token(header);
        if (token == null) {
            return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(
                    "Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /** The token of a header that starts with "bearer" in any case, or null when it is not well formed. */
    static String token(String header) {
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int start = SCHEME.length();
        int end = header.length();
        int padding = end;
        while (padding > start && header.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == start) {
            return null;
        }
        for (int i = start; i < padding; i++) {
            if (!token68(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(start);
    }

    private static boolean token68(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
