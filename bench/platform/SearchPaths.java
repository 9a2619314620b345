import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bipm.kcdb.platform.LoadDriver;

/**
 * The platform's typical searches (PlatformSearchBenchmark's five) against several base URLs of a running platform,
 * side by side: e.g. the publication service directly, the platform's gateway and a second gateway (another build)
 * in front of the same service. Each query, at each connection count, runs on every path in turn and then again in
 * the reverse order, WINDOW seconds each after a 2 s warm-up; a line per path with the two rounds' mean.
 *   java -cp infra/platform/target/classes bench/platform/SearchPaths.java WINDOW CONNECTIONS name=url...
 */
public class SearchPaths {

    static final Map<String, String[]> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("quick: keywords", new String[] {"/api/kcdb/cmc/searchData/quickSearch",
                "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}"});
        QUERIES.put("quick: filter RMO", new String[] {"/api/kcdb/cmc/searchData/quickSearch",
                "{\"page\":0,\"pageSize\":20,\"includedFilters\":[\"cmcRmo.SIM\"]}"});
        QUERIES.put("physics: area+branch", new String[] {"/api/kcdb/cmc/searchData/physics",
                "{\"page\":0,\"pageSize\":100,\"metrologyAreaLabel\":\"EM\",\"branchLabel\":\"EM/HV\"}"});
        QUERIES.put("physics: phrase, page 5", new String[] {"/api/kcdb/cmc/searchData/physics",
                "{\"page\":5,\"pageSize\":100,\"metrologyAreaLabel\":\"PR\",\"keywords\":\"\\\"fibre optic\\\"\"}"});
        QUERIES.put("chem-bio: analyte", new String[] {"/api/kcdb/cmc/searchData/chemistryAndBiology",
                "{\"page\":0,\"pageSize\":100,\"metrologyAreaLabel\":\"QM\",\"analyteLabel\":\"boron\"}"});
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(Long.parseLong(args[0]));
        List<Integer> connections = new ArrayList<>();
        for (String c : args[1].split(",")) {
            connections.add(Integer.parseInt(c));
        }
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] named = args[i].split("=", 2);
            paths.put(named[0], named[1]);
        }
        String only = System.getProperty("queries", "");
        System.out.printf(Locale.ROOT, "load average at the start: %s%n", LoadDriver.loadAverage());
        for (Map.Entry<String, String[]> query : QUERIES.entrySet()) {
            if (!only.isEmpty() && !query.getKey().startsWith(only)) {
                continue;
            }
            for (int n : connections) {
                Map<String, LoadDriver.Result[]> rounds = new LinkedHashMap<>();
                List<String> order = new ArrayList<>(paths.keySet());
                for (int round = 0; round < 2; round++) {
                    for (String path : order) {
                        LoadDriver.Result r = LoadDriver.run(new LoadDriver.Call(paths.get(path) + query.getValue()[0],
                                Map.of(), query.getValue()[1]), n, Duration.ofSeconds(2), window);
                        rounds.computeIfAbsent(path, p -> new LoadDriver.Result[2])[round] = r;
                    }
                    java.util.Collections.reverse(order);
                }
                for (String path : paths.keySet()) {
                    LoadDriver.Result[] r = rounds.get(path);
                    System.out.printf(Locale.ROOT, "%-24s %-10s %d conn %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms%s%n",
                            query.getKey(), path, n, (r[0].perSecond() + r[1].perSecond()) / 2,
                            (r[0].p50Millis() + r[1].p50Millis()) / 2, (r[0].p99Millis() + r[1].p99Millis()) / 2,
                            r[0].failures() + r[1].failures() == 0 ? "" : "  (" + (r[0].failures() + r[1].failures())
                                    + " not 2xx)");
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", LoadDriver.loadAverage());
    }
}
