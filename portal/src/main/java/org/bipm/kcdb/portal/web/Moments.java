package org.bipm.kcdb.portal.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Dates and instants as people read them, in the page's language and the reader's time zone, the zone always stated:
 * the API's {@code 2026-12-20T23:59:59Z} reads "Dec 20, 2026, 11:59 PM UTC" in English and "20 déc. 2026, 23:59 UTC"
 * in French. The time zone is the browser's, which {@code portal.js} keeps in the {@code kcdb_tz} cookie (a browser
 * sends none with its requests); until it has, or when it names no zone, UTC. A day without a time ({@code 2026-12-01})
 * is shown as a day. Anything else is shown as the API wrote it. Templates use it as {@code #when} (one per page, for
 * that page's locale and zone), mostly through {@code layout :: moment(value)}, which keeps the ISO form in
 * {@code <time datetime>} for machines.
 */
public final class Moments {

    /** The cookie in which the browser's script keeps the reader's IANA time zone ({@code Europe/Paris}). */
    public static final String ZONE_COOKIE = "kcdb_tz";

    private final Locale locale;
    private final ZoneId zone;

    public Moments(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /** The zone a cookie names, or UTC when it names none this JVM knows. */
    public static ZoneId zone(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 64) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(cookie.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The value as a reader reads it: a day, or a day and time with its zone; as written when it is neither. */
    public String text(Object value) {
        if (value == null) {
            return "";
        }
        String written = value.toString().strip();
        Instant instant = instant(written);
        if (instant != null) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                    .withZone(zone).format(instant) + " " + zoneName(instant);
        }
        LocalDate day = day(written);
        return day != null ? DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day)
                : written;
    }

    /** For {@code <time datetime>}: an instant in ISO form (UTC), a day as {@code yyyy-MM-dd}, else as written. */
    public String iso(Object value) {
        if (value == null) {
            return "";
        }
        String written = value.toString().strip();
        Instant instant = instant(written);
        if (instant != null) {
            return instant.toString();
        }
        LocalDate day = day(written);
        return day != null ? day.toString() : written;
    }

    /** The zone's short name at that instant (CET in winter, CEST in summer); UTC as UTC, not "Z". */
    private String zoneName(Instant instant) {
        return zone instanceof ZoneOffset offset && offset.getTotalSeconds() == 0 ? "UTC"
                : DateTimeFormatter.ofPattern("zzz", locale).withZone(zone).format(instant);
    }

    private static Instant instant(String written) {
        if (written.length() < 11 || written.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(written).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate day(String written) {
        if (written.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(written);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The Thymeleaf dialect that gives templates {@code #when}. */
    @Component
    public static final class Dialect extends AbstractDialect implements IExpressionObjectDialect {

        private static final String NAME = "when";

        public Dialect() {
            super("kcdb-moments");
        }

        @Override
        public IExpressionObjectFactory getExpressionObjectFactory() {
            return new IExpressionObjectFactory() {
                @Override
                public Set<String> getAllExpressionObjectNames() {
                    return Set.of(NAME);
                }

                @Override
                public Object buildObject(IExpressionContext context, String name) {
                    String cookie = context instanceof IWebContext web
                            ? web.getExchange().getRequest().getCookieValue(ZONE_COOKIE) : null;
                    return new Moments(context.getLocale(), zone(cookie));
                }

                @Override
                public boolean isCacheable(String name) {
                    return true; // one per template run: the locale and zone do not change within a page
                }
            };
        }
    }
}
