package org.bipm.kcdb.publication.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook targets (SSRF): what a registrant may aim deliveries at, at registration and at each delivery. */
class WebhookTargetsTest {

    /** A resolver with fixed answers: no test depends on the machine's DNS. */
    static WebhookTargets.Lookup table(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                if (host.contains(":") || host.matches("[0-9.]+")) {
                    return new InetAddress[] {InetAddress.getByName(host)}; // a literal, as the JDK reads it
                }
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    static final WebhookTargets.Lookup DNS = table(Map.of(
            "hooks.rmo.example", "93.184.215.14",
            "intranet.rmo.example", "10.20.30.40",
            "metadata.rmo.example", "169.254.169.254",
            "v6.rmo.example", "fd12:3456::1",
            "mapped.rmo.example", "::ffff:192.168.1.1",
            "localhost", "127.0.0.1"));
    static final WebhookTargets PRODUCTION = new WebhookTargets(false, List.of(), DNS);

    @Test
    void aPublicHttpsReceiverIsAccepted() {
        assertThat(PRODUCTION.refusal("https://hooks.rmo.example/kcdb")).isEmpty();
        assertThat(PRODUCTION.refusal("https://hooks.rmo.example:8443/kcdb?x=1")).isEmpty();
        assertThat(PRODUCTION.refusal("https://93.184.215.14/kcdb")).isEmpty();
        assertThat(PRODUCTION.refusal("https://[2001:db8::1]/kcdb")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/", "https://127.8.9.10/", "https://localhost/", "https://0.0.0.0/",
            "https://0x7f000001/", "https://2130706433/", "https://0177.0.0.1/", "https://127.1/",
            "https://0x7f.0.0.1/", "https://[::1]/", "https://[::]/", "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/", "https://[0:0:0:0:0:ffff:10.0.0.1]/", "https://[64:ff9b::a9fe:a9fe]/",
            "https://[fe80::1%25eth0]/", "https://[fe80::1]/", "https://[fd00::1]/", "https://[ff02::1]/",
            "https://10.0.0.1/", "https://172.16.5.4/", "https://172.31.255.255/", "https://192.168.0.1/",
            "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/", "https://224.0.0.1/",
            "https://255.255.255.255/", "https://intranet.rmo.example/", "https://metadata.rmo.example/",
            "https://v6.rmo.example/", "https://mapped.rmo.example/"})
    void anAddressInsideTheNetworkIsRefusedInEveryNotation(String url) {
        assertThat(PRODUCTION.refusal(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.rmo.example/", "ftp://hooks.rmo.example/", "hooks.rmo.example/x",
            "https://user:pass@hooks.rmo.example/", "https://token@hooks.rmo.example/", "https:///nohost",
            "https://unknown.invalid/", "https://hooks.rmo.example/#frag", "not a url", ""})
    void aUrlThatIsNotAPlainHttpsReceiverIsRefused(String url) {
        assertThat(PRODUCTION.refusal(url)).as(url).isPresent();
    }

    @Test
    void theLocalPlatformAllowsHttpAndTheOperatorAllowsNamedInternalReceivers() {
        WebhookTargets local = new WebhookTargets(true, List.of("127.0.0.1", "::1", "localhost"), DNS);
        assertThat(local.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(local.refusal("http://localhost:9000/hook")).isEmpty();
        assertThat(local.refusal("http://[::1]:9000/hook")).isEmpty();
        assertThat(local.refusal("http://10.0.0.1/hook")).as("only what is listed").isPresent();
        assertThat(local.refusal("http://2130706433/hook")).as("odd notations stay refused").isPresent();
        assertThat(local.refusal("http://user:pw@127.0.0.1/hook")).isPresent();

        WebhookTargets operator = new WebhookTargets(false, List.of("10.20.0.0/16", "fd12::/16",
                "INTRANET.rmo.example"), DNS);
        assertThat(operator.refusal("https://10.20.1.2/hook")).isEmpty();
        assertThat(operator.refusal("https://10.21.1.2/hook")).isPresent();
        assertThat(operator.refusal("https://v6.rmo.example/hook")).isEmpty();
        assertThat(operator.refusal("https://intranet.rmo.example/hook")).isEmpty();
        assertThat(operator.refusal("https://metadata.rmo.example/hook")).isPresent();
        assertThat(operator.refusal("http://intranet.rmo.example/hook")).as("still https only").isPresent();
        assertThatThrownBy(() -> new WebhookTargets(false, List.of("intranet/8"), DNS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A name that resolved to a public address at registration and resolves to this machine at delivery: the
     * delivery's own resolution is checked, and the receiver on this machine never sees the request.
     */
    @Test
    void dnsRebindingAfterRegistrationIsRefusedAtDelivery() throws Exception {
        HttpServer inside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger reached = new AtomicInteger();
        inside.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        inside.start();
        try {
            AtomicInteger lookups = new AtomicInteger();
            WebhookTargets.Lookup rebinding = host -> new InetAddress[] {InetAddress.getByName(
                    lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")};
            String url = "http://rebind.rmo.example:" + inside.getAddress().getPort() + "/hook";
            WebhookTargets targets = new WebhookTargets(true, List.of(), rebinding);
            assertThat(targets.refusal(url)).as("public at registration").isEmpty();

            assertThatThrownBy(() -> post(targets, url)).as("internal at delivery");
            assertThat(reached).hasValue(0);

            // The same client with the address allowed reaches it: the checked resolution is the one connected to.
            WebhookTargets allowed = new WebhookTargets(true, List.of("127.0.0.1"), rebinding);
            assertThat(post(allowed, url)).isEqualTo(204);
            assertThat(reached).hasValue(1);
        } finally {
            inside.stop(0);
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger redirected = new AtomicInteger();
        receiver.createContext("/hook", exchange -> {
            exchange.getResponseHeaders().add("Location", "/internal");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        receiver.createContext("/internal", exchange -> {
            redirected.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            WebhookTargets targets = new WebhookTargets(true, List.of("127.0.0.1"), DNS);
            assertThat(post(targets, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")).isEqualTo(307);
            assertThat(redirected).hasValue(0);
        } finally {
            receiver.stop(0);
        }
    }

    private static Integer post(WebhookTargets targets, String url) {
        return WebhookDelivery.client(targets).post().uri(url).bodyValue("{}")
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(10));
    }
}
