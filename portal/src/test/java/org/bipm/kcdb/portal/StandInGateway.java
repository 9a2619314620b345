package org.bipm.kcdb.portal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in for the gateway that answers as the platform's API does: a canned status and JSON body per request
 * ("METHOD /path?query", the longest registered prefix of the request wins), 404 otherwise; it records the body of every
 * request it received, by method and path (with and without the query), so a test sees exactly what a page sent.
 * One runs for all the page tests ({@link PortalPageTest}), so Spring builds the portal's context once; each test
 * starts with no answers, nothing received and no extra headers ({@link #reset()}).
 */
final class StandInGateway {

    /** A canned answer; {@code contentType} null means JSON (or problem JSON for a refusal). */
    record Answer(int status, String body, String contentType) {
        Answer(int status, String body) {
            this(status, body, null);
        }
    }

    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final Map<String, String> received = new ConcurrentHashMap<>();
    /** The Authorization header of every request that had one, by method and path (without the query). */
    final Map<String, String> authorizations = new ConcurrentHashMap<>();
    /** Added to every answer (an ETag for the CMC pages, a total count for paged lists). */
    final Map<String, String> headers = new ConcurrentHashMap<>();
    private final DisposableServer server;

    StandInGateway() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                        .flatMap(body -> {
                            String key = request.method() + " " + request.uri();
                            received.put(request.method() + " " + request.fullPath(), body);
                            received.put(key, body);
                            String authorization = request.requestHeaders().get("Authorization");
                            if (authorization != null) {
                                authorizations.put(request.method() + " " + request.fullPath(), authorization);
                            }
                            Answer answer = answers.entrySet().stream()
                                    .filter(e -> key.startsWith(e.getKey()))
                                    .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                                    .map(Map.Entry::getValue)
                                    .orElse(new Answer(404, "{\"title\":\"Not Found\",\"detail\":\"nothing here\"}"));
                            response.status(answer.status()).header("Content-Type", answer.contentType() != null
                                    ? answer.contentType()
                                    : answer.status() < 300 ? "application/json" : "application/problem+json");
                            headers.forEach(response::header);
                            return response.sendString(Mono.just(answer.body())).then();
                        }))
                .bindNow();
    }

    int port() {
        return server.port();
    }

    void stop() {
        server.disposeNow();
    }

    void reset() {
        answers.clear();
        received.clear();
        authorizations.clear();
        headers.clear();
    }
}
