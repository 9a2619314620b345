package org.bipm.kcdb.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load for the benchmarks (bench/gateway.sh): {@code connections} clients, each on one kept-alive
 * HTTP/1.1 connection of its own, send the same request one after another for a warm-up and then for the measured
 * time. Used to measure the gateway and the service behind it side by side with the same client, so that the client's
 * own cost is the same on both paths.
 */
public final class LoadDriver {

    /** What each client sends: a GET when {@code body} is null, else a POST of JSON. */
    public record Call(String url, Map<String, String> headers, String body) {
    }

    /** Requests per second and latency over the measured window; {@code failures} counts non-2xx answers. */
    public record Result(int connections, long requests, long failures, double perSecond, double p50Millis,
                         double p99Millis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d conn: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms%s", connections,
                    perSecond, p50Millis, p99Millis, failures == 0 ? "" : "  (" + failures + " failed)");
        }
    }

    private LoadDriver() {
    }

    public static Result run(Call call, int connections, Duration warmUp, Duration measured)
            throws InterruptedException {
        HttpRequest request = request(call);
        long start = System.nanoTime() + warmUp.toNanos();
        long end = start + measured.toNanos();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        AtomicLong failures = new AtomicLong();
        Thread[] clients = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int client = c;
            clients[c] = new Thread(() -> {
                // One client per connection: the JDK client keeps one HTTP/1.1 connection alive for sequential calls.
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                long[] mine = new long[4096];
                int n = 0;
                while (true) {
                    long before = System.nanoTime();
                    if (before >= end) {
                        break;
                    }
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    } catch (Exception e) {
                        status = 599;
                    }
                    long after = System.nanoTime();
                    if (before >= start && after <= end) {
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = after - before;
                        if (status < 200 || status >= 300) {
                            failures.incrementAndGet();
                        }
                    }
                }
                latencies[client] = mine;
                counts[client] = n;
            }, "load-" + c);
            clients[c].start();
        }
        for (Thread client : clients) {
            client.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(connections, total, failures.get(), total / (measured.toNanos() / 1e9),
                percentile(all, 0.50), percentile(all, 0.99));
    }

    /**
     * The same call directly to the service and through the gateway, in the order direct, gateway, gateway, direct
     * (drift in the machine's other load falls on both alike), {@code window} each after a 2 s warm-up; one line
     * with both means, the throughput ratio and the median the gateway adds.
     */
    public static String sideBySide(String name, int connections, Duration window, Call direct, Call gateway)
            throws InterruptedException {
        Duration warmUp = Duration.ofSeconds(2);
        Result d1 = run(direct, connections, warmUp, window);
        Result g1 = run(gateway, connections, warmUp, window);
        Result g2 = run(gateway, connections, warmUp, window);
        Result d2 = run(direct, connections, warmUp, window);
        double directRate = (d1.perSecond() + d2.perSecond()) / 2;
        double gatewayRate = (g1.perSecond() + g2.perSecond()) / 2;
        double directMedian = (d1.p50Millis() + d2.p50Millis()) / 2;
        double gatewayMedian = (g1.p50Millis() + g2.p50Millis()) / 2;
        long failures = d1.failures() + d2.failures() + g1.failures() + g2.failures();
        return String.format(Locale.ROOT, "%-18s %d conn  direct %6.0f req/s p50 %6.2f ms | gateway %6.0f req/s"
                        + " p50 %6.2f ms | ratio %3.0f %%  added p50 %+6.2f ms%s%n", name, connections, directRate,
                directMedian, gatewayRate, gatewayMedian, 100 * gatewayRate / directRate, gatewayMedian - directMedian,
                failures == 0 ? "" : "  (" + failures + " answers not 2xx)");
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static HttpRequest request(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(30));
        call.headers().forEach(builder::header);
        if (call.body() == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return builder.build();
    }

    /** The machine's 1-, 5- and 15-minute load averages, as the benchmarks report them. */
    public static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
