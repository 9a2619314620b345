import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bipm.kcdb.platform.LoadDriver;

/**
 * The load of bench/gateway-standalone.sh: each gateway named on the command line against the stand-in service it
 * fronts, side by side ({@link LoadDriver#sideBySide}): the public quick search and a writer's CMC list (the token the
 * stand-in signed), at 1 and 8 connections. Arguments: SERVICE_URL TOKEN_FILE SECONDS NAME=GATEWAY_URL...
 */
public class GatewayLoad {

    static final Duration WARM_UP = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String token = Files.readString(Path.of(args[1])).strip();
        Duration window = Duration.ofSeconds(Long.parseLong(args[2]));
        String search = "/api/kcdb/cmc/searchData/quickSearch";
        String query = "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}";
        String list = "/api/cmcs?page=0&size=20";
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        // Each gateway's JIT first: a few seconds of its own at eight connections on both paths (the driver's own
        // warm-up before every window is 2 s, far from enough for a cold gateway).
        for (int g = 3; g < args.length; g++) {
            String gateway = url(args[g]);
            LoadDriver.run(new LoadDriver.Call(gateway + search, Map.of(), query), 8, Duration.ZERO, WARM_UP);
            LoadDriver.run(new LoadDriver.Call(gateway + list, bearer, null), 8, Duration.ZERO, WARM_UP);
        }
        LoadDriver.run(new LoadDriver.Call(service + search, Map.of(), query), 8, Duration.ZERO, WARM_UP);
        System.out.println("each gateway and the service warmed up for " + WARM_UP.toSeconds() + " s per path");
        System.out.println("load average before: " + LoadDriver.loadAverage());
        for (int connections : List.of(1, 8)) {
            for (int g = 3; g < args.length; g++) {
                String name = args[g].substring(0, args[g].indexOf('='));
                String gateway = url(args[g]);
                System.out.print(LoadDriver.sideBySide("search, " + name, connections, window,
                        new LoadDriver.Call(service + search, Map.of(), query),
                        new LoadDriver.Call(gateway + search, Map.of(), query)));
                System.out.print(LoadDriver.sideBySide("list, " + name, connections, window,
                        new LoadDriver.Call(service + list, bearer, null),
                        new LoadDriver.Call(gateway + list, bearer, null)));
            }
        }
        System.out.println("load average after: " + LoadDriver.loadAverage());
        // Two rounds, the gateways taking turns in each, so that drift in the machine's load falls on all alike.
        int gateways = args.length - 3;
        double[][] cpuMillis = new double[gateways][2];
        long[][] requests = new long[gateways][2];
        for (int round = 0; round < 2; round++) {
            for (int g = 0; g < gateways; g++) {
                String spec = args[g + 3];
                if (spec.indexOf('@') < 0) {
                    continue;
                }
                long pid = Long.parseLong(spec.substring(spec.lastIndexOf('@') + 1));
                List<LoadDriver.Call> calls = List.of(new LoadDriver.Call(url(spec) + search, Map.of(), query),
                        new LoadDriver.Call(url(spec) + list, bearer, null));
                for (int path = 0; path < 2; path++) {
                    double before = cpuMillis(pid);
                    LoadDriver.Result result = LoadDriver.run(calls.get(path), 8, Duration.ZERO, window);
                    cpuMillis[g][path] += cpuMillis(pid) - before;
                    requests[g][path] += result.requests();
                }
            }
        }
        for (int g = 0; g < gateways; g++) {
            if (requests[g][0] > 0) {
                System.out.printf(Locale.ROOT, "CPU per request, %-7s 8 conn  search %.3f ms (%d requests) | list "
                        + "%.3f ms (%d requests)%n", args[g + 3].substring(0, args[g + 3].indexOf('=')),
                        cpuMillis[g][0] / requests[g][0], requests[g][0], cpuMillis[g][1] / requests[g][1],
                        requests[g][1]);
            }
        }
        System.out.println("load average at the end: " + LoadDriver.loadAverage());
    }

    /** The gateway's URL in NAME=URL[@PID]. */
    static String url(String spec) {
        int at = spec.lastIndexOf('@');
        return spec.substring(spec.indexOf('=') + 1, at < 0 ? spec.length() : at);
    }

    /** A process's user and system CPU time so far, from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms). */
    static double cpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }
}
