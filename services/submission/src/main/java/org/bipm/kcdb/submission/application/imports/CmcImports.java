package org.bipm.kcdb.submission.application.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.DraftRules;
import org.bipm.kcdb.submission.application.Writers;
import org.bipm.kcdb.submission.domain.Actor;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.imports.ImportColumns;
import org.bipm.kcdb.submission.domain.imports.ImportJob;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.submission.persistence.ImportJobs;
import org.bipm.kcdb.submission.persistence.StoredCmcs;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.Violation;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk import of CMC drafts from CSV or XLSX, as a job the writer polls. Each row is read and checked with the
 * draft rules; valid rows become drafts of the writer's institute. All-or-nothing reads the file twice: the first
 * pass only checks, so nothing is created when any row is at fault, and memory stays flat for large files.
 */
public class CmcImports {

    private static final Logger log = LoggerFactory.getLogger(CmcImports.class);
    /** No import of 30 000 rows takes this long; a job still RUNNING after it was cut off by a restart. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofHours(2);
    /** Rows inserted together in one round trip to the store. */
    private static final int BATCH = 500;

    private final DraftRules drafts;
    private final AggregateStore<Cmc> store;
    private final StoredCmcs stored;
    private final ImportJobs jobs;
    private final Clock clock;

    public CmcImports(DraftRules drafts, AggregateStore<Cmc> store, StoredCmcs stored, ImportJobs jobs, Clock clock) {
        this.drafts = drafts;
        this.store = store;
        this.stored = stored;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Records the job and starts reading the file in the background; the file is deleted once read. */
    public Mono<ImportJob> start(Caller caller, Path file, String fileName, ImportSheets.Format format,
                                 boolean allOrNothing) {
        Writers.requireWriter(caller);
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), caller.institute(), caller.username(), fileName,
                format.name(), allOrNothing, ImportJob.Status.RUNNING, 0, null, 0, 0, 0, List.of(), null, clock.instant(),
                null, null);
        Actor author = Writers.actor(caller);
        return jobs.insert(job).doOnSuccess(saved -> Mono.fromRunnable(() -> run(saved, author, file, format))
                .subscribeOn(Schedulers.boundedElastic()).subscribe());
    }

    public Mono<ImportJob> find(Caller caller, String jobId) {
        Writers.requireWriter(caller);
        return jobs.find(jobId, caller.institute())
                .map(this::orphaned)
                .switchIfEmpty(Mono.error(() -> new NotFound("Import job " + jobId)));
    }

    /**
     * The job as it moves, for a Server-Sent Events stream: as it is now, then each change seen in the store every
     * {@code every} (so any instance serves it, whichever runs the import), until the job has finished.
     */
    public Flux<ImportJob> progress(Caller caller, String jobId, java.time.Duration every) {
        return find(caller, jobId).flatMapMany(now -> now.status() != ImportJob.Status.RUNNING ? Flux.just(now)
                // A tick that comes while the store is still answering the last one is skipped, not an overflow
                // that would end the stream.
                : Flux.concat(Mono.just(now), Flux.interval(every).onBackpressureDrop()
                                .concatMap(tick -> find(caller, jobId)))
                        .distinctUntilChanged(job -> java.util.Arrays.asList(job.status(), job.rowsRead(),
                                job.rowsTotal(), job.errorCount()))
                        .takeUntil(job -> job.status() != ImportJob.Status.RUNNING));
    }

    /**
     * A job still running long after its progress last moved was cut off by a restart; the writer is told so
     * instead of polling forever. The drafts it created stay.
     */
    private ImportJob orphaned(ImportJob job) {
        if (job.status() == ImportJob.Status.RUNNING
                && job.startedAt().plus(ABANDONED_AFTER).isBefore(clock.instant())) {
            return job.finish(ImportJob.Status.FAILED, "The import was interrupted (the service restarted); "
                    + job.draftsCreated() + " draft(s) had been created. Import the remaining rows again.",
                    clock.instant());
        }
        return job;
    }

    /** Runs the whole import on the calling thread; the benchmark calls it directly. */
    public ImportJob run(ImportJob job, Actor author, Path file, ImportSheets.Format format) {
        Tally tally = new Tally(job);
        try {
            // One quick pass that only counts (and finds a file that does not read before anything is created), so
            // that the writer sees the share of the file done; the job's events carry the total from then on.
            tally.counted(ImportSheets.count(file, format));
            save(tally.job());
            CmcRules rules = drafts.rules().block();
            if (job.allOrNothing()) {
                ImportSheets.read(file, format, (row, cells) -> check(rules, row, cells, tally));
                if (tally.errorCount > 0) {
                    return save(tally.job().finish(ImportJob.Status.COMPLETED, tally.errorCount
                            + " cell(s) at fault: nothing was imported (all or nothing).", clock.instant()));
                }
                tally.reset();
            }
            List<CmcContent> batch = new ArrayList<>();
            ImportSheets.read(file, format, (row, cells) -> {
                CmcContent valid = check(rules, row, cells, tally);
                if (valid != null) {
                    batch.add(valid);
                }
                if (batch.size() == BATCH) {
                    insert(batch, author, tally);
                    save(tally.job());
                }
            });
            insert(batch, author, tally);
            return save(tally.job().finish(ImportJob.Status.COMPLETED, tally.created + " draft(s) created, "
                    + tally.errorCount + " cell(s) at fault.", clock.instant()));
        } catch (ImportSheets.UnreadableSheet e) {
            return save(tally.job().finish(ImportJob.Status.FAILED, e.getMessage(), clock.instant()));
        } catch (IOException | RuntimeException e) {
            log.warn("Import {} failed", job.id(), e);
            if (job.allOrNothing()) {
                tally.created -= removeCreated(tally.createdIds);
            }
            return save(tally.job().finish(ImportJob.Status.FAILED, "The import stopped: the file could not be "
                    + "read to the end" + (job.allOrNothing() ? "; the drafts it had created were removed." : "."),
                    clock.instant()));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("Could not delete {}", file, e);
            }
        }
    }

    private CmcContent check(CmcRules rules, int row, java.util.Map<String, String> cells, Tally tally) {
        tally.read++;
        ImportColumns.Reading reading = ImportColumns.read(cells);
        List<ImportColumns.CellError> errors = new ArrayList<>();
        reading.errors().forEach(e -> errors.add(new ImportColumns.CellError(row, e.column(), e.message())));
        List<Violation> violations = new ArrayList<>(rules.forDraft(reading.content()));
        violations.addAll(drafts.tableFaults(reading.content()));
        for (Violation violation : violations) {
            errors.add(new ImportColumns.CellError(row, ImportColumns.columnOf(violation.field()),
                    violation.field() + " " + violation.message()));
        }
        if (!errors.isEmpty()) {
            tally.fault(errors);
            return null;
        }
        tally.valid++;
        return reading.content();
    }

    private void insert(List<CmcContent> batch, Actor author, Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        java.util.Map<String, Cmc> drafts = new java.util.LinkedHashMap<>();
        for (CmcContent content : batch) {
            String id = UUID.randomUUID().toString();
            drafts.put(id, Cmc.draft(id, author, content, clock.instant()));
        }
        store.insertAll(drafts).block();
        List<String> ids = List.copyOf(drafts.keySet());
        batch.clear();
        tally.created += ids.size();
        if (tally.job.allOrNothing()) {
            tally.createdIds.addAll(ids);
        }
    }

    private int removeCreated(List<String> ids) {
        return stored.removeAll(ids);
    }

    private ImportJob save(ImportJob job) {
        return jobs.save(job);
    }

    /** Counts as the rows go by; the job's view of them. */
    private static final class Tally {
        private ImportJob job;
        private int read;
        private int valid;
        private int created;
        private int errorCount;
        private final List<ImportColumns.CellError> errors = new ArrayList<>();
        private final List<String> createdIds = new ArrayList<>();

        Tally(ImportJob job) {
            this.job = job;
        }

        void fault(List<ImportColumns.CellError> cells) {
            errorCount += cells.size();
            for (ImportColumns.CellError cell : cells) {
                if (errors.size() < ImportJob.MAX_ERRORS) {
                    errors.add(cell);
                }
            }
        }

        void counted(int total) {
            job = job.counted(total);
        }

        void reset() {
            read = 0;
            valid = 0;
        }

        ImportJob job() {
            return job.progress(read, valid, created, errorCount, errors);
        }
    }
}
