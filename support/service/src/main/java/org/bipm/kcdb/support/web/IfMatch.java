package org.bipm.kcdb.support.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bipm.kcdb.support.persistence.Precondition;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.http.HttpStatus;

/**
 * The {@code If-Match} precondition of RFC 9110 §13.1.1, one rule for every endpoint that takes it: {@code *} matches
 * any current version, and a list of entity tags matches when one of them is the current ETag by strong comparison,
 * so a weak tag ({@code W/"3"}) never matches: a weak validator cannot protect a write from a lost update.
 */
public final class IfMatch implements Precondition {

    public static final String HEADER = "If-Match";

    private static final IfMatch ABSENT = new IfMatch(false, false, List.of());
    private static final IfMatch ANY = new IfMatch(true, true, List.of());
    /** entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, with list elements separated by commas (RFC 9110 §8.8.3). */
    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?(\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")\\s*(,|$)");

    private final boolean present;
    private final boolean any;
    /** The strong tags only: weak ones are kept out because they can never match. */
    private final List<String> strongTags;

    private IfMatch(boolean present, boolean any, List<String> strongTags) {
        this.present = present;
        this.any = any;
        this.strongTags = List.copyOf(strongTags);
    }

    /** Reads the header as sent; null (no header) is no precondition, a field that is no entity-tag list is 400. */
    public static IfMatch of(String header) {
        if (header == null) {
            return ABSENT;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return ANY;
        }
        List<String> strong = new ArrayList<>();
        Matcher tag = ENTITY_TAG.matcher(value);
        int end = 0;
        while (end < value.length() && tag.find(end) && tag.start() == end) {
            if (tag.group(1) == null) {
                strong.add(tag.group(2));
            }
            end = tag.end();
            if (tag.group(3).isEmpty()) {
                break;
            }
        }
        if (value.isEmpty() || end != value.length() || value.endsWith(",")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-if-match",
                    HEADER + " must be * or a list of the ETags this API returned, quoted as sent: \"3\".",
                    Map.of("header", HEADER));
        }
        return new IfMatch(true, false, strong);
    }

    public boolean present() {
        return present;
    }

    /**
     * Whether the precondition holds for the current version; no header is no precondition. When it fails,
     * {@link #check} refuses with 412 and the current version, before the request changes anything.
     */
    @Override
    public boolean matches(Versioned<?> current) {
        return !present() || any || strongTags.contains(current.etag());
    }

    /** 428 for the writes that must not be made blind: a missing header would let one writer undo another's edit. */
    public IfMatch required() {
        if (!present()) {
            throw new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required",
                    "Send the ETag you read in the " + HEADER + " header (or * to edit whatever version is current), "
                            + "so that concurrent edits are not lost.", Map.of("header", HEADER));
        }
        return this;
    }

    @Override
    public String toString() {
        return !present() ? "(no If-Match)" : any ? "*" : String.join(", ", strongTags);
    }
}
