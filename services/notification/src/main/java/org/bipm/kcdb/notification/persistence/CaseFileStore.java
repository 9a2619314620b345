package org.bipm.kcdb.notification.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>
 * The files this process last read or wrote are remembered ({@value #REMEMBERED} of them), so that an event that
 * changes its file is decided on the remembered one and written without reading it first: the conditional write
 * succeeds only if the file is still at the remembered version, i.e. the decision was made on the file as stored;
 * otherwise it is read and decided again, as always. A decision that would write nothing (or that refuses) on the
 * remembered file proves nothing about the stored one, so it is made again on the file read from the store (another
 * instance may have written it). Each case's events change its file about once in two, and the pipeline benchmark's
 * store and notification service spent a round trip per event on the read (bench/README.md, item 2).
 */
public class CaseFileStore {

    /** Enough for the cases under review at once in the pipeline benchmark's batches; each file is a few hundred bytes. */
    static final int REMEMBERED = 10_000;

    private final AggregateStore<CaseFile> files;
    private final Map<String, Versioned<CaseFile>> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Versioned<CaseFile>> eldest) {
            return size() > REMEMBERED;
        }
    };

    public CaseFileStore(AggregateStore<CaseFile> files) {
        this.files = files;
    }

    /** The CMC's file, empty when none is on record. */
    public Mono<CaseFile> find(String cmcId) {
        return files.find(cmcId).doOnNext(this::remember).map(Versioned::aggregate);
    }

    /**
     * Changes the CMC's file as {@code decide} says (an empty file when none is on record yet). {@code decide} may be
     * called more than once, each time on the file as now stored or as last remembered, so it must do nothing but
     * decide; what it decided last is what was written. A CMC's first event inserts the file as decided on the empty
     * one (one write, not an empty file and then its change); when another consumer inserted it first, the change is
     * decided again on theirs.
     */
    public Mono<CaseFile> change(String cmcId, UnaryOperator<CaseFile> decide) {
        Versioned<CaseFile> known = remembered(cmcId);
        Mono<Versioned<CaseFile>> changed = known != null && writes(known.aggregate(), decide)
                ? change(cmcId, known, decide)
                : files.find(cmcId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> found.isPresent() ? change(cmcId, found.get(), decide)
                        : files.insert(cmcId, decide.apply(CaseFile.of(cmcId)), List.of())
                                .onErrorResume(DuplicateKeyException.class, started -> change(cmcId, null, decide)));
        return changed.doOnNext(this::remember).map(Versioned::aggregate);
    }

    /** Whether {@code decide} changes {@code file}; false when it refuses it. */
    private static boolean writes(CaseFile file, UnaryOperator<CaseFile> decide) {
        try {
            return !decide.apply(file).equals(file);
        } catch (RuntimeException refused) {
            return false; // decided again on the stored file, which may be newer
        }
    }

    /**
     * The change decided on {@code read} when given (the file just read, or remembered), else on the file read now;
     * decided again on a newer file when another write came first.
     */
    private Mono<Versioned<CaseFile>> change(String cmcId, Versioned<CaseFile> read, UnaryOperator<CaseFile> decide) {
        AtomicReference<Versioned<CaseFile>> first = new AtomicReference<>(read);
        Mono<Versioned<CaseFile>> load = Mono.defer(() -> {
            Versioned<CaseFile> unused = first.getAndSet(null);
            return unused != null ? Mono.just(unused) : files.find(cmcId);
        });
        return files.change(load, file -> Outcome.quiet(decide.apply(file)));
    }

    private Versioned<CaseFile> remembered(String cmcId) {
        synchronized (recent) {
            return recent.get(cmcId);
        }
    }

    /** The newest version seen wins: consumers of several topics may write the same file at once. */
    private void remember(Versioned<CaseFile> file) {
        if (file.id() == null) {
            return;
        }
        synchronized (recent) {
            Versioned<CaseFile> before = recent.get(file.id());
            if (before == null || before.version() < file.version()) {
                recent.put(file.id(), file);
            }
        }
    }

    /** Declares the store of case files (support builds the {@code AggregateStore}). */
    @Configuration(proxyBeanMethods = false)
    @StoredAggregate(type = CaseFile.class, collection = "cases", name = "case file")
    public static class Declaration {
    }
}
