package org.bipm.kcdb.publication.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.domain.Violation;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration of today's KCDB comparisons (some 1 800 key and supplementary comparisons: small enough to read whole).
 * Like the CMC migration it is all or nothing as to form (a malformed record refuses the upload, naming each record
 * and field) and idempotent (the same comparison again changes nothing; a changed one is updated). A comparison
 * registered on the platform belongs to the comparison service and is never overwritten by a migration.
 */
public class ComparisonImport {

    public static final int MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

    private final AggregateStore<PublicComparison> comparisons;
    private final JsonMapper json;

    public ComparisonImport(AggregateStore<PublicComparison> comparisons, JsonMapper json) {
        this.comparisons = comparisons;
        this.json = json;
    }

    /** What an import did: how many comparisons were new, changed, already there, or refused (and why). */
    public record Report(int received, int imported, int updated, int unchanged, int rejectedCount,
                         List<Rejection> rejected) {
    }

    /** One comparison refused: its position in the upload (from 0), its identifier if it had one, the errors. */
    public record Rejection(int index, String identifier, List<Violation> errors) {

        List<Violation> fieldErrors() {
            return errors.stream().map(e -> new Violation("data[" + index + "]." + e.field(), e.message())).toList();
        }
    }

    public Mono<Report> run(Flux<DataBuffer> upload) {
        return DataBufferUtils.join(upload, MAX_UPLOAD_BYTES)
                .map(buffer -> {
                    try (var in = buffer.asInputStream(true)) {
                        return json.readTree(in);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .switchIfEmpty(Mono.error(() -> new KcdbImport.InvalidUpload("The upload is empty.")))
                .flatMap(this::importAll);
    }

    private Mono<Report> importAll(JsonNode upload) {
        JsonNode records = upload.isArray() ? upload : upload.isObject() ? upload.get("data") : null;
        if (records == null || !records.isArray()) {
            return Mono.error(new KcdbImport.InvalidUpload(
                    "The upload must be an array of comparisons or an object with a \"data\" array."));
        }
        List<PublicComparison> read = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            KcdbComparisonReader.Read one = KcdbComparisonReader.read(records.get(i));
            List<Violation> errors = new ArrayList<>(one.errors());
            if (one.comparison() != null) {
                Integer first = seen.putIfAbsent(one.comparison().identifier(), i);
                if (first != null && !read.get(first).equals(one.comparison())) {
                    errors.add(new Violation("identifier", "differs from record " + first + " with this identifier"));
                }
            }
            read.add(one.comparison());
            if (!errors.isEmpty()) {
                JsonNode id = records.get(i).get("identifier");
                rejected.add(new Rejection(i, id != null && id.isString() ? id.asString() : null, errors));
            }
        }
        if (!rejected.isEmpty()) {
            List<Rejection> reported = rejected.subList(0, Math.min(rejected.size(), KcdbImport.REPORTED_REJECTIONS));
            return Mono.error(new KcdbImport.MalformedRecords(records.size(), rejected.size(), reported,
                    reported.stream().flatMap(r -> r.fieldErrors().stream()).toList()));
        }
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger updated = new AtomicInteger();
        AtomicInteger unchanged = new AtomicInteger();
        List<Rejection> conflicts = new ArrayList<>();
        return Flux.range(0, read.size())
                .concatMap(i -> store(read.get(i)).doOnNext(outcome -> {
                    switch (outcome) {
                        case IMPORTED -> imported.incrementAndGet();
                        case UPDATED -> updated.incrementAndGet();
                        case UNCHANGED -> unchanged.incrementAndGet();
                        case PLATFORM_OWNED -> conflicts.add(new Rejection(i, read.get(i).identifier(),
                                List.of(new Violation("identifier", "is registered on the platform; the comparison "
                                        + "service keeps it up to date, not the migration"))));
                    }
                }))
                .then(Mono.fromSupplier(() -> new Report(read.size(), imported.get(), updated.get(),
                        unchanged.get(), conflicts.size(), List.copyOf(conflicts))));
    }

    private enum Outcome { IMPORTED, UPDATED, UNCHANGED, PLATFORM_OWNED }

    private Mono<Outcome> store(PublicComparison comparison) {
        return comparisons.find(comparison.identifier()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> existing.map(stored -> update(stored, comparison))
                        .orElseGet(() -> comparisons.insert(comparison.identifier(), comparison, List.of())
                                .thenReturn(Outcome.IMPORTED)
                                // registered or migrated meanwhile: look again
                                .onErrorResume(DuplicateKeyException.class, e -> store(comparison))));
    }

    private Mono<Outcome> update(Versioned<PublicComparison> stored, PublicComparison comparison) {
        if (!stored.aggregate().migrated()) {
            return Mono.just(Outcome.PLATFORM_OWNED);
        }
        if (stored.aggregate().equals(comparison)) {
            return Mono.just(Outcome.UNCHANGED);
        }
        return comparisons.update(comparison.identifier(), stored.version(), comparison, List.of())
                .map(saved -> Outcome.UPDATED)
                .switchIfEmpty(Mono.defer(() -> store(comparison))); // changed under us: read it again
    }
}
