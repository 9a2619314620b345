package org.bipm.kcdb.support.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bipm.kcdb.support.domain.InvalidFields;
import org.bipm.kcdb.support.domain.Violation;

/**
 * Which page of a list the caller asks for, the one rule of every list of the platform's own API ({@code GET
 * /api/cmcs}, {@code /api/reviews}, {@code /api/comparisons}): {@code page} counts from 0, {@code size} from 1 to
 * {@value #MAX_SIZE}; anything else is refused as a whole with a field error per bad parameter (400
 * {@code invalid-fields}), never silently corrected. The answer is a {@link Page}. (The public KCDB API keeps the
 * original's own paging, {@code pageSize} and {@code data}, for compatibility.)
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public Paging {
        List<Violation> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new Violation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields("Paging is out of range.", errors);
        }
    }

    /** How many entries come before this page: what the store skips. */
    public long offset() {
        return (long) page * size;
    }

    /** This page of a list known as a whole and already in its order (where only the service can sort or filter). */
    public <T> Page<T> of(List<T> all) {
        int from = (int) Math.min(offset(), all.size());
        return new Page<>(page, size, all.size(), all.subList(from, Math.min(all.size(), from + size)));
    }

    /** This page, its content read by the store with {@link #offset()} and {@link #size()}. */
    public <T> Page<T> of(List<T> content, long totalElements) {
        return new Page<>(page, size, totalElements, content);
    }

    /**
     * One page of a list: where it is ({@code page}, {@code size} as asked), how many entries the whole list has
     * ({@code totalElements}) and this page's entries in the list's order ({@code content}, empty past the end).
     */
    public record Page<T>(int page, int size, long totalElements, List<T> content) {

        public Page {
            content = List.copyOf(content);
        }

        /** The same page with each entry as {@code view} shows it. */
        public <V> Page<V> map(Function<? super T, ? extends V> view) {
            return new Page<>(page, size, totalElements, content.stream().<V>map(view).toList());
        }
    }
}
