package org.bipm.kcdb.publication.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every match of a search, written as CSV, XLSX or JSON-LD and streamed in chunks, so that a whole domain downloads
 * without one response body held in memory. The bodies are those of the searches; page and pageSize are ignored.
 */
@RestController
@RequestMapping("/api/kcdb/cmc/export")
class KcdbExportController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType JSON_LD = new MediaType("application", "ld+json", StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final int CHUNK = 256;

    private final KcdbSearch search;
    private final JsonMapper json;

    private final ReferenceChanges changes;

    KcdbExportController(KcdbSearch search, JsonMapper json, ReferenceChanges changes) {
        this.changes = changes;
        this.search = search;
        this.json = json;
    }

    /** The quick search by URL, for a browser or a spreadsheet's "from web" import. */
    @GetMapping
    ResponseEntity<Flux<DataBuffer>> export(@RequestParam(defaultValue = "csv") String format,
                                            @RequestParam(required = false) String keywords,
                                            @RequestParam(required = false) String status,
                                            @RequestParam(required = false) String changedSince,
                                            ServerHttpRequest http) {
        QuickSearchCriteria criteria = new QuickSearchCriteria(null, null, false, status, keywords, null, null);
        return write(format, SearchRequest.quick(criteria, changedSince), http);
    }

    @PostMapping("/quickSearch")
    ResponseEntity<Flux<DataBuffer>> quickSearch(@RequestBody QuickSearchCriteria criteria,
                                                 @RequestParam(defaultValue = "csv") String format,
                                                 @RequestParam(required = false) String changedSince,
                                                 ServerHttpRequest http) {
        return write(format, SearchRequest.quick(criteria, changedSince), http);
    }

    @PostMapping("/physics")
    ResponseEntity<Flux<DataBuffer>> physics(@RequestBody SearchCriteria.Physics criteria,
                                             @RequestParam(defaultValue = "csv") String format,
                                             @RequestParam(required = false) String changedSince,
                                             ServerHttpRequest http) {
        return write(format, SearchRequest.physics(criteria, changedSince), http);
    }

    @PostMapping("/chemistryAndBiology")
    ResponseEntity<Flux<DataBuffer>> chemistryAndBiology(@RequestBody SearchCriteria.ChemistryAndBiology criteria,
                                                         @RequestParam(defaultValue = "csv") String format,
                                                         @RequestParam(required = false) String changedSince,
                                                         ServerHttpRequest http) {
        return write(format, SearchRequest.chemistryAndBiology(criteria, changedSince), http);
    }

    @PostMapping("/radiation")
    ResponseEntity<Flux<DataBuffer>> radiation(@RequestBody SearchCriteria.Radiation criteria,
                                               @RequestParam(defaultValue = "csv") String format,
                                               @RequestParam(required = false) String changedSince,
                                               ServerHttpRequest http) {
        return write(format, SearchRequest.radiation(criteria, changedSince), http);
    }

    private ResponseEntity<Flux<DataBuffer>> write(String format, SearchRequest request, ServerHttpRequest http) {
        if (!format.equals("csv") && !format.equals("jsonld") && !format.equals("xlsx")) {
            throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Unknown export format.",
                    List.of(new FieldError("format", "must be csv, xlsx or jsonld")));
        }
        List<PublishedCmc> found = request.runAll(search);
        Function<PublishedCmc, Map<String, Object>> api = cmc -> KcdbRecords.toApi(cmc, request.showTable(), changes);
        Flux<DataBuffer> body;
        MediaType type;
        switch (format) {
            case "xlsx" -> {
                type = XLSX;
                body = XlsxExport.write(found, api);
            }
            case "csv" -> {
                type = CSV;
                body = text(Flux.concat(Flux.just(CsvRows.header()), Flux.fromIterable(found).buffer(CHUNK)
                        .map(chunk -> rows(chunk, r -> CsvRows.row(api.apply(r)), ""))));
            }
            default -> {
                type = JSON_LD;
                String base = http.getURI().resolve("/api/kcdb/cmc/").toString();
                body = text(Flux.concat(Flux.just(JsonLdRecords.opening(json, base)),
                        Flux.fromIterable(found).buffer(CHUNK).index().map(chunk -> (chunk.getT1() == 0 ? "" : ",")
                                + rows(chunk.getT2(), r -> json.writeValueAsString(JsonLdRecords.node(api.apply(r))),
                                ",")),
                        Flux.just(JsonLdRecords.CLOSING)));
            }
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.setContentDisposition(ContentDisposition.attachment().filename("kcdb-cmcs." + format).build());
        headers.set("X-Total-Count", String.valueOf(found.size()));
        return ResponseEntity.ok().headers(headers).body(body);
    }

    private static Flux<DataBuffer> text(Flux<String> chunks) {
        return chunks.map(text -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String rows(List<PublishedCmc> chunk, Function<PublishedCmc, String> row, String separator) {
        List<String> rows = new ArrayList<>(chunk.size());
        for (PublishedCmc cmc : chunk) {
            rows.add(row.apply(cmc));
        }
        return String.join(separator, rows);
    }
}
