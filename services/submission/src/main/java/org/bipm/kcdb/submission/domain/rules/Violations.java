package org.bipm.kcdb.submission.domain.rules;

import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.support.domain.Violation;

/** The faults found so far, one per field; a field keeps only its first fault so the writer reads one message. */
final class Violations {

    private final List<Violation> found = new ArrayList<>();

    void add(String field, String message) {
        if (found.stream().noneMatch(v -> v.field().equals(field))) {
            found.add(new Violation(field, message));
        }
    }

    boolean has(String field) {
        return found.stream().anyMatch(v -> v.field().equals(field) || v.field().startsWith(field + "."));
    }

    void required(Object value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            add(field, "is required");
        }
    }

    List<Violation> list() {
        return List.copyOf(found);
    }
}
