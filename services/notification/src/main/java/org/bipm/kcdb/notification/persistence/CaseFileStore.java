package org.bipm.kcdb.notification.persistence;

import java.util.List;
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

    /**
     * Changes the CMC's file as {@code decide} says (an empty file when none is on record yet). {@code decide} may be
     * called more than once, each time on the file as now stored, so it must do nothing but decide.
     */
    public Mono<CaseFile> change(String cmcId, UnaryOperator<CaseFile> decide) {
        return files.change(findOrStart(cmcId), file -> Outcome.quiet(decide.apply(file))).map(Versioned::aggregate);
    }

    private Mono<Versioned<CaseFile>> findOrStart(String cmcId) {
        return files.find(cmcId).switchIfEmpty(Mono.defer(() -> files.insert(cmcId, CaseFile.of(cmcId), List.of())
                .onErrorResume(DuplicateKeyException.class, started -> files.find(cmcId))));
    }

    /** Declares the store of case files (support builds the {@code AggregateStore}). */
    @Configuration(proxyBeanMethods = false)
    @StoredAggregate(type = CaseFile.class, collection = "cases", name = "case file")
    public static class Declaration {
    }
}
