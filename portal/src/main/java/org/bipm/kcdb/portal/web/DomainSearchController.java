package org.bipm.kcdb.portal.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public KCDB's three domain searches, as the KCDB API has them ({@code POST /api/kcdb/cmc/searchData/physics},
 * {@code chemistryAndBiology}, {@code radiation}), with paging, and the export of the whole result in the API's
 * formats ({@code POST /api/kcdb/cmc/export/{domain}?format=csv|xlsx|jsonld}), streamed through. The form's inputs
 * are the API's criteria, field for field; blank ones are left out.
 */
@Controller
class DomainSearchController {

    static final int PAGE_SIZE = 20;
    static final List<String> FORMATS = List.of("csv", "xlsx", "jsonld");
    /** Each domain's criteria besides keywords, countries and the publication dates (SearchCriteria of the API). */
    static final Map<String, List<String>> CRITERIA = Map.of(
            "physics", List.of("metrologyAreaLabel", "branchLabel", "serviceLabel", "subServiceLabel",
                    "individualServiceLabel", "physicsCode"),
            "chemistryAndBiology", List.of("categoryLabel", "analyteLabel"),
            "radiation", List.of("branchLabel", "quantityLabel", "sourceLabel", "mediumLabel", "nuclideLabel"));
    static final List<String> DOMAINS = List.of("physics", "chemistryAndBiology", "radiation");

    private final PlatformApi api;

    DomainSearchController(@Qualifier("anonymous") PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/search/{domain}")
    Mono<Rendering> search(@PathVariable String domain, @RequestParam MultiValueMap<String, String> query) {
        List<String> fields = fieldsOf(domain);
        int page = page(query.getFirst("page"));
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("page", page);
        criteria.put("pageSize", PAGE_SIZE);
        criteria.put("showTable", false);
        criteria.putAll(criteria(domain, query));
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : allFields(fields)) {
            String value = query.getFirst(field);
            typed.put(field, value == null ? "" : value);
        }
        return api.post("/api/kcdb/cmc/searchData/{domain}", criteria, domain)
                .map(found -> Rendering.view("domain-search")
                        .modelAttribute("domain", domain)
                        .modelAttribute("domains", DOMAINS)
                        .modelAttribute("fields", fields)
                        .modelAttribute("typed", typed)
                        .modelAttribute("pageLink", link("/search/" + domain, query) + "page=")
                        .modelAttribute("exportLink", link("/search/" + domain + "/export", query) + "format=")
                        .modelAttribute("formats", FORMATS)
                        .modelAttribute("result", found.body())
                        .modelAttribute("page", page)
                        .build());
    }

    /** The whole result (no paging) in one of the API's export formats, with the API's type and file name. */
    @GetMapping("/search/{domain}/export")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@PathVariable String domain,
                                                  @RequestParam MultiValueMap<String, String> query) {
        fieldsOf(domain);
        String format = FORMATS.contains(query.getFirst("format")) ? query.getFirst("format") : "csv";
        return api.postForFile("/api/kcdb/cmc/export/{domain}?format={format}", criteria(domain, query), domain,
                format).map(file -> {
                    HttpHeaders headers = new HttpHeaders();
                    if (file.getHeaders().getContentType() != null) {
                        headers.setContentType(file.getHeaders().getContentType());
                    }
                    String disposition = file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
                    headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition != null ? disposition
                            : "attachment; filename=\"kcdb-" + domain + "." + format + "\"");
                    return ResponseEntity.ok().headers(headers).body(file.getBody());
                });
    }

    private static List<String> fieldsOf(String domain) {
        List<String> fields = CRITERIA.get(domain);
        if (fields == null) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        return fields;
    }

    private static List<String> allFields(List<String> fields) {
        List<String> all = new java.util.ArrayList<>(List.of("keywords"));
        all.addAll(fields);
        all.addAll(List.of("countries", "publicDateFrom", "publicDateTo"));
        return all;
    }

    /** The API's criteria from the form: blank inputs left out, countries as a list (typed separated by commas). */
    private static Map<String, Object> criteria(String domain, MultiValueMap<String, String> query) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (String field : allFields(fieldsOf(domain))) {
            String value = query.getFirst(field);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (field.equals("countries")) {
                criteria.put(field, Arrays.stream(value.split("[,;\\s]+")).filter(c -> !c.isBlank())
                        .map(String::strip).toList());
            } else {
                criteria.put(field, value.strip());
            }
        }
        return criteria;
    }

    /** The path with the search's criteria as typed (not its page or format), ready for one more parameter. */
    private static String link(String path, MultiValueMap<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        query.forEach((key, values) -> {
            if (!key.equals("page") && !key.equals("format") && !values.isEmpty() && values.get(0) != null
                    && !values.get(0).isBlank()) {
                uri.queryParam(key, values.get(0));
            }
        });
        String built = uri.encode().build().toUriString();
        return built + (built.contains("?") ? "&" : "?");
    }

    private static int page(String page) {
        try {
            return page == null ? 0 : Math.max(0, Integer.parseInt(page));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
