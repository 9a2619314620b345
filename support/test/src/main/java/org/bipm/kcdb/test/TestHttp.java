package org.bipm.kcdb.test;

import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The tests' HTTP client: one fresh connection per request. Reactor Netty 1.3.6's server can leave a keep-alive
 * request unread when it arrives while the previous exchange on that connection is still finishing
 * (reactor-netty #4347); a test client that sends its next request at once hit that window on a loaded machine,
 * as a 20 s hang (a loop of four GETs hung within seconds). 1.3.8 reworks that code, but the same loop then saw
 * connections closed before the response, so the services stay on 1.3.6 and the tests do not reuse connections.
 */
public final class TestHttp {

    private TestHttp() {
    }

    public static WebTestClient client(int port, Duration timeout) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(timeout).build();
    }
}
