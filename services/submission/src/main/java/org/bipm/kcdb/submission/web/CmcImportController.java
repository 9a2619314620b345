package org.bipm.kcdb.submission.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.Writers;
import org.bipm.kcdb.submission.application.imports.CmcImports;
import org.bipm.kcdb.submission.application.imports.ImportSheets;
import org.bipm.kcdb.submission.domain.imports.ImportJob;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk import of CMC drafts (CONTRACT.md §2): a multipart upload answered 202 with a job to poll or to follow as
 * Server-Sent Events, and the template.
 */
@RestController
@RequestMapping("/api/cmcs/imports")
class CmcImportController {

    /** 30 000 full rows of CSV are about 15 MB; anything far beyond is not a CMC list. */
    static final long LARGEST_FILE = 64L * 1024 * 1024;
    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    private final CmcImports imports;

    CmcImportController(CmcImports imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<ImportJob>> start(Caller caller, @RequestPart("file") FilePart file,
                                          @RequestParam(required = false) String format,
                                          @RequestParam(defaultValue = "false") boolean allOrNothing) {
        // Refused before the upload is copied to a file of ours, not after.
        Writers.requireWriter(caller);
        ImportSheets.Format chosen = formatOf(format, file.filename());
        return Mono.fromCallable(() -> Files.createTempFile("kcdb-import-", "." + chosen.name().toLowerCase(Locale.ROOT)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(path -> file.transferTo(path).then(Mono.fromCallable(() -> checkSize(path)))
                        .flatMap(checked -> imports.start(caller, checked, file.filename(), chosen, allOrNothing))
                        // once started, the job deletes the file it reads; until then a failure leaves it to us
                        .onErrorResume(e -> Mono.fromCallable(() -> Files.deleteIfExists(path))
                                .subscribeOn(Schedulers.boundedElastic()).then(Mono.error(e)))
                        // the client went away before the job started: nobody else will delete it
                        .doOnCancel(() -> Schedulers.boundedElastic().schedule(() -> deleteQuietly(path))))
                .map(job -> ResponseEntity.accepted().location(URI.create("/api/cmcs/imports/" + job.id())).body(job));
    }

    @GetMapping("/{jobId}")
    Mono<ImportJob> job(Caller caller, @PathVariable String jobId) {
        return imports.find(caller, jobId);
    }

    /**
     * The job's progress as Server-Sent Events: {@code progress} while it runs (the job as JSON, at most twice a
     * second), then {@code completed} or {@code failed}, and the stream ends.
     */
    @GetMapping(path = "/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<ImportJob>> events(Caller caller, @PathVariable String jobId) {
        return imports.progress(caller, jobId, PROGRESS_EVERY).map(job -> ServerSentEvent.builder(job)
                .event(job.status() == ImportJob.Status.RUNNING ? "progress"
                        : job.status().name().toLowerCase(Locale.ROOT))
                .id(Integer.toString(job.rowsRead())).build());
    }

    @GetMapping("/template")
    ResponseEntity<byte[]> template(Caller caller, @RequestParam(defaultValue = "csv") String format) {
        Writers.requireWriter(caller);
        ImportSheets.Format chosen = formatOf(format, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImportSheets.writeTemplate(chosen, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "kcdb-cmc-import-template." + chosen.name().toLowerCase(Locale.ROOT);
        return ResponseEntity.ok()
                .contentType(chosen == ImportSheets.Format.CSV ? new MediaType("text", "csv",
                        java.nio.charset.StandardCharsets.UTF_8) : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(out.toByteArray());
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the temporary directory's own clean-up takes it later
        }
    }

    private static Path checkSize(Path path) throws IOException {
        if (Files.size(path) > LARGEST_FILE) {
            Files.deleteIfExists(path);
            throw ApiProblem.invalid(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than 64 MB.",
                    List.of(new ApiProblem.FieldError("file", "must be at most 64 MB")));
        }
        return path;
    }

    private static ImportSheets.Format formatOf(String format, String fileName) {
        String name = format != null ? format : fileName == null ? "" : fileName.substring(fileName.lastIndexOf('.') + 1);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "csv" -> ImportSheets.Format.CSV;
            case "xlsx" -> ImportSheets.Format.XLSX;
            default -> throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Import CSV or XLSX files.",
                    List.of(new ApiProblem.FieldError(format != null ? "format" : "file", "must be csv or xlsx")));
        };
    }
}
