package org.bipm.kcdb.submission.domain.imports;

import java.time.Instant;
import java.util.List;

/**
 * A bulk import as its writer follows it: how far it got, what it created, and each cell at fault (the first
 * {@link #MAX_ERRORS}; {@code errorCount} counts them all). {@code rowsTotal}, the file's data rows, is known once
 * the job has counted them, before it reads any row for its content (null until then, and for a file that does not
 * read), so that a page can show how far the job got as a share of the file.
 */
public record ImportJob(String id, String institute, String createdBy, String fileName, String format,
                        boolean allOrNothing, Status status, int rowsRead, Integer rowsTotal, int rowsValid,
                        int draftsCreated,
                        int errorCount, List<ImportColumns.CellError> errors, String detail, Instant startedAt,
                        Instant finishedAt, Double rowsPerSecond) {

    public static final int MAX_ERRORS = 1000;

    /** RUNNING until every row is read; COMPLETED with or without errors; FAILED when the file cannot be read. */
    public enum Status { RUNNING, COMPLETED, FAILED }

    public ImportJob {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ImportJob progress(int read, int valid, int created, int errorTotal, List<ImportColumns.CellError> firstErrors) {
        return new ImportJob(id, institute, createdBy, fileName, format, allOrNothing, status, read, rowsTotal, valid,
                created, errorTotal, firstErrors, detail, startedAt, finishedAt, rowsPerSecond);
    }

    /** The job once it knows how many data rows its file has. */
    public ImportJob counted(int total) {
        return new ImportJob(id, institute, createdBy, fileName, format, allOrNothing, status, rowsRead, total,
                rowsValid, draftsCreated, errorCount, errors, detail, startedAt, finishedAt, rowsPerSecond);
    }

    public ImportJob finish(Status end, String why, Instant at) {
        double seconds = Math.max(1e-3, (at.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
        return new ImportJob(id, institute, createdBy, fileName, format, allOrNothing, end, rowsRead, rowsTotal,
                rowsValid, draftsCreated, errorCount, errors, why, startedAt, at, Math.round(rowsRead / seconds * 10) / 10.0);
    }
}
