package org.bipm.kcdb.portal.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * English or French (the BIPM's two languages): {@code ?lang=fr} switches and is kept in a cookie for a year;
 * without a choice, the browser's Accept-Language decides.
 */
@Component("localeContextResolver")
class LanguageResolver implements LocaleContextResolver {

    static final String COOKIE = "kcdb_lang";
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        String chosen = exchange.getRequest().getQueryParams().getFirst("lang");
        Locale locale = supported(chosen);
        if (locale != null) {
            exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, locale.getLanguage()).path("/")
                    .maxAge(Duration.ofDays(365)).sameSite("Lax").httpOnly(true).build());
            return new SimpleLocaleContext(locale);
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        locale = cookie == null ? null : supported(cookie.getValue());
        if (locale != null) {
            return new SimpleLocaleContext(locale);
        }
        Locale accepted = Locale.lookup(exchange.getRequest().getHeaders().getAcceptLanguageAsLocales()
                .stream().map(l -> new Locale.LanguageRange(l.toLanguageTag())).toList(), SUPPORTED);
        return new SimpleLocaleContext(accepted != null ? accepted : Locale.ENGLISH);
    }

    private static Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return SUPPORTED.stream().filter(l -> l.getLanguage().equalsIgnoreCase(language.trim())).findFirst()
                .orElse(null);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        throw new UnsupportedOperationException("The language is chosen with ?lang=");
    }
}
