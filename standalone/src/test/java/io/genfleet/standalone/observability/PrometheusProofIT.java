package io.genfleet.standalone.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Json;
import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import io.genfleet.standalone.observability.ObservabilityQueries.AlertRule;
import io.genfleet.standalone.observability.ObservabilityQueries.DashboardQuery;
import io.genfleet.worker.inflight.LaneLoops;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The proof that genfleet's dashboards and alerts work: a real Prometheus process (Debian's package) scrapes a
 * running standalone fleet every second while a batch with retries and dead letters runs, and loads the plain
 * rules file. Then every query of every dashboard must return data (a query that returns nothing fails the
 * test), every alert rule must be healthy and every selector it reads must have series, the metrics must agree
 * with the batch summary, and the idle-lane alert must go pending when a lane stops being consumed.
 *
 * <p>The scrape target carries the labels the chart's ServiceMonitor gives a pod ({@code namespace}, {@code pod},
 * {@code genfleet_component}); Grafana's {@code $namespace} becomes that namespace and {@code $__rate_interval}
 * the time since the first scrape (the dashboard's range being this run). Writes what it saw to
 * {@code target/prometheus-proof.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusProofIT {

    private static final String NAMESPACE = "genfleet-proof";
    private static final String BATCH = "proof-1";
    private static final Map<String, String> FLEET_SETTINGS = Map.of(
            "genfleet.worker.provider.latency-min", "5ms",
            "genfleet.worker.provider.latency-max", "60ms",
            "genfleet.worker.provider.failure-rate", "0.2",
            "genfleet.worker.provider.seed", "11",
            // The items gauges are a census; recount every second so the scrapes follow the batch.
            "genfleet.aggregator.census-interval", "1s",
            // Limits far above this run's load, so the limit-waits panel has data (each call records its wait,
            // zero included) without slowing anything down.
            "genfleet.providers.image.rate-limit.requests-per-second", "1000",
            "genfleet.providers.image.max-concurrency", "100");
    /** 1 + 2 + 2 + 4 images and videos; scene_1_shot_0 fails 5 times (all tiers, then the DLT), scene_2 permanently. */
    private static final Map<String, Object> STORYBOARD = Map.of("batchId", BATCH, "scenes", List.of(
            Map.of("prompt", "a lighthouse", "shots", List.of(Map.of("prompt", "wide"), Map.of("prompt", "close")),
                    "video", Map.of()),
            Map.of("prompt", "a fox", "shots", List.of(Map.of("prompt", "run", "simulate", Map.of("failTimes", 5))),
                    // Independent videos: each makes its own provider calls, so every attempt shows in the metrics
                    // (a video waiting for a failed image would end dependency_failed without one).
                    "video", Map.of("simulate", Map.of("failTimes", 1, "error", "rate_limited"), "independent", true)),
            Map.of("prompt", "a storm", "simulate", Map.of("failTimes", 1, "error", "permanent"),
                    "video", Map.of("independent", true)),
            Map.of("prompt", "a harbour", "shots", List.of(Map.of("prompt", "a"), Map.of("prompt", "b"),
                    Map.of("prompt", "c")), "video", Map.of())));

    @TempDir
    static Path workDir;

    private static PrometheusBinaries binaries;
    private static RunningFleet fleet;
    private static PrometheusServer prometheus;
    private static Instant firstScrape;
    private static JsonNode summary;
    private static Duration batchWallTime;
    private static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void runABatchWithFailuresUnderPrometheus() throws Exception {
        binaries = PrometheusBinaries.require();
        Instant started = Instant.now();
        fleet = RunningFleet.start(new FleetOptions(0, workDir.resolve("fleet"), true, FLEET_SETTINGS));
        prometheus = PrometheusServer.start(binaries.prometheus(), Files.createDirectories(workDir.resolve("prometheus")),
                "127.0.0.1:" + fleet.baseUrl().getPort(),
                Map.of("namespace", NAMESPACE, "pod", "genfleet-standalone-0", "genfleet_component", "standalone"),
                ObservabilityQueries.chartDir().resolve("files/alerts.yaml"));
        // Counters must be seen at their start value, or rate() over the run misses the batch.
        await("Prometheus to scrape the fleet").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(prometheus.query("genfleet_batches_submitted_total{namespace=\""
                        + NAMESPACE + "\"}").path("data").path("result")).as("targets: %s; genfleet series: %s", prometheus.targets(), prometheus.query("count by (__name__) ({__name__=~\"genfleet.*|up|jvm_info\"})").path("data")).hasSize(1));
        firstScrape = Instant.now();

        GenfleetApi client = new GenfleetApi(fleet.baseUrl(), fleet.apiKey().value(), Duration.ofSeconds(10));
        Instant submitted = Instant.now();
        assertThat(client.submit(STORYBOARD).expect(202, "submit").path("total").asInt()).isEqualTo(11);
        assertThat(client.postJson("/api/batches", "{\"scenes\": []}").status()).as("an invalid request").isEqualTo(400);
        String done = await("the batch to be done").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> summaryJson(client, BATCH), s -> s.isPresent() && s.get().contains("\"done\":true"))
                .orElseThrow();
        batchWallTime = Duration.between(submitted, Instant.now());
        summary = Json.mapper().readTree(done);
        report.add("fleet and Prometheus up in " + seconds(Duration.between(started, firstScrape))
                + "; batch of 11 items done in " + seconds(batchWallTime) + ": " + done);
    }

    @AfterAll
    static void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (!report.isEmpty()) {
            report.forEach(System.out::println);
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.write(target.resolve("prometheus-proof.txt"), report, StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    @Order(1)
    void promtoolAcceptsTheRulesFile() throws Exception {
        Path rules = ObservabilityQueries.chartDir().resolve("files/alerts.yaml");
        Process promtool = new ProcessBuilder(binaries.promtool().toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        boolean finished = promtool.waitFor(60, TimeUnit.SECONDS);
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("promtool finished within 60 s").isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + ObservabilityQueries.alertRules(rules).size() + " rules found");
        report.add("promtool check rules files/alerts.yaml: " + output.strip().replace('\n', ' '));
    }

    @Test
    @Order(2)
    void theMetricsAgreeWithTheBatchSummary() {
        int total = summary.path("total").asInt();
        int retries = summary.path("retries").asInt();
        int deadLetters = summary.path("counts").path("failed_permanent").asInt();
        // Expected from the storyboard: at least the 5-times-failing shot (all three tiers, then the DLT) and
        // the permanent failure end failed_permanent; every retry is one more provider call.
        assertThat(deadLetters).isGreaterThanOrEqualTo(2);
        assertThat(retries).isGreaterThanOrEqualTo(4);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put(sum("genfleet_batches_submitted_total"), 1.0);
        expected.put(sum("genfleet_items_submitted_total"), (double) total);
        expected.put(sum("genfleet_requests_rejected_total", "reason=\"invalid\""), 1.0);
        expected.put(sum("genfleet_generation_attempts_total"), (double) (total + retries));
        expected.put(sum("genfleet_retries_scheduled_total"), (double) retries);
        expected.put(sum("genfleet_dead_letters_total"), (double) deadLetters);
        expected.put(sum("genfleet_dead_letters_total", "error_type=\"permanent\""), 1.0);
        expected.put(sum("genfleet_batch_completion_seconds_count"), 1.0);
        expected.put(sum("genfleet_retries_early_total"), 0.0);
        await("Prometheus to hold the final values").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> expected.forEach((query, value) -> assertThat(valueOf(query)).as(query).isEqualTo(value)));
        expected.forEach((query, value) -> report.add("agrees with the summary: " + query + " = " + value));

        double sinceStart = Duration.between(firstScrape, Instant.now()).toSeconds() + 5;
        double maxOpen = valueOf("max_over_time(sum(genfleet_items{namespace=\"" + NAMESPACE
                + "\", status=~\"pending|generating|failed\"})[" + (long) sinceStart + "s:1s])");
        double completion = valueOf(sum("genfleet_batch_completion_seconds_sum"));
        double lastTier = valueOf(sum("genfleet_retries_scheduled_total", "tier=\"8000\""));
        report.add("census saw at most " + maxOpen + " open items; batch completion " + completion
                + " s (event time) vs " + seconds(batchWallTime) + " wall; tier 8000 retries " + lastTier);
        assertThat(maxOpen).as("the items census saw the live batch").isPositive();
        assertThat(lastTier).as("the 5-times-failing shot went through the last tier").isGreaterThanOrEqualTo(1);
        // The backoff alone is 2 + 4 + 8 s for that shot; the batch cannot take longer than the client waited.
        assertThat(completion).isBetween(14.0, batchWallTime.toMillis() / 1000.0 + 1);
    }

    @Test
    @Order(3)
    void everyDashboardQueryReturnsDataForTheRun() throws Exception {
        List<DashboardQuery> queries = ObservabilityQueries.dashboardQueries(ObservabilityQueries.chartDir());
        assertThat(queries).hasSizeGreaterThan(30);
        // Kafka client metrics of freshly assigned partitions appear on the next metrics refresh (10 s). The range
        // grows with every attempt, so that it always covers the whole run.
        await("every dashboard query to return data").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(dashboardProblems(queries, runVariables(), false)).isEmpty());

        List<String> problems = dashboardProblems(queries, runVariables(), true);
        assertThat(problems).as("dashboard queries without data").isEmpty();
    }

    @Test
    @Order(4)
    void everyAlertRuleIsHealthyAndEverySeriesItReadsExists() throws Exception {
        List<AlertRule> rules = ObservabilityQueries.alertRules(ObservabilityQueries.chartDir().resolve("files/alerts.yaml"));
        List<String> problems = new ArrayList<>();
        await("every rule to be evaluated after the first scrape").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> loadedRules().size() == rules.size() && loadedRules().stream().allMatch(rule ->
                        Instant.parse(rule.path("lastEvaluation").asString()).isAfter(firstScrape)));
        for (JsonNode rule : loadedRules()) {
            String lane = rule.path("labels").path("lane").asString("");
            String name = rule.path("name").asString() + (lane.isEmpty() ? "" : "{lane=" + lane + "}");
            report.add("rule " + name + ": health " + rule.path("health").asString() + ", state "
                    + rule.path("state").asString() + ", last evaluation " + rule.path("lastEvaluation").asString());
            if (!"ok".equals(rule.path("health").asString()) || !rule.path("lastError").asString("").isEmpty()) {
                problems.add("rule " + name + " is " + rule.path("health").asString() + ": " + rule.path("lastError").asString(""));
            }
        }
        for (AlertRule rule : rules) {
            for (String expr : List.of(rule.expr(), ObservabilityQueries.scoped(rule.expr(), NAMESPACE))) {
                JsonNode answer = prometheus.query(expr);
                if (!"success".equals(answer.path("status").asString())) {
                    problems.add(rule.name() + " does not evaluate: " + answer.path("error").asString() + "\n  " + expr);
                }
            }
            // An alert that reads a series nobody produces can never fire: each selector must have data.
            for (String selector : ObservabilityQueries.selectors(ObservabilityQueries.scoped(rule.expr(), NAMESPACE))) {
                int series = prometheus.query(selector).path("data").path("result").size();
                report.add("alert " + rule.name() + " reads " + selector + ": " + series + " series");
                if (series == 0) {
                    problems.add(rule.name() + " reads " + selector + ", which has no series");
                }
            }
        }
        assertThat(problems).as("alert rule problems").isEmpty();
        assertThat(activeAlerts("GenfleetLaneNotConsumed")).as("both lanes are consumed").isEmpty();
        assertThat(activeAlerts("GenfleetAggregatorNotRunning")).isEmpty();
        assertThat(activeAlerts("GenfleetAggregatorDown")).isEmpty();
    }

    @Test
    @Order(5)
    void theIdleLaneAlertGoesPendingForTheLaneThatStopsBeingConsumed() {
        Instant stopped = Instant.now();
        fleet.context().getBean(LaneLoops.class).stopLane(Lane.VIDEO);

        // Expected: the video lane's consumers close, their assigned-partitions series go stale, the rule's
        // sum falls back to vector(0) and the alert turns pending (firing after its "for"); image stays quiet.
        List<JsonNode> pending = await("GenfleetLaneNotConsumed{lane=video} to go pending")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> activeAlerts("GenfleetLaneNotConsumed"), alerts -> !alerts.isEmpty());
        report.add("video lane stopped: GenfleetLaneNotConsumed pending after " + seconds(Duration.between(stopped, Instant.now())));
        assertThat(pending).singleElement().satisfies(alert -> {
            assertThat(alert.path("labels").path("lane").asString()).isEqualTo("video");
            assertThat(alert.path("state").asString()).isIn("pending", "firing");
        });
    }

    /** Grafana's variables for a dashboard whose range is this run, from the first scrape until now. */
    private static Map<String, String> runVariables() {
        return Map.of("namespace", NAMESPACE,
                "__rate_interval", Duration.between(firstScrape, Instant.now()).toSeconds() + 5 + "s");
    }

    /** Problems of the dashboard queries: errors, no series, only NaN/Inf values, selectors without series. */
    private static List<String> dashboardProblems(List<DashboardQuery> queries, Map<String, String> variables,
                                                  boolean record) throws IOException {
        List<String> problems = new ArrayList<>();
        for (DashboardQuery query : queries) {
            String promql = ObservabilityQueries.substitute(query.promql(), variables);
            JsonNode answer = prometheus.query(promql);
            if (!"success".equals(answer.path("status").asString())) {
                problems.add(query.source() + ": " + answer.path("error").asString() + "\n  " + promql);
                continue;
            }
            JsonNode result = answer.path("data").path("result");
            List<String> values = new ArrayList<>();
            int finite = 0;
            for (JsonNode series : result) {
                String value = series.path("value").get(1).asString();
                values.add(value);
                if (Double.isFinite(Double.parseDouble(value))) {
                    finite++;
                }
                if (query.listedLabel() != null && !NAMESPACE.equals(series.path("metric").path(query.listedLabel()).asString())) {
                    problems.add(query.source() + ": lists " + series.path("metric") + ", not namespace " + NAMESPACE);
                }
            }
            if (finite == 0) {
                problems.add(query.source() + ": " + (result.isEmpty() ? "no series" : "no finite value " + values)
                        + "\n  " + promql);
            }
            for (String selector : ObservabilityQueries.selectors(promql)) {
                if (prometheus.query(selector).path("data").path("result").isEmpty()) {
                    problems.add(query.source() + ": its selector " + selector + " has no series");
                }
            }
            if (record) {
                report.add(String.format("dashboard %-95s %2d series, %2d finite, e.g. %s", query.source(), result.size(),
                        finite, values.stream().limit(3).toList()));
            }
        }
        return problems;
    }

    private static List<JsonNode> loadedRules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        prometheus.rules().forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static List<JsonNode> activeAlerts(String name) throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        prometheus.alerts().forEach(alert -> {
            if (name.equals(alert.path("labels").path("alertname").asString())) {
                alerts.add(alert);
            }
        });
        return alerts;
    }

    private static String sum(String metric, String... matchers) {
        String selector = "namespace=\"" + NAMESPACE + "\"" + (matchers.length == 0 ? "" : ", " + String.join(", ", matchers));
        return "sum(" + metric + "{" + selector + "})";
    }

    private static double valueOf(String query) {
        try {
            return prometheus.value(query);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** The summary's JSON once the aggregator serves the batch (404 before). */
    private static Optional<String> summaryJson(GenfleetApi client, String batchId) throws IOException {
        ApiResponse answer = client.batch(batchId);
        return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    }
}
