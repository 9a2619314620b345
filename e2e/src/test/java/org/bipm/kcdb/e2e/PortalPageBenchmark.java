package org.bipm.kcdb.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bipm.kcdb.platform.Platform;
import org.bipm.kcdb.platform.Ports;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rerunnable benchmark, not a test (surefire does not pick it up by name): the portal's pages through the gateway on
 * the platform as {@code ./kcdb up} runs it, with {@code kcdb.bench.records} (default 30 000) published CMCs
 * migrated in. A writer signs in through Keycloak's login form (the portal's session cookie, as a browser holds it),
 * then each page is requested {@value #SAMPLES} times in sequence after {@value #WARM_UP} warm-up requests; the
 * time is the whole HTML answer as the client on the same machine receives it (gateway, portal and the API calls the
 * page makes). Run: {@code bench/portal-pages.sh}.
 */
class PortalPageBenchmark {

    static final int WARM_UP = 10;
    static final int SAMPLES = 100;
    /** A writer whose institute has migrated CMCs among the sample records. */
    static final String WRITER = "writer.nist";
    /** The pilot of the benchmark's comparison, whose page shows the matrix of the draft evaluation. */
    static final String PILOT = "coordinator.ptb";
    static final List<String> PARTICIPANTS = List.of("PTB", "NPL", "NIST", "LNE", "METAS", "NMIJ", "KRISS", "NRC",
            "VSL", "INRIM");

    @Test
    void portalPagesWithThirtyThousandPublishedCmcs() throws Exception {
        assumeTrue(Boolean.getBoolean("kcdb.bench"), "a benchmark: runs with -Dkcdb.bench=true (bench/*.sh)");
        int records = Integer.getInteger("kcdb.bench.records", 30_000);
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path state = Files.createDirectories(Path.of("target", "bench-portal").toAbsolutePath());
        // The e2e tests' Keycloak (bench/portal-pages.sh waits for their lock), or one of the benchmark's own, as
        // ./kcdb up keeps its own, to run beside them: -Dkcdb.bench.keycloak=<dir> (unpacked there on first use).
        Path keycloak = Path.of(System.getProperty("kcdb.bench.keycloak", Path.of(System.getProperty("user.home"),
                ".cache", "kcdb", "keycloak-26.4.5-e2e").toString()));
        try (Platform platform = Platform.start(new Platform.Config(repo, state, keycloak, Ports.free(), true))) {
            String gateway = platform.gatewayUrl();
            String direct = "http://127.0.0.1:" + platform.services().stream()
                    .filter(s -> s.name().equals("publication")).findFirst().orElseThrow().port();
            Path upload = Files.createTempFile("kcdb-portal-bench-", ".json");
            Map<String, Integer> perInstitute = PlatformSearchBenchmark.write(upload, records);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gateway + "/api/kcdb/imports"))
                    .header("Authorization", "Bearer " + Http.passwordToken(platform.tokenUrl(), "kcdb.office"))
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofFile(upload)).build(), HttpResponse.BodyHandlers.ofString());
            Files.delete(upload);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Import failed: " + answer.statusCode() + " "
                        + answer.body().substring(0, Math.min(600, answer.body().length())));
            }
            PlatformSearchBenchmark.awaitSearchable(direct, records);
            int ours = perInstitute.getOrDefault("NIST", 0);
            Http api = new Http(gateway);
            String token = Http.passwordToken(platform.tokenUrl(), WRITER);
            JsonNode published = awaitOurs(api, platform, ours);
            String cmcId = published.get("content").get(0).get("id").asString();
            String kcdbCode = published.get("content").get(0).get("kcdbCode").asString();

            String comparison = publishedComparison(api, platform);

            HttpClient browser = signIn(gateway, WRITER, "/cmcs");
            HttpClient pilot = signIn(gateway, PILOT, "/coordination");

            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("public: quick search", "/search?keywords=voltage");
            pages.put("public: physics search", "/search/physics?metrologyAreaLabel=EM&branchLabel=EM%2FDC");
            pages.put("public: chemistry search", "/search/chemistryAndBiology?analyteLabel=boron");
            pages.put("public: CMC page", "/kcdb/" + kcdbCode);
            pages.put("public: comparisons", "/comparisons");
            pages.put("public: comparisons, EM", "/comparisons?area=EM&status=PUBLISHED");
            pages.put("public: comparison+matrix", "/comparisons/" + comparison);
            pages.put("writer: our CMCs", "/cmcs");
            pages.put("writer: published, page 3", "/cmcs?status=PUBLISHED&page=3");
            pages.put("writer: physics form", "/cmcs/new");
            pages.put("writer: radiation form", "/cmcs/new?domain=RADIATION");
            pages.put("writer: a CMC", "/cmcs/" + cmcId);
            pages.put("writer: versions", "/cmcs/" + cmcId + "/versions");
            pages.put("writer: modification form", "/cmcs/" + cmcId + "/modification");
            pages.put("writer: import", "/cmcs/import");

            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%n==== KCDB portal page benchmark ====%nmachine: %d cores, Java %s, load average %s%n"
                            + "records: %d published CMCs migrated through the gateway, %d of them NIST's (%s's own);"
                            + " comparison %s with %d participants published%n"
                            + "time of the whole page through the gateway, %d sequential requests after %d warm-up, ms%n"
                            + "%-28s %7s %7s %7s %7s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load(), records,
                    ours, WRITER, comparison, PARTICIPANTS.size(), SAMPLES, WARM_UP, "page", "p50", "p95", "p99", "max"));
            pages.put("pilot: comparison+matrix", "/coordination/" + comparison);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                double[] millis = times(page.getKey().startsWith("pilot") ? pilot : browser,
                        gateway + page.getValue());
                out.append(String.format(Locale.ROOT, "%-28s %7.1f %7.1f %7.1f %7.1f%n", page.getKey(),
                        PlatformSearchBenchmark.percentile(millis, 50), PlatformSearchBenchmark.percentile(millis, 95),
                        PlatformSearchBenchmark.percentile(millis, 99), millis[millis.length - 1]));
            }
            out.append("load average after: ").append(load()).append('\n');
            System.out.println(out);
        }
    }

    /** The writer's institute's migrated CMCs, once the platform has handed them all over (cmc.migrated). */
    private static JsonNode awaitOurs(Http api, Platform platform, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (Instant.now().isBefore(deadline)) {
            Http.Response page = api.get("/api/cmcs?status=PUBLISHED&size=1",
                    Http.passwordToken(platform.tokenUrl(), WRITER));
            if (page.status() == 200 && page.body().get("totalElements").asInt() >= Math.max(1, expected)) {
                return page.body();
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("The migrated CMCs were not handed over within 30 minutes");
    }

    /**
     * A key comparison of {@link #PARTICIPANTS} evaluated by PTB's pilot and published by the office (a new one each
     * run: the platform's store is kept between runs), for the comparison pages and their pairwise matrix.
     */
    private static String publishedComparison(Http api, Platform platform) throws Exception {
        String identifier = "CCEM-K" + (1000 + Math.abs(java.util.UUID.randomUUID().hashCode() % 8000));
        String base = "/api/comparisons/" + identifier;
        String pilot = Http.passwordToken(platform.tokenUrl(), PILOT);
        expect(api.post("/api/comparisons", pilot, Map.of("identifier", identifier, "type", "KEY", "organiser",
                "CCEM", "metrologyAreaLabel", "EM", "measurand", "DC voltage of a 10 V Zener standard", "unit", "V",
                "pilot", "PTB", "participants", PARTICIPANTS)), 201, "registration");
        expect(api.post(base + "/status", pilot, Map.of("status", "MEASUREMENTS")), 200, "MEASUREMENTS");
        for (int i = 0; i < PARTICIPANTS.size(); i++) {
            // Spread so that some pairs differ by more than their expanded uncertainty.
            expect(api.put(base + "/results/" + PARTICIPANTS.get(i), pilot, Map.of("value",
                    10.0 + (i % 4 - 1.5) * 4e-7, "standardUncertainty", (2 + i % 3) * 1e-7, "unit", "V")), 200,
                    "result of " + PARTICIPANTS.get(i));
        }
        expect(api.post(base + "/status", pilot, Map.of("status", "DRAFT_A")), 200, "DRAFT_A");
        expect(api.post(base + "/evaluations", pilot, Map.of("method", "WEIGHTED_MEAN")), 201, "evaluation");
        expect(api.post(base + "/status", pilot, Map.of("status", "DRAFT_B")), 200, "DRAFT_B");
        expect(api.post(base + "/status", pilot, Map.of("status", "APPROVED")), 200, "APPROVED");
        expect(api.post(base + "/status", Http.passwordToken(platform.tokenUrl(), "kcdb.office"),
                Map.of("status", "PUBLISHED")), 200, "publication");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Http.Response published = api.get("/api/kcdb/comparisons/" + identifier, null);
            if (published.status() == 200 && published.body().hasNonNull("evaluation")) {
                return identifier;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(identifier + " did not reach the public KCDB within 2 minutes");
    }

    private static void expect(Http.Response answer, int status, String step) {
        if (answer.status() != status) {
            throw new IllegalStateException(step + " answered " + answer.status() + ": " + answer.body());
        }
    }

    /**
     * Through Keycloak's login form, as a browser: the portal's session cookie ends up in the returned client's
     * cookies, which then follows redirects as a browser does.
     */
    private static HttpClient signIn(String gateway, String user, String path) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new PlainHttpCookies())
                .followRedirects(HttpClient.Redirect.ALWAYS).connectTimeout(Duration.ofSeconds(5)).build();
        // As a browser asks: Spring Security keeps the page to return to after the login only for a request that
        // accepts HTML (without it the portal lands on / after the sign-in).
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(gateway + path))
                        .header("Accept", "text/html,application/xhtml+xml").build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|"
                + "<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"").matcher(login.body());
        if (!action.find()) {
            throw new IllegalStateException("No Keycloak login form at " + login.uri());
        }
        String url = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 200 || !signedIn.uri().toString().startsWith(gateway + path)) {
            throw new IllegalStateException("Sign-in of " + user + " failed: " + signedIn.statusCode() + " at "
                    + signedIn.uri());
        }
        return browser;
    }

    /**
     * Keycloak marks its login cookies Secure; a browser sends them to 127.0.0.1 over plain HTTP (a local address is a
     * secure context), Java's CookieManager does not, and Keycloak then refuses the login form (400). This keeps the
     * cookies as a browser on the same machine would.
     */
    static final class PlainHttpCookies extends java.net.CookieHandler {
        private final CookieManager cookies = new CookieManager();

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers)
                throws java.io.IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws java.io.IOException {
            Map<String, java.util.List<String>> plain = new LinkedHashMap<>();
            headers.forEach((name, values) -> plain.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList() : values));
            cookies.put(uri, plain);
        }
    }

    private static double[] times(HttpClient browser, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html,application/xhtml+xml")
                .timeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < WARM_UP; i++) {
            page(browser, request);
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            page(browser, request);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void page(HttpClient browser, HttpRequest request) throws Exception {
        HttpResponse<String> page = browser.send(request, HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200 || !page.uri().equals(request.uri())) {
            throw new IllegalStateException(request.uri() + " answered " + page.statusCode() + " at " + page.uri());
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
