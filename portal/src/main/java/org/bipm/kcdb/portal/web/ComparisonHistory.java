package org.bipm.kcdb.portal.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A comparison's history as the API lets the reader see it, oldest first: the registration, each status change, each
 * result reported and corrected, each evaluation (the comparison service's {@code registeredAt}, {@code history},
 * results' {@code submittedAt} and {@code corrections}, evaluations' {@code evaluatedAt}); for the public, what the
 * KCDB API publishes (registered, published). What the API withholds from the reader (another participant's result
 * before Draft A) is not in the answers the page gets, so it is not in the history either.
 */
final class ComparisonHistory {

    /**
     * One event: when (shown in the reader's language and zone by the pages' one formatter, {@code Moments}), the
     * message key of what happened with its arguments, and who did it (null where the API does not say).
     */
    record Event(Instant at, String what, List<Object> args, String by) {
    }

    private ComparisonHistory() {
    }

    /** The pilot's, a participant's or the office's view, from the comparison service's answers. */
    static List<Event> of(Map<String, Object> comparison, List<Map<String, Object>> results,
                          List<Map<String, Object>> evaluations) {
        List<Event> events = new ArrayList<>();
        add(events, comparison.get("registeredAt"), "history.registered", List.of(), comparison.get("registeredBy"));
        if (comparison.get("history") instanceof List<?> changes) {
            for (Object change : changes) {
                if (change instanceof Map<?, ?> c) {
                    add(events, c.get("at"), "history.status", List.of(String.valueOf(c.get("from")),
                            String.valueOf(c.get("to"))), c.get("by"));
                }
            }
        }
        for (Map<String, Object> result : results) {
            Object institute = result.get("institute");
            // A correction is stamped with the new submission's time, which then is the result's submittedAt: the
            // first report's time is not kept, so a corrected result shows its corrections.
            if (result.get("corrections") instanceof List<?> corrections && !corrections.isEmpty()) {
                for (Object correction : corrections) {
                    if (correction instanceof Map<?, ?> c) {
                        add(events, c.get("at"), "history.corrected", List.of(String.valueOf(institute),
                                String.valueOf(c.get("reason"))), c.get("by"));
                    }
                }
            } else {
                add(events, result.get("submittedAt"), "history.result", List.of(String.valueOf(institute)),
                        result.get("submittedBy"));
            }
        }
        for (Map<String, Object> evaluation : evaluations) {
            add(events, evaluation.get("evaluatedAt"), "history.evaluated", List.of(
                    String.valueOf(evaluation.get("number")), String.valueOf(evaluation.get("method"))),
                    evaluation.get("evaluatedBy"));
        }
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    /** The public view: what the KCDB API publishes of the comparison's dates. */
    static List<Event> published(Map<String, Object> comparison) {
        List<Event> events = new ArrayList<>();
        add(events, comparison.get("registeredAt"), "history.registered", List.of(), null);
        add(events, comparison.get("publishedAt"), "history.published", List.of(), null);
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    private static void add(List<Event> events, Object at, String what, List<Object> args, Object by) {
        if (at == null) {
            return;
        }
        try {
            Instant instant = Instant.parse(String.valueOf(at));
            events.add(new Event(instant, what, args,
                    by == null ? null : String.valueOf(by)));
        } catch (DateTimeParseException e) {
            // An instant the API did not write as ISO-8601 is left out rather than shown wrong.
        }
    }
}
