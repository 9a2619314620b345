package org.bipm.kcdb.publication.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bipm.kcdb.publication.domain.KcdbCode;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.Counters;
import org.bipm.kcdb.support.domain.Violation;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration from today's KCDB: already-published CMCs, as its API returns them (a search response or its
 * {@code data} array), become published records here with their ids, codes, versions, statuses and dates.
 * The upload is spooled to a temporary file and read one record at a time, so 30 000 records never sit in memory.
 * Importing a record again changes nothing; afterwards the code and id counters are raised past everything
 * imported, so that codes allocated here never collide with the KCDB's.
 */
public class KcdbImport {

    static final int REPORTED_REJECTIONS = 1000;
    /** Records written in one round trip; a batch of KCDB records is about 400 kB. */
    static final int BATCH = 500;
    /** Records already here, read back one by one at once. */
    private static final int CONCURRENCY = 16;

    private final AggregateStore<PublishedCmc> published;
    private final Counters counters;
    private final JsonMapper json;
    private final ObjectProvider<KcdbSearch> search;
    private final Clock clock;
    private final int keptRecords;

    /**
     * @param keptRecords the largest upload whose records are stored as the check read them rather than read again
     *                    (about 3 kB of memory each)
     */
    public KcdbImport(AggregateStore<PublishedCmc> published, Counters counters, JsonMapper json,
                      ObjectProvider<KcdbSearch> search, Clock clock, int keptRecords) {
        this.published = published;
        this.counters = counters;
        this.json = json;
        this.search = search;
        this.clock = clock;
        this.keptRecords = keptRecords;
    }

    /** What an import did: how many records were new, changed, already there, or refused (and why). */
    public record Report(int received, int imported, int updated, int unchanged, int rejectedCount,
                         List<Rejection> rejected) {
    }

    /** One record refused: its position in the upload (from 0), its code if it had one, and the field errors. */
    public record Rejection(int index, String kcdbCode, List<Violation> errors) {

        /** The errors named after the record: {@code data[2].kcdbCode}. */
        public List<Violation> fieldErrors() {
            return errors.stream().map(e -> new Violation("data[" + index + "]." + e.field(), e.message())).toList();
        }
    }

