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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bipm.kcdb.platform.LoadDriver;

/**
 * The load of bench/gateway.sh against a platform that ./kcdb up runs (no e2e lock): the migrated records, then the
 * public quick search and a writer's CMC list, directly and through the gateway, at 1 and 8 connections; each
 * process's resident memory and CPU seconds before and after. Run by bench/kcdb-up.sh.
 * {@code java -cp infra/platform/target/classes bench/platform/KcdbUpLoad.java <.kcdb> <records.json> <count>}
 */
public class KcdbUpLoad {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Path records = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        Duration window = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 10);
        Properties saved = new Properties();
        try (var in = Files.newInputStream(state.resolve("platform.pid"))) {
            saved.load(in);
        }
        String tokenUrl = saved.getProperty("tokenUrl");
        String gateway = "http://127.0.0.1:" + saved.getProperty("gateway.port");
        String publication = "http://127.0.0.1:" + saved.getProperty("publication.port");
        String submission = "http://127.0.0.1:" + saved.getProperty("submission.port");
        System.out.println("before the load: " + memory(saved) + "; load average " + LoadDriver.loadAverage());

        Instant begin = Instant.now();
        HttpResponse<String> imported = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/kcdb/imports"))
                .header("Authorization", "Bearer " + token(tokenUrl, "kcdb.office"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofFile(records)).build(), HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("Import failed: " + imported.statusCode() + " " + imported.body());
        }
        awaitSearchable(publication, count);
        System.out.printf(Locale.ROOT, "%d records migrated and searchable in %d s%n", count,
                Duration.between(begin, Instant.now()).toSeconds());
        String writer = token(tokenUrl, "writer.nist");
        String search = "/api/kcdb/cmc/searchData/quickSearch";
        String query = "{\"page\":0,\"pageSize\":20,\"keywords\":\"capacitance OR resistance\"}";
        String list = "/api/cmcs?page=0&size=20";
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + writer);
        LoadDriver.run(new LoadDriver.Call(gateway + search, Map.of(), query), 8, Duration.ZERO, Duration.ofSeconds(15));
        LoadDriver.run(new LoadDriver.Call(gateway + list, bearer, null), 8, Duration.ZERO, Duration.ofSeconds(15));
        StringBuilder out = new StringBuilder();
        for (int connections : List.of(1, 8)) {
            out.append(LoadDriver.sideBySide("public search", connections, window,
                    new LoadDriver.Call(publication + search, Map.of(), query),
                    new LoadDriver.Call(gateway + search, Map.of(), query)));
            out.append(LoadDriver.sideBySide("writer's CMC list", connections, window,
                    new LoadDriver.Call(submission + list, bearer, null),
                    new LoadDriver.Call(gateway + list, bearer, null)));
        }
        System.out.print(out);
        System.out.println("after the load: " + memory(saved) + "; load average " + LoadDriver.loadAverage());
    }

    /** Each process's resident MB (with its children) and CPU seconds so far, and the sums. */
    static String memory(Properties saved) {
        Map<String, String> each = new LinkedHashMap<>();
        long total = 0;
        double cpu = 0;
        for (String name : saved.getProperty("processes").split(",")) {
            ProcessHandle handle = ProcessHandle.of(Long.parseLong(saved.getProperty(name + ".pid"))).orElse(null);
            if (handle == null) {
                continue;
            }
            long kb = 0;
            double seconds = 0;
            for (ProcessHandle h : (Iterable<ProcessHandle>) java.util.stream.Stream.concat(java.util.stream.Stream.of(
                    handle), handle.descendants())::iterator) {
                kb += rss(h.pid());
                seconds += h.info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1000.0;
            }
            total += kb / 1024;
            cpu += seconds;
            each.put(name, String.format(Locale.ROOT, "%s %d MB %.0f s", name, kb / 1024, seconds));
        }
        return String.format(Locale.ROOT, "%d MB resident, %.0f CPU s (%s)", total, cpu, String.join(", ",
                each.values()));
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    static String token(String tokenUrl, String user) throws Exception {
        String form = "grant_type=password&client_id=kcdb-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("No token for " + user + ": " + response.statusCode());
        }
        return token.group(1);
    }

    static void awaitSearchable(String publication, int records) throws Exception {
        Pattern total = Pattern.compile("\"totalElements\"\\s*:\\s*(\\d+)");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> found = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(publication + "/api/kcdb/cmc/searchData/quickSearch")).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"page\":0,\"pageSize\":1,\"status\":\"Published\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = total.matcher(found.body());
            if (found.statusCode() == 200 && m.find() && Integer.parseInt(m.group(1)) >= records * 9 / 10) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The migrated records did not become searchable within 10 minutes");
    }
}
