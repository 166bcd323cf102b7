package io.genfleet.helm;

import static io.genfleet.helm.support.Fields.map;
import static io.genfleet.helm.support.Fields.maps;
import static io.genfleet.helm.support.Fields.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.genfleet.helm.support.CatalogSeries;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** ServiceMonitor, PrometheusRule and Grafana dashboards: switchable, well-formed, on the catalog's metric names. */
class ObservabilityTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:genfleet|kafka)_[a-z_]+)\\b");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Manifests defaults = Chart.render(Chart.DEFAULT);

    @Test
    void monitoringIsOnByDefaultAndEachPartCanBeSwitchedOff() {
        assertThat(defaults.kinds()).contains("ServiceMonitor", "PrometheusRule");
        assertThat(defaults.find(ConfigMap.class, Chart.name("dashboards"))).isPresent();

        Manifests off = Chart.render("no-monitoring");
        assertThat(off.kinds()).doesNotContain("ServiceMonitor", "PrometheusRule");
        assertThat(off.find(ConfigMap.class, Chart.name("dashboards"))).isEmpty();
        assertThat(off.one(StatefulSet.class, Chart.name("aggregator")).getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("prometheus.io/scrape");

        Manifests onlyRules = Chart.render(Chart.DEFAULT, "metrics: {serviceMonitor: {enabled: false}, dashboards: {enabled: false}}");
        assertThat(onlyRules.kinds()).contains("PrometheusRule").doesNotContain("ServiceMonitor");
        assertThat(onlyRules.find(ConfigMap.class, Chart.name("dashboards"))).isEmpty();
    }

    @Test
    void theServiceMonitorScrapesTheActuatorOfEveryServiceButNotTheHeadlessOneAndLabelsLanes() {
        GenericKubernetesResource monitor = defaults.custom("ServiceMonitor", Chart.fullname());
        Map<String, Object> spec = spec(monitor);
        Map<String, Object> endpoint = maps(spec.get("endpoints")).get(0);
        Map<String, Object> matchLabels = map(map(spec.get("selector")).get("matchLabels"));

        assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
        assertThat(maps(endpoint.get("relabelings"))).anySatisfy(relabel -> assertThat(relabel)
                .containsEntry("targetLabel", "genfleet_lane")
                .containsEntry("sourceLabels", List.of("__meta_kubernetes_pod_label_genfleet_io_lane")));
        assertThat(defaults.all(io.fabric8.kubernetes.api.model.Service.class))
                .filteredOn(service -> matchLabels.entrySet().stream().allMatch(label ->
                        label.getValue().equals(service.getMetadata().getLabels().get(label.getKey()))))
                .extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder(Chart.name("producer"), Chart.name("worker"), Chart.name("aggregator"));
    }

    @Test
    void thePrometheusRuleHasTheFleetAlertsEachWithAnExpression() {
        List<Map<String, Object>> rules = rules(defaults);

        assertThat(rules).extracting(rule -> rule.get("alert")).contains(
                "GenfleetDeadLetterRateHigh", "GenfleetConsumerLagGrowing", "GenfleetLaneNotConsumed",
                "GenfleetRetryLatenessHigh", "GenfleetAggregatorNotRunning");
        assertThat(rules).allSatisfy(rule -> {
            assertThat((String) rule.get("expr")).as("expr of %s", rule.get("alert")).isNotBlank();
            assertThat((String) rule.get("expr")).as("scoped to the release namespace").contains("namespace=\"fleet\"");
            assertThat(map(rule.get("labels"))).containsKey("severity");
            assertThat(map(rule.get("annotations"))).containsKeys("summary", "description");
        });
        assertThat(rules).filteredOn(rule -> "GenfleetLaneNotConsumed".equals(rule.get("alert")))
                .extracting(rule -> map(rule.get("labels")).get("lane"))
                .containsExactlyInAnyOrder("image", "video");
    }

    @Test
    void thePrometheusRuleIsThePlainRulesFileScopedToTheReleaseNamespaceWithTheValuesDefaults() throws IOException {
        List<Map<String, Object>> file = rulesFile();
        List<Map<String, Object>> rendered = rules(defaults);

        // The file's literals are the values' defaults, so with default values only the namespace differs.
        assertThat(rendered).hasSameSizeAs(file);
        for (int i = 0; i < file.size(); i++) {
            Map<String, Object> source = file.get(i);
            Map<String, Object> rule = rendered.get(i);
            String expr = (String) rule.get("expr");
            assertThat(rule.get("alert")).isEqualTo(source.get("alert"));
            assertThat(expr).isEqualTo(((String) source.get("expr")).replace("{", "{namespace=\"fleet\", ")
                    .replace(", }", "}"));
            assertThat(rule.get("for")).isEqualTo(source.get("for"));
            assertThat(rule.get("labels")).isEqualTo(source.get("labels"));
            assertThat(rule.get("annotations")).isEqualTo(source.get("annotations"));
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                assertThat(selector.group(2)).as("%s in %s", selector.group(), rule.get("alert"))
                        .startsWith("namespace=\"fleet\"");
            }
        }
    }

    @Test
    void thresholdsDurationsAndAlertLabelsComeFromValues() {
        Manifests tuned = Chart.render(Chart.DEFAULT, """
                metrics:
                  prometheusRule:
                    alertLabels: {team: media, severity: page}
                    deadLetters: {perMinute: 2.5, for: 1m}
                    lag: {threshold: 50, for: 2m}
                    retryLateness: {p99Seconds: 0.5, for: 3m}
                    noConsumer: {for: 30s}
                    aggregatorNotRunning: {for: 4m}
                """);
        Map<String, Map<String, Object>> byAlert = new java.util.LinkedHashMap<>();
        rules(tuned).forEach(rule -> byAlert.putIfAbsent((String) rule.get("alert"), rule));

        assertThat((String) byAlert.get("GenfleetDeadLetterRateHigh").get("expr")).endsWith("> 2.5 # threshold");
        assertThat((String) byAlert.get("GenfleetConsumerLagGrowing").get("expr")).contains("> 50 # threshold");
        assertThat((String) byAlert.get("GenfleetRetryLatenessHigh").get("expr")).endsWith("> 0.5 # threshold");
        assertThat(byAlert).extractingByKeys("GenfleetDeadLetterRateHigh", "GenfleetConsumerLagGrowing",
                        "GenfleetRetryLatenessHigh", "GenfleetLaneNotConsumed", "GenfleetAggregatorNotRunning",
                        "GenfleetAggregatorDown")
                .extracting(rule -> rule.get("for")).containsExactly("1m", "2m", "3m", "30s", "4m", "4m");
        assertThat(byAlert.values()).allSatisfy(rule -> assertThat(map(rule.get("labels")))
                .containsEntry("team", "media")
                .as("the rule's own severity wins").doesNotContainEntry("severity", "page"));
    }

    @Test
    void aLaneAllowedToScaleToZeroRaisesNoIdleLaneAlert() {
        assertThat(rules(Chart.render("keda")))
                .filteredOn(rule -> "GenfleetLaneNotConsumed".equals(rule.get("alert")))
                .extracting(rule -> map(rule.get("labels")).get("lane"))
                .as("the keda scenario lets video scale to zero")
                .containsExactly("image");
    }

    @Test
    void rulesAndDashboardsOnlyQuerySeriesTheMeterCatalogProduces() throws IOException {
        Set<String> catalog = CatalogSeries.names();
        Set<String> used = usedMetricNames();

        assertThat(catalog).as("the catalog scraped through Micrometer")
                .contains("genfleet_dead_letters_total", "genfleet_retry_lateness_seconds_bucket", "genfleet_streams_state");
        assertThat(used).filteredOn(name -> name.startsWith("genfleet_"))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(catalog).as("GenfleetMeter produces %s", name).contains(name));
    }

    @Test
    void metricsMdDocumentsEveryQueriedSeriesAndEveryCatalogMeter() throws IOException {
        String doc = Files.readString(Chart.dir().resolve("METRICS.md"), StandardCharsets.UTF_8);

        assertThat(usedMetricNames()).contains("kafka_consumer_fetch_manager_records_lag", "kafka_consumer_coordinator_assigned_partitions")
                .allSatisfy(name -> assertThat(doc).as("METRICS.md lists %s", name)
                        .contains(name.replaceAll("_(bucket|sum|count|max)$", "")));
        assertThat(CatalogSeries.names())
                .allSatisfy(name -> assertThat(doc).as("METRICS.md lists %s", name)
                        .contains(name.replaceAll("_(bucket|sum|count|max)$", "")));
    }

    @Test
    void everyDashboardIsValidGrafanaJsonWithQueriesAndShipsInTheSidecarConfigMap() throws IOException {
        List<Path> files = dashboards();
        ConfigMap configMap = defaults.one(ConfigMap.class, Chart.name("dashboards"));
        Set<String> uids = new HashSet<>();

        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder("genfleet-fleet-overview.json", "genfleet-batches.json");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode dashboard = JSON.readTree(text);
            assertThat(dashboard.path("title").asString()).as(file.toString()).startsWith("genfleet / ");
            assertThat(uids.add(dashboard.path("uid").asString())).as("unique uid in %s", file).isTrue();
            assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
            assertThat(dashboard.path("panels").isArray()).isTrue();
            assertThat(dashboard.path("panels").size()).isGreaterThan(3);
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
                assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asString()).isNotBlank();
                }
            }
            assertThat(configMap.getData()).containsEntry(file.getFileName().toString(), text);
        }
        assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    }

    @Test
    void promtoolAcceptsTheRenderedRules() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        if (promtool.isEmpty()) {
            // Missing promtool fails, unless the environment says why Prometheus cannot be installed here.
            String reason = System.getenv("GENFLEET_PROMETHEUS_UNAVAILABLE");
            if (reason == null || reason.isBlank()) {
                fail("promtool is not installed: apt-get install -y prometheus (.ci/run does); only where it cannot "
                        + "be installed, set GENFLEET_PROMETHEUS_UNAVAILABLE=<why> to skip this check");
            }
            abort("promtool is not installed and cannot be: " + reason);
        }
        Path rulesFile = Files.createTempFile(target(), "rules", ".yaml");
        Map<String, Object> spec = spec(defaults.custom("PrometheusRule").get(0));
        Files.writeString(rulesFile, YAMLMapper.builder().build().writeValueAsString(Map.of("groups", spec.get("groups"))));

        Process process = new ProcessBuilder(promtool.get().toString(), "check", "rules", rulesFile.toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("promtool finished within 60 s").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^{}]*)}");

    private static List<Map<String, Object>> rulesFile() throws IOException {
        Map<String, Object> file = map(YAMLMapper.builder().build().readValue(
                Chart.dir().resolve("files/alerts.yaml").toFile(), Map.class));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : maps(file.get("groups"))) {
            rules.addAll(maps(group.get("rules")));
        }
        return rules;
    }

    private static List<Map<String, Object>> rules(Manifests manifests) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : maps(spec(manifests.custom("PrometheusRule").get(0)).get("groups"))) {
            rules.addAll(maps(group.get("rules")));
        }
        return rules;
    }

    private Set<String> usedMetricNames() throws IOException {
        Set<String> used = new HashSet<>();
        rules(defaults).forEach(rule -> used.addAll(metricNames((String) rule.get("expr"))));
        for (Path dashboard : dashboards()) {
            used.addAll(metricNames(Files.readString(dashboard, StandardCharsets.UTF_8)));
        }
        return used;
    }

    private static Set<String> metricNames(String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            // Label names the ServiceMonitor adds, not metrics.
            if (!name.equals("genfleet_lane") && !name.equals("genfleet_component")) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(Chart.dir().resolve("dashboards"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Optional<Path> onPath(String executable) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path target() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target").resolve("helm-tests");
        return Files.createDirectories(dir);
    }


}
