package org.bipm.kcdb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alarms ask only for meters the platform has: every meter they name is
 * documented in docs/metrics.md (which the services' tests hold to what /actuator/prometheus serves), and the
 * dashboard is wired to the provisioned data source.
 */
class DashboardTest {

    static final Path DASHBOARD = Path.of("compose/grafana/dashboards/kcdb.json");
    static final Path ALERTS = Path.of("compose/prometheus/alerts.yml");
    /** The platform's, Boot's, Kafka's and Prometheus' own meter names as they appear in PromQL. */
    static final Pattern METER = Pattern.compile(
            "\\b(kcdb_[a-z0-9_]+|spring_cloud_stream_[a-z0-9_]+|kafka_[a-z0-9_]+|http_server_[a-z0-9_]+|up)\\b");
    /** What Prometheus adds to a histogram's or counter's name. */
    static final Pattern SUFFIX = Pattern.compile("_(bucket|count|sum)$");

    @Test
    void theDashboardNamesOnlyDocumentedMeters() throws IOException {
        Set<String> named = meters(Files.readString(DASHBOARD));
        assertThat(named).contains("kcdb_events_published_total", "kcdb_events_dead_letters", "kcdb_review_cases",
                "kcdb_search_latency_seconds", "kcdb_webhook_deliveries_total", "kcdb_mail_deliveries_total",
                "spring_cloud_stream_binder_kafka_offset");
        assertThat(undocumented(named)).isEmpty();
    }

    @Test
    void theAlarmsNameOnlyDocumentedMeters() throws IOException {
        Set<String> named = meters(Files.readString(ALERTS));
        assertThat(named).contains("kcdb_outbox_oldest_age_seconds", "kcdb_events_dead_letters");
        assertThat(undocumented(named)).isEmpty();
    }

    /** Every meter the docs describe is on the dashboard (an operator finds what the docs promise). */
    @Test
    void everyDocumentedPlatformMeterIsOnTheDashboard() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\(`(kcdb_[a-z0-9_]+)`\\)").matcher(Files.readString(metricsDoc()));
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        assertThat(documented).hasSizeGreaterThanOrEqualTo(11);
        assertThat(meters(Files.readString(DASHBOARD))).containsAll(documented);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardUsesTheProvisionedDataSourceAndIsProvisionedFromWhereComposeMountsIt() throws IOException {
        Map<String, Object> sources = new Yaml().load(
                Files.readString(Path.of("compose/grafana/provisioning/datasources/prometheus.yml")));
        String uid = (String) ((List<Map<String, Object>>) sources.get("datasources")).get(0).get("uid");
        String dashboard = Files.readString(DASHBOARD);
        Matcher used = Pattern.compile("\"uid\": \"([^\"]+)\"").matcher(dashboard);
        Set<String> uids = new TreeSet<>();
        while (used.find()) {
            uids.add(used.group(1));
        }
        assertThat(uids).containsExactlyInAnyOrder(uid, "kcdb-platform");
        Map<String, Object> providers = new Yaml().load(
                Files.readString(Path.of("compose/grafana/provisioning/dashboards/kcdb.yml")));
        Map<String, Object> options = (Map<String, Object>)
                ((List<Map<String, Object>>) providers.get("providers")).get(0).get("options");
        assertThat(Files.readString(Path.of("compose/docker-compose.yml")))
                .contains("./grafana/dashboards:" + options.get("path") + ":ro");
    }

    static Set<String> meters(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = METER.matcher(text);
        while (matcher.find()) {
            found.add(SUFFIX.matcher(matcher.group(1)).replaceFirst(""));
        }
        return found;
    }

    static Set<String> undocumented(Set<String> meters) throws IOException {
        String doc = Files.readString(metricsDoc());
        Set<String> missing = new TreeSet<>();
        for (String meter : meters) {
            if (!doc.contains("`" + meter + "`") && !doc.contains("`" + meter + "{")) {
                missing.add(meter);
            }
        }
        return missing;
    }

    static Path metricsDoc() {
        return Path.of("..", "docs", "metrics.md");
    }
}
