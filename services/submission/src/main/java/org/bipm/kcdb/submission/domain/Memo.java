package org.bipm.kcdb.submission.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a pure, costly function answered, kept by its argument: an import or a bulk submit checks the same few units,
 * quantities and levels of confidence on every row (bench/README.md, "The submission's import and bulk submit").
 * Bounded: past {@code most} arguments, new ones are worked out each time. A function that throws keeps nothing, so
 * a refusal is worked out (and refused) again.
 */
public final class Memo<K, V> {

    private final Map<K, V> kept = new ConcurrentHashMap<>();
    private final int most;
    private final Function<K, V> work;

    public Memo(int most, Function<K, V> work) {
        this.most = most;
        this.work = work;
    }

    public V get(K argument) {
        V answer = kept.get(argument);
        if (answer != null) {
            return answer;
        }
        answer = work.apply(argument);
        if (kept.size() < most) {
            kept.putIfAbsent(argument, answer);
        }
        return answer;
    }
}
