package org.bipm.kcdb.publication.application;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;

/**
 * Who may read a feed entry (docs/events.md, "Who receives what"). Before publication a CMC's content, comments,
 * reviewers and decisions belong to the submitting RMO and, from the intra-RMO approval on, to the RMOs taking part
 * in the inter-RMO review; everyone else receives public facts only. The audience is decided once, when the event
 * enters the feed ({@link #audience}), and checked for each reader, over SSE and webhooks alike ({@link #visible}).
 */
public final class FeedScope {

    /** The audience of a public fact, and the reader who sees everything (the JCRB secretary, the KCDB office). */
    public static final String EVERYONE = "*";

    /**
     * Public facts: the public KCDB's own changes, the comparisons' public steps, the office's reference-data changes,
     * and the opening of the inter-RMO window, which the JCRB announces to every RMO.
     */
    static final Set<EventType> PUBLIC = Set.of(EventType.CMC_PUBLISHED, EventType.CMC_ARCHIVED,
            EventType.CMC_GREYED_OUT, EventType.CMC_RESTORED, EventType.CMC_DELETED, EventType.COMPARISON_REGISTERED,
            EventType.COMPARISON_STATUS_CHANGED, EventType.COMPARISON_RESULT_SUBMITTED,
            EventType.COMPARISON_PUBLISHED, EventType.REVIEW_INTRA_RMO_APPROVED, EventType.REFERENCE_DATA_CHANGED);

    /** Kept from the feed: the comparison service's draft evaluations and the migration's hand-overs. */
    static final Set<EventType> NOT_FED = Set.of(EventType.COMPARISON_EVALUATED, EventType.CMC_MIGRATED);

    private FeedScope() {
    }

    /** Whether subscribers ever receive events of this type: a webhook filtering on any other would stay silent. */
    public static boolean fed(EventType type) {
        return !NOT_FED.contains(type);
    }

    /** Whether events of this type are public facts: read by everyone, whatever the case stands at. */
    public static boolean isPublic(EventType type) {
        return PUBLIC.contains(type);
    }

    /** The reader a caller is: {@code *}, its RMO, or null (public facts only). */
    public static String reader(Caller caller) {
        if (caller.hasAny(Role.JCRB_SECRETARY, Role.KCDB_OFFICE)) {
            return EVERYONE;
        }
        return caller.rmo() == null || caller.rmo().isBlank() ? null : caller.rmo();
    }

    /**
     * The audience of an event about a CMC's case as it stands when the event arrives: {@code *} for a public fact,
     * otherwise the RMOs that may read it, comma-separated (empty when the submitting RMO is unknown: then only the
     * JCRB and the office read it).
     *
     * @param eventRmo the RMO the payload names besides the submitting one (the declaring or deciding RMO, the RMO a
     *                 deadline is for), or null
     */
    public static String audience(EventType type, FeedCases.Case state, String eventRmo) {
        if (PUBLIC.contains(type)) {
            return EVERYONE;
        }
        Set<String> rmos = new LinkedHashSet<>();
        if (state != null && state.rmo() != null) {
            rmos.add(state.rmo());
        }
        if (state != null && state.interRmo()) {
            rmos.addAll(state.takingPart());
            if (eventRmo != null && (type == EventType.REVIEW_RMO_INTENT_DECLARED
                    || type == EventType.REVIEW_DEADLINE_APPROACHING)) {
                rmos.add(eventRmo);
            }
        }
        return String.join(",", rmos);
    }

    /**
     * Who receives events of a type over SSE and webhooks, in words, for the AsyncAPI document (docs/events.md
     * has the same rule); null for types that never reach the feed.
     */
    public static String describe(EventType type) {
        if (!fed(type)) {
            return "Not in the subscribers' feed (SSE, webhooks): on the topic only.";
        }
        String all = " The JCRB secretary and the KCDB office receive every event.";
        if (PUBLIC.contains(type)) {
            return "Subscribers' feed (SSE, webhooks): a public fact, received by every RMO subscriber." + all;
        }
        String scoped = "Subscribers' feed (SSE, webhooks): received only by the subscribers of the submitting "
                + "RMO and, once the intra-RMO review has approved the CMC, of the RMOs taking part in the inter-RMO "
                + "review (those that declared they will review, or decided)";
        if (type == EventType.REVIEW_RMO_INTENT_DECLARED || type == EventType.REVIEW_DEADLINE_APPROACHING) {
            scoped += ", and by the RMO it names";
        }
        return scoped + "; never by other RMOs' subscribers." + all;
    }

    /** Whether a reader receives an entry; entries fed before the feed was scoped carry no audience. */
    public static boolean visible(FeedEntry entry, String reader) {
        if (EVERYONE.equals(reader)) {
            return true;
        }
        String audience = entry.audience();
        if (audience == null) {
            return EventType.fromCeType(entry.type()).map(PUBLIC::contains).orElse(false);
        }
        return EVERYONE.equals(audience)
                || (reader != null && Arrays.asList(audience.split(",")).contains(reader));
    }
}
