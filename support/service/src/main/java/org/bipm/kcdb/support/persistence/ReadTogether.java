package org.bipm.kcdb.support.persistence;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bipm.kcdb.support.domain.ConcurrentChange;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.Refusal;
import reactor.core.publisher.Mono;

/**
 * The aggregates a bulk request names (CONTRACT.md §7), read together in one query before any of them is changed: one
 * round trip for the request instead of one per item (issue 15). Each item is still changed by the single command,
 * with its own conditional write and events ({@link #change}); only the first read is shared.
 *
 * <p>The copies were read before the items ahead were changed, and others write meanwhile, so an item's command only
 * starts from its copy; whatever depends on the aggregate as stored now reads it again:
 * <ul>
 * <li>a conditional write that finds the aggregate written since decides again on a fresh read, as every command
 *     does ({@link AggregateStore#change(Mono, Function)});</li>
 * <li>a refusal judged on the copy is judged again on the aggregate as stored now: a copy gone stale must never
 *     refuse what the single command would accept (a refusal judged on a fresh read stands, and so does a
 *     {@link ConcurrentChange}, which comes only after fresh reads);</li>
 * <li>an id without a copy (none stored, or not the caller's to read) is looked up alone, to be refused as the single
 *     command refuses it (404, 403).</li>
 * </ul>
 * Which ids the caller may read, and the command, stay the service's.
 */
public final class ReadTogether<T> {

    private final AggregateStore<T> store;
    private final Map<String, Versioned<T>> copies;

    /** @param copies the aggregates read, by id: only those the request's caller may read */
    public ReadTogether(AggregateStore<T> store, Map<String, Versioned<T>> copies) {
        this.store = store;
        this.copies = Map.copyOf(copies);
    }

    /** The ids that have a copy. */
    public Set<String> ids() {
        return copies.keySet();
    }

    /**
     * The item {@code id} changed by the single command, starting from its copy.
     *
     * @param stored the aggregate as the single command reads it alone, refusing as it refuses (a {@code NotFound}
     *               for one the caller may not read)
     * @param decide the single command's decision
     * @return the aggregate as stored afterwards
     */
    public Mono<Versioned<T>> change(String id, Mono<Versioned<T>> stored, Function<? super T, Outcome<T>> decide) {
        Versioned<T> copy = copies.get(id);
        if (copy == null) {
            return store.change(stored, decide);
        }
        AtomicInteger loads = new AtomicInteger();
        Mono<Versioned<T>> load = Mono.defer(() -> loads.getAndIncrement() == 0 ? Mono.just(copy) : stored);
        return store.change(load, decide)
                .onErrorResume(refused -> judgedOnCopy(refused, loads), refused -> store.change(stored, decide));
    }

    /**
     * Whether the command was refused on the copy: no conflict made it read the aggregate since. (A
     * {@link ConcurrentChange} never is: it comes after {@link AggregateStore#RETRIES} fresh reads.)
     */
    private static boolean judgedOnCopy(Throwable refused, AtomicInteger loads) {
        return refused instanceof Refusal && loads.get() == 1;
    }
}
