package org.bipm.kcdb.e2e;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a subscriber of the fault suite (a webhook receiver, an SSE stream's reader) was given: each event id, the
 * CMC it is about, and how many times it came. Safe for the threads that receive.
 */
final class Deliveries {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, String> cmcOf = new ConcurrentHashMap<>();

    void add(String eventId, String cmc) {
        cmcOf.putIfAbsent(eventId, cmc);
        counts.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** The distinct event ids received about these CMCs. */
    Set<String> about(Collection<String> cmcs) {
        Set<String> ours = new HashSet<>();
        cmcOf.forEach((id, cmc) -> {
            if (cmcs.contains(cmc)) {
                ours.add(id);
            }
        });
        return ours;
    }

    /** Events received about these CMCs, repeats included. */
    int count(Collection<String> cmcs) {
        return about(cmcs).stream().mapToInt(id -> counts.get(id).get()).sum();
    }

    /** Event ids received more than once, about any subject. */
    long repeated() {
        return counts.values().stream().filter(n -> n.get() > 1).count();
    }
}
