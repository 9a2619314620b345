import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            String gateway = args[g].substring(args[g].indexOf('=') + 1);
            LoadDriver.run(new LoadDriver.Call(gateway + search, Map.of(), query), 8, Duration.ZERO, WARM_UP);
            LoadDriver.run(new LoadDriver.Call(gateway + list, bearer, null), 8, Duration.ZERO, WARM_UP);
        }
        LoadDriver.run(new LoadDriver.Call(service + search, Map.of(), query), 8, Duration.ZERO, WARM_UP);
        System.out.println("each gateway and the service warmed up for " + WARM_UP.toSeconds() + " s per path");
        System.out.println("load average before: " + LoadDriver.loadAverage());
        for (int connections : List.of(1, 8)) {
            for (int g = 3; g < args.length; g++) {
                String name = args[g].substring(0, args[g].indexOf('='));
                String gateway = args[g].substring(args[g].indexOf('=') + 1);
                System.out.print(LoadDriver.sideBySide("search, " + name, connections, window,
                        new LoadDriver.Call(service + search, Map.of(), query),
                        new LoadDriver.Call(gateway + search, Map.of(), query)));
                System.out.print(LoadDriver.sideBySide("list, " + name, connections, window,
                        new LoadDriver.Call(service + list, bearer, null),
                        new LoadDriver.Call(gateway + list, bearer, null)));
            }
        }
        System.out.println("load average after: " + LoadDriver.loadAverage());
    }
}
