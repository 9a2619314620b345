package org.bipm.kcdb.support.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads an {@link Instant} written as every service writes one ({@code Instant.toString()}, ISO-8601 in UTC:
 * {@code 2026-12-05T03:26:37.034204539Z}) by its digits, and any other text as Jackson does.
 * <p>
 * Why: Jackson parses each instant with {@link DateTimeFormatter#ISO_INSTANT}, a general parser (a parse context, a
 * map of fields, their resolution): 5-10 % of the publication feed's consumer thread, more than half of its binding
 * of the events (bench/README.md, "Instants read by their digits"). Only text of exactly that shape with values in
 * range takes the short way, and for it both ways give the same instant; any other text (an offset, a leap second,
 * a number, an invalid date, blanks) goes to Jackson's own parsing, with its errors.
 */
public final class CanonicalInstants extends InstantDeserializer<Instant> {

    private CanonicalInstants() {
        super(InstantDeserializer.INSTANT, DateTimeFormatter.ISO_INSTANT);
    }

    /** The module every service's {@code JsonMapper} takes (Spring Boot registers each {@link JacksonModule} bean). */
    public static JacksonModule module() {
        return new SimpleModule("kcdb-canonical-instants").addDeserializer(Instant.class, new CanonicalInstants());
    }

    @Override
    protected Instant _fromString(JsonParser parser, DeserializationContext context, String text) {
        Instant canonical = canonical(text);
        return canonical != null ? canonical : super._fromString(parser, context, text);
    }

    /** The instant {@code text} writes in the form {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, or null for any other text. */
    static Instant canonical(String text) {
        int length = text.length();
        // yyyy-MM-ddTHH:mm:ssZ is 20 characters; a fraction adds a point and 1 to 9 digits
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || length > 20 && text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException invalidDate) { // 30 February: Jackson's own parsing says so
            return null;
        }
        for (int written = length - 21; written > 0 && written < 9; written++) { // 1 to 9 digits: nanoseconds
            fraction *= 10;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, fraction);
    }

    /** The number the decimal digits from {@code start} to {@code end} write, or -1 if one is not a digit. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
