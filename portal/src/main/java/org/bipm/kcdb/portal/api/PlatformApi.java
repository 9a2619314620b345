package org.bipm.kcdb.portal.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The platform's HTTP API through the gateway. {@link #asUser()} calls carry the signed-in user's access token (the
 * authorized client kept in the session); {@link #anonymous()} calls carry none, as the public KCDB needs. A refusal
 * becomes an {@link ApiProblem}; a service that does not answer becomes {@link ApiProblem#unavailable()}.
 */
public final class PlatformApi {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> ARRAY =
            new ParameterizedTypeReference<>() {
            };

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
            new ParameterizedTypeReference<>() {
            };

    private final WebClient client;

    private PlatformApi(WebClient client) {
        this.client = client;
    }

    public static PlatformApi over(WebClient client) {
        return new PlatformApi(client);
    }

    public Mono<ApiResponse> get(String uri, Object... variables) {
        return exchange(HttpMethod.GET, uri, variables, null, null);
    }

    public Mono<List<Map<String, Object>>> getList(String uri, Object... variables) {
        return client.get().uri(uri, variables).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(ARRAY).defaultIfEmpty(List.of())
                        : problem(response))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /** An image the API draws (an SVG graph), as bytes. */
    public Mono<byte[]> getImage(String uri, Object... variables) {
        return client.get().uri(uri, variables).accept(MediaType.valueOf("image/svg+xml"))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        : problem(response))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /** A list the API pages in its headers: the page's items and {@code X-Total-Count} (the page's size if absent). */
    public Mono<ListPage> getPage(String uri, Object... variables) {
        return client.get().uri(uri, variables).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(ARRAY).defaultIfEmpty(List.of()).map(items -> new ListPage(items,
                                total(response.headers().asHttpHeaders().getFirst("X-Total-Count"), items.size())))
                        : problem(response))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /**
     * A list the platform's own API pages in its body, {@code {page, size, totalElements, content}} (the services'
     * one paging rule): the page's items and the whole list's count.
     */
    public Mono<ListPage> getPaged(String uri, Object... variables) {
        return get(uri, variables).map(found -> {
            Object content = found.body().get("content");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = content instanceof List<?> list ? (List<Map<String, Object>>) list
                    : List.of();
            return new ListPage(items, found.body().get("totalElements") instanceof Number total
                    ? total.longValue() : items.size());
        });
    }

    private static long total(String header, int fallback) {
        try {
            return header == null ? fallback : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** One page of a list and the number of items in the whole list. */
    public record ListPage(List<Map<String, Object>> items, long total) {
    }

    public Mono<ApiResponse> post(String uri, Object body, Object... variables) {
        return exchange(HttpMethod.POST, uri, variables, body, null);
    }

    public Mono<ApiResponse> put(String uri, String ifMatch, Object body, Object... variables) {
        return exchange(HttpMethod.PUT, uri, variables, body, ifMatch);
    }

    /** Posts a JSON document as it is (an uploaded file), streamed rather than read into memory first. */
    public Mono<ApiResponse> postJson(String uri, Publisher<DataBuffer> json, Object... variables) {
        return client.post().uri(uri, variables).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .contentType(MediaType.APPLICATION_JSON).body(BodyInserters.fromDataBuffers(json))
                .exchangeToMono(answer(response -> response.bodyToMono(OBJECT).defaultIfEmpty(Map.of())
                        .map(body -> new ApiResponse(body, response.headers().asHttpHeaders().getETag()))))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /** Posts a multipart form (an uploaded file streamed through, with the form's other fields). */
    public Mono<ApiResponse> postMultipart(String uri, MultiValueMap<String, HttpEntity<?>> parts,
                                           Object... variables) {
        return client.post().uri(uri, variables).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts))
                .exchangeToMono(answer(response -> response.bodyToMono(OBJECT).defaultIfEmpty(Map.of())
                        .map(body -> new ApiResponse(body, response.headers().asHttpHeaders().getETag()))))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /** A file the API serves (a template), with its content type and content disposition. */
    public Mono<ResponseEntity<byte[]>> download(String uri, Object... variables) {
        return client.get().uri(uri, variables).accept(MediaType.ALL)
                .exchangeToMono(answer(response -> response.toEntity(byte[].class)))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /** A file the API writes from a posted query (an export), streamed through with its headers. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> postForFile(String uri, Object body, Object... variables) {
        return client.post().uri(uri, variables).accept(MediaType.ALL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> PlatformApi.<Throwable>problem(response))
                .toEntityFlux(DataBuffer.class)
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    /**
     * A stream of Server-Sent Events the API sends (an import job's progress), each event's data as JSON; a refusal
     * before the stream starts is an {@link ApiProblem}.
     */
    public Flux<ServerSentEvent<Map<String, Object>>> events(String uri, Object... variables) {
        return client.get().uri(uri, variables).accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToFlux(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToFlux(EVENT)
                        : PlatformApi.<ServerSentEvent<Map<String, Object>>>problem(response).flux())
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    private Mono<ApiResponse> exchange(HttpMethod method, String uri, Object[] variables, Object body,
                                       String ifMatch) {
        WebClient.RequestBodySpec request = client.method(method).uri(uri, variables)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        WebClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(answer(response -> response.bodyToMono(OBJECT).defaultIfEmpty(Map.of())
                        .map(json -> new ApiResponse(json, response.headers().asHttpHeaders().getETag()))))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unavailable());
    }

    private static <T> Function<ClientResponse, Mono<T>> answer(Function<ClientResponse, Mono<T>> success) {
        return response -> response.statusCode().is2xxSuccessful() ? success.apply(response) : problem(response);
    }

    private static <T> Mono<T> problem(ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(OBJECT)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(Map.of())
                .flatMap(body -> Mono.error(ApiProblem.of(status, body)));
    }
}
