package org.bipm.kcdb.portal.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.ApiProblem;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The writer's bulk import of CMCs from CSV or XLSX: the template download, the upload (forwarded as it is to
 * {@code POST /api/cmcs/imports}), and the job's page. While the job runs, the page's progress bar follows the
 * API's event stream, which the portal reads with the user's token and relays (the browser never holds the token);
 * once it ends, the page shows the counts and the table of each row's and column's fault.
 */
@Controller
class CmcImportController {

    private static final List<String> FORMATS = List.of("csv", "xlsx");

    private final PlatformApi api;

    CmcImportController(@Qualifier("user") PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/cmcs/import")
    Rendering page() {
        return Rendering.view("cmc-import").build();
    }

    /** The API's template, passed through with its type and file name. */
    @GetMapping("/cmcs/import/template")
    Mono<ResponseEntity<byte[]>> template(@RequestParam(defaultValue = "csv") String format) {
        String chosen = FORMATS.contains(format) ? format : "csv";
        return api.download("/api/cmcs/imports/template?format={f}", chosen).map(file -> {
            HttpHeaders headers = new HttpHeaders();
            MediaType type = file.getHeaders().getContentType();
            headers.setContentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : type);
            String disposition = file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
            if (disposition != null) {
                headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition);
            }
            return ResponseEntity.ok().headers(headers).body(file.getBody());
        });
    }

    /** Starts the job with the chosen file (streamed through) and goes to its page; a refusal is shown on the form. */
    @PostMapping("/cmcs/import")
    Mono<Rendering> upload(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(parts -> {
            Part part = parts.getFirst("file");
            if (!(part instanceof FilePart file) || file.filename().isBlank()) {
                return Mono.just(refused(new ApiProblem(400, "Bad Request", null,
                        Map.of("file", "Choose a CSV or XLSX file."))));
            }
            boolean allOrNothing = parts.getFirst("allOrNothing") instanceof FormFieldPart field
                    && "true".equals(field.value());
            MultipartBodyBuilder body = new MultipartBodyBuilder();
            body.asyncPart("file", file.content(), DataBuffer.class).filename(file.filename())
                    .contentType(file.headers().getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                            : file.headers().getContentType());
            body.part("allOrNothing", Boolean.toString(allOrNothing));
            return api.postMultipart("/api/cmcs/imports", body.build())
                    .map(job -> Rendering.redirectTo("/cmcs/import/" + job.body().get("id")).build())
                    .onErrorResume(ApiProblem.class, problem -> problem.isUnavailable() || problem.status() == 401
                            || problem.status() == 403 ? Mono.error(problem) : Mono.just(refused(problem)));
        });
    }

    private static Rendering refused(ApiProblem problem) {
        return Rendering.view("cmc-import").status(HttpStatus.valueOf(problem.status()))
                .modelAttribute("problem", problem)
                .modelAttribute("errors", problem.fieldErrors()).build();
    }

    @GetMapping("/cmcs/import/{jobId}")
    Mono<Rendering> job(@PathVariable String jobId) {
        return api.get("/api/cmcs/imports/{id}", jobId).map(job -> Rendering.view("cmc-import-job")
                .modelAttribute("job", job.body())
                .modelAttribute("running", "RUNNING".equals(job.body().get("status")))
                .modelAttribute("percent", percent(job.body()))
                .build());
    }

    /**
     * The job's progress for the page's progress bar: the API's events relayed as they come ({@code progress}, then
     * {@code completed} or {@code failed}), each with the counts only (the error table is the page's, once it ends).
     */
    @GetMapping(path = "/cmcs/import/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<Map<String, Object>>> events(@PathVariable String jobId) {
        return api.events("/api/cmcs/imports/{id}/events", jobId)
                .filter(event -> event.data() != null)
                .map(event -> ServerSentEvent.builder(counts(event.data()))
                        .event(event.event() == null ? "progress" : event.event()).build())
                .timeout(Duration.ofMinutes(30))
                .onErrorResume(e -> Flux.just(ServerSentEvent.<Map<String, Object>>builder(Map.of())
                        .event("unavailable").build()));
    }

    /** The share of the file read, in whole percent, once the job has counted its rows; else null. */
    static Integer percent(Map<String, Object> job) {
        return job.get("rowsTotal") instanceof Number total && total.longValue() > 0
                && job.get("rowsRead") instanceof Number read
                ? (int) Math.min(100, read.longValue() * 100 / total.longValue()) : null;
    }

    private static Map<String, Object> counts(Map<String, Object> job) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String name : List.of("status", "rowsRead", "rowsTotal", "rowsValid", "draftsCreated", "errorCount")) {
            counts.put(name, job.get(name));
        }
        return counts;
    }
}