    public Mono<Report> run(Flux<DataBuffer> upload) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile("kcdb-import-", ".json"))
                        .subscribeOn(Schedulers.boundedElastic()),
                file -> DataBufferUtils.write(upload, file).then(Mono.defer(() -> importFile(file))),
                file -> Mono.fromRunnable(() -> delete(file)).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * All or nothing as to form: every record of the spooled upload is checked first, and if any is malformed nothing
     * is stored and the answer names each refused record and field (a partly migrated batch would leave the office
     * to work out what is missing). Only then are the records stored: those the check read, while the upload has at
     * most {@code keptRecords} (each record is then parsed once); a larger upload is read from the spool again, so
     * that memory stays bounded whatever its size.
     */
    private Mono<Report> importFile(Path file) {
        Tally checked = new Tally();
        List<Checked> kept = new ArrayList<>();
        return Flux.using(() -> records(file), this::nodes, RecordStream::close)
                .subscribeOn(Schedulers.boundedElastic())
                .index()
                .doOnNext(indexed -> {
                    Checked record = Checked.of(indexed);
                    int received = checked.received.incrementAndGet();
                    if (record.read().cmc() == null) {
                        checked.reject(record.index(), record.kcdbCode(), record.read().errors());
                    }
                    if (received <= keptRecords) {
                        kept.add(record);
                    } else if (!kept.isEmpty()) {
                        kept.clear();
                    }
                })
                .then(Mono.defer(() -> checked.rejectedCount.get() > 0
                        ? Mono.error(MalformedRecords.of(checked.received.get(), checked.rejectedCount.get(),
                                checked.report().rejected()))
                        : store(checked.received.get() <= keptRecords
                                ? Flux.fromIterable(kept).subscribeOn(Schedulers.boundedElastic())
                                : Flux.using(() -> records(file), this::nodes, RecordStream::close)
                                        .subscribeOn(Schedulers.boundedElastic())
                                        .index()
                                        .map(Checked::of))));
    }

    /** A record of the upload as read: its position (from 0), its code if it has one, and the CMC or the errors. */
    private record Checked(int index, String kcdbCode, KcdbRecordReader.Read read) {

        static Checked of(Tuple2<Long, JsonNode> indexed) {
            return new Checked(indexed.getT1().intValue(), code(indexed.getT2()),
                    KcdbRecordReader.read(indexed.getT2()));
        }
    }

    private static String code(JsonNode record) {
        return record != null && record.isObject() ? record.path("kcdbCode").asString(null) : null;
    }

    private Mono<Report> store(Flux<Checked> records) {
        Tally tally = new Tally();
        return records
                .buffer(BATCH)
                // one batch after the other: of two records claiming one code, the earlier in the upload wins
                .concatMap(batch -> store(batch, tally))
                .then(Mono.fromRunnable(tally::raiseCounters).subscribeOn(Schedulers.boundedElastic()))
                // searchable here once the import answers (one look at the store for the whole upload)
                .then(Mono.fromRunnable(() -> search.ifAvailable(KcdbSearch::lookNow))
                        .subscribeOn(Schedulers.boundedElastic()))
                .then(Mono.fromSupplier(tally::report));
    }

    /**
     * A batch of records in one round trip: all of them inserted as new records (unordered, so a record already here
     * does not stop the others), and only those whose id or code was taken are then read in one query by their ids (on
     * MongoDB and on the local store alike an index hit): already here unchanged, changed (updated), or another record's
     * code (refused). A first migration thus costs one write per {@value #BATCH} records, not a read and a write per
     * record, and nothing per record grows with the store. Each new record's {@code cmc.migrated} is in its outbox,
     * and the relay is told which records to send, as for any other write.
     */
    private Mono<Void> store(List<Checked> batch, Tally tally) {
        List<Integer> positions = new ArrayList<>(batch.size());
        List<PublishedCmc> cmcs = new ArrayList<>(batch.size());
        List<AggregateStore.Created<PublishedCmc>> created = new ArrayList<>(batch.size());
        Instant now = clock.instant();
        for (Checked record : batch) {
            tally.received.incrementAndGet();
            KcdbRecordReader.Read read = record.read();
            if (read.cmc() == null) {
                tally.reject(record.index(), record.kcdbCode(), read.errors());
                continue;
            }
            positions.add(record.index());
            cmcs.add(read.cmc());
            created.add(new AggregateStore.Created<>(read.cmc().cmcId(), read.cmc(),
                    read.cmc().migrated(now).stream().toList()));
        }
        return published.insertEach(created).flatMap(taken -> {
            for (int i = 0; i < cmcs.size(); i++) {
                if (!taken.contains(i)) {
                    tally.imported.incrementAndGet();
                    tally.seen(cmcs.get(i));
                }
            }
            if (taken.isEmpty()) {
                return Mono.<Void>empty();
            }
            // the refused ones read back in one query by _id (an index hit on MongoDB and on the local store), not
            // one by one: a re-import of records already here is all refusals
            List<String> ids = taken.stream().map(i -> cmcs.get(i).cmcId()).distinct().toList();
            return published.findAll(ids)
                    .collectMap(Versioned::id)
                    .flatMapMany(existing -> Flux.fromIterable(taken).flatMap(i -> store(positions.get(i),
                            cmcs.get(i), existing.get(cmcs.get(i).cmcId()), tally), CONCURRENCY))
                    .then();
        });
    }

    private Mono<Void> store(int index, PublishedCmc cmc, Versioned<PublishedCmc> existing, Tally tally) {
        Mono<AtomicInteger> outcome;
        if (existing == null) {
            outcome = published.insert(cmc.cmcId(), cmc, cmc.migrated(clock.instant()).stream().toList())
                    .thenReturn(tally.imported);
        } else if (existing.aggregate().equals(cmc)) {
            outcome = Mono.just(tally.unchanged);
        } else {
            outcome = published.update(cmc.cmcId(), existing.version(), cmc, List.of()).thenReturn(tally.updated);
        }
        return outcome
                .onErrorResume(DuplicateKeyException.class, e -> published.find(cmc.cmcId())
                        .filter(stored -> stored.aggregate().equals(cmc))
                        .map(same -> tally.unchanged) // the same record twice in one upload
                        .switchIfEmpty(Mono.fromRunnable(() -> tally.reject(index, cmc.kcdbCode(),
                                List.of(new Violation("kcdbCode", "is already used by another record here"))))))
                .doOnNext(counter -> {
                    counter.incrementAndGet();
                    tally.seen(cmc);
                })
                .then();
    }

    /** The records of the upload, whether it is a JSON array or a search response with a {@code data} array. */
    private RecordStream records(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        JsonParser parser = json.createParser(in);
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                    return new RecordStream(parser, in, recordReader());
                }
                parser.skipChildren();
            }
            parser.close();
            in.close();
            throw new InvalidUpload("The upload has no \"data\" array of CMCs.");
        }
        if (first != JsonToken.START_ARRAY) {
            parser.close();
            in.close();
            throw new InvalidUpload("The upload must be a KCDB search response or an array of CMCs.");
        }
        return new RecordStream(parser, in, recordReader());
    }

    /** One record at a time from the middle of the array: what follows it is the next record, not an error. */
    private ObjectReader recordReader() {
        return json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private Flux<JsonNode> nodes(RecordStream stream) {
        return Flux.generate(sink -> {
            JsonToken token = stream.parser().nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                sink.complete();
            } else {
                sink.next(stream.reader().readValue(stream.parser()));
            }
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record RecordStream(JsonParser parser, InputStream in, ObjectReader reader) {

        void close() {
            try {
                parser.close();
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Records of the upload are malformed (answered with 422 naming each); nothing was stored. */
    public static class MalformedRecords extends RuntimeException {
        private final int received;
        private final int rejectedCount;
        private final transient List<?> rejected;
        private final transient List<Violation> errors;

        /** {@code rejected}: each refused record (CMC or comparison); {@code errors}: all fields, data[i].field. */
        MalformedRecords(int received, int rejectedCount, List<?> rejected, List<Violation> errors) {
            super(rejectedCount + " of the " + received + " records are malformed; nothing was imported. "
                    + "Correct them and import the file again.");
            this.received = received;
            this.rejectedCount = rejectedCount;
            this.rejected = rejected;
            this.errors = errors;
        }

        static MalformedRecords of(int received, int rejectedCount, List<Rejection> rejected) {
            return new MalformedRecords(received, rejectedCount, rejected,
                    rejected.stream().flatMap(r -> r.fieldErrors().stream()).toList());
        }

        public int received() {
            return received;
        }

        public int rejectedCount() {
            return rejectedCount;
        }

        public List<?> rejected() {
            return rejected;
        }

        public List<Violation> errors() {
            return errors;
        }
    }

    /** The upload is not JSON of the expected shape (answered with 400). */
    public static class InvalidUpload extends RuntimeException {
        public InvalidUpload(String message) {
            super(message);
        }
    }

    private final class Tally {
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger imported = new AtomicInteger();
        final AtomicInteger updated = new AtomicInteger();
        final AtomicInteger unchanged = new AtomicInteger();
        final AtomicInteger rejectedCount = new AtomicInteger();
        final List<Rejection> rejected = new ArrayList<>();
        final Map<String, Long> highestSerials = new ConcurrentHashMap<>();
        final AtomicLong highestId = new AtomicLong();

        synchronized void reject(int index, String kcdbCode, List<Violation> errors) {
            rejectedCount.incrementAndGet();
            if (rejected.size() < REPORTED_REJECTIONS) {
                rejected.add(new Rejection(index, kcdbCode, errors));
            }
        }

        void seen(PublishedCmc cmc) {
            KcdbCode code = KcdbCode.parse(cmc.kcdbCode()).orElseThrow();
            highestSerials.merge(code.series(), code.serial(), Math::max);
            highestId.accumulateAndGet(cmc.kcdbId(), Math::max);
        }

        void raiseCounters() {
            highestSerials.forEach((series, serial) -> counters.raiseTo("kcdb-code:" + series, serial));
            if (highestId.get() > 0) {
                counters.raiseTo("kcdb-id", highestId.get());
            }
        }

        synchronized Report report() {
            List<Rejection> ordered = new ArrayList<>(rejected);
            ordered.sort(java.util.Comparator.comparingInt(Rejection::index));
            return new Report(received.get(), imported.get(), updated.get(), unchanged.get(), rejectedCount.get(),
                    ordered);
        }
    }
}
