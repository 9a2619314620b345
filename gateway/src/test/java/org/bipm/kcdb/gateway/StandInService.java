package org.bipm.kcdb.gateway;

import java.util.List;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One local HTTP server standing in for every service behind the gateway, so a test sees exactly what the gateway
 * forwarded (path, headers, body) without starting the services.
 */
final class StandInService {

    /** Every route the gateway has, by the name of its {@code kcdb.gateway.<service>-uri} property. */
    static final List<String> SERVICES = List.of("submission", "review", "comparison", "publication",
            "notification", "portal");

    private StandInService() {
    }

    static DisposableServer start(
            BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
        return HttpServer.create().host("127.0.0.1").port(0).handle(handler).bindNow();
    }

    /** Points every route of the gateway under test at the stand-in. */
    static void routeEverythingTo(DisposableServer standIn, DynamicPropertyRegistry registry) {
        String uri = url(standIn);
        for (String service : SERVICES) {
            registry.add("kcdb.gateway." + service + "-uri", () -> uri);
        }
    }

    static String url(DisposableServer standIn) {
        return "http://127.0.0.1:" + standIn.port();
    }
}
