import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;

/**
 * PlatformSearchBenchmark's latency measure (30 warm-up requests, then 200 sequential ones, JDK HttpClient) made
 * ROUNDS times in a row on a freshly started gateway and directly on the service behind it, a line per round: how
 * much of what the first-timed query through the gateway shows is the gateway's own warm-up (its JIT) rather than the
 * query. Run by bench/gateway-first-searches.sh.
 *   java bench/gateway/FirstSearches.java GATEWAY_URL DIRECT_URL ROUNDS
 */
public class FirstSearches {

    static final String PATH = "/api/kcdb/cmc/searchData/quickSearch";
    static final String BODY = "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}";
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[2]);
        System.out.printf(Locale.ROOT, "%-6s %-8s %7s %7s %7s   (ms; 30 warm-up, 200 timed each)%n", "round", "via",
                "p50", "p95", "p99");
        for (int round = 1; round <= rounds; round++) {
            for (String[] via : new String[][] {{"gateway", args[0]}, {"direct", args[1]}}) {
                double[] ms = latencies(via[1] + PATH);
                System.out.printf(Locale.ROOT, "%-6d %-8s %7.2f %7.2f %7.2f%n", round, via[0], pct(ms, 50),
                        pct(ms, 95), pct(ms, 99));
            }
        }
    }

    static double[] latencies(String url) throws Exception {
        for (int i = 0; i < 30; i++) {
            search(url);
        }
        double[] ms = new double[200];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            search(url);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static void search(String url) throws Exception {
        HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
