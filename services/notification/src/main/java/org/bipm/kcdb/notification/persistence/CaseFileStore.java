package org.bipm.kcdb.notification.persistence;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.StoredAggregate;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;

/**
 * The notification service's own view of the cases ({@code cases}): who belongs to each, kept from the events.
 * A case's events arrive on three topics (submissions, reviews, publications), read by different consumers and, with
 * several instances, by different processes; so every change is support's versioned conditional write
 * ({@link AggregateStore#change}): decided again on the newer file when another write came first, never lost. (Before
 * that, files were kept unversioned in {@code case_files}; that collection is no longer read: a versioned write cannot
 * take over a document without a version.)
 */
public class CaseFileStore {

    private final AggregateStore<CaseFile> files;

    public CaseFileStore(AggregateStore<CaseFile> files) {
        this.files = files;
    }

    /** The CMC's file, empty when none is on record. */
    public Mono<CaseFile> find(String cmcId) {
        return files.find(cmcId).map(Versioned::aggregate);
    }

    /**
     * Changes the CMC's file as {@code decide} says (an empty file when none is on record yet). {@code decide} may be
     * called more than once, each time on the file as now stored, so it must do nothing but decide. A CMC's first
     * event inserts the file as decided on the empty one (one write, not an empty file and then its change); when
     * another consumer inserted it first, the change is decided again on theirs.
     */
    public Mono<CaseFile> change(String cmcId, UnaryOperator<CaseFile> decide) {
        return files.find(cmcId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> found.isPresent() ? change(cmcId, found.get(), decide)
                        : files.insert(cmcId, decide.apply(CaseFile.of(cmcId)), List.of())
                                .onErrorResume(DuplicateKeyException.class, started -> change(cmcId, null, decide)))
                .map(Versioned::aggregate);
    }

    /**
     * The change decided on {@code read} when given (the file just read), else on the file read now; decided again on a
     * newer file when another write came first.
     */
    private Mono<Versioned<CaseFile>> change(String cmcId, Versioned<CaseFile> read, UnaryOperator<CaseFile> decide) {
        AtomicReference<Versioned<CaseFile>> first = new AtomicReference<>(read);
        Mono<Versioned<CaseFile>> load = Mono.defer(() -> {
            Versioned<CaseFile> unused = first.getAndSet(null);
            return unused != null ? Mono.just(unused) : files.find(cmcId);
        });
        return files.change(load, file -> Outcome.quiet(decide.apply(file)));
    }

    /** Declares the store of case files (support builds the {@code AggregateStore}). */
    @Configuration(proxyBeanMethods = false)
    @StoredAggregate(type = CaseFile.class, collection = "cases", name = "case file")
    public static class Declaration {
    }
}
