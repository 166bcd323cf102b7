package io.genfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark command end to end at toy sizes, on its own embedded broker: every workload and the Kafka
 * tools baseline run, and the report holds a JSON line per workload whose counts add up, then the table.
 * A harness check, not a measurement: no figure is asserted.
 */
class BenchSmokeIT {

    @Test
    void runsEveryWorkloadAndPrintsAJsonLinePerWorkloadThenTheTable() throws Exception {
        Path workDir = Files.createTempDirectory("genfleet-bench-it-");
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int exit = BenchCommand.execute(new String[] {
                "--repeat", "1", "--partitions", "2", "--workloads", "baseline,W1,W2,W3,W3W,W4,W6,W6P",
                "--w1-items", "300", "--w2-items", "100", "--w3-items", "60", "--w4-items", "20",
                "--w6-submissions", "5", "--w6-seconds", "1",
                "--retry-delays", "300ms,600ms,1200ms", "--jit-wait", "0s", "--baseline-records", "2000", "--in-flight", "50",
                "--work-dir", workDir.toString()}, new PrintStream(report, true, StandardCharsets.UTF_8));

        List<String> lines = report.toString(StandardCharsets.UTF_8).lines().toList();
        Map<String, JsonNode> byWorkload = new LinkedHashMap<>();
        lines.stream().filter(line -> line.startsWith("{")).map(line -> Json.mapper().readTree(line))
                .forEach(json -> byWorkload.put(json.path("workload").asString(), json));
        assertThat(exit).as("every run succeeded").isZero();
        assertThat(byWorkload).containsOnlyKeys("baseline", "W1", "W2", "W3", "W3W", "W4", "W6", "W6P");
        byWorkload.values().forEach(json -> assertThat(json.path("runs").asInt()).isEqualTo(1));

        assertThat(median(byWorkload.get("baseline"), "producer_records_per_s")).isPositive();
        assertThat(median(byWorkload.get("baseline"), "consumer_records_per_s")).isPositive();
        assertThat(median(byWorkload.get("W1"), "complete")).isEqualTo(300);
        assertThat(median(byWorkload.get("W1"), "cpu_ms_per_item")).isPositive();
        JsonNode retries = byWorkload.get("W2");
        assertThat(median(retries, "complete") + median(retries, "failed_permanent")).isEqualTo(100);
        assertThat(median(retries, "retries")).as("30% of attempts fail").isPositive();
        assertThat(median(retries, "early_retries")).isZero();
        assertThat(median(byWorkload.get("W3"), "complete")).isEqualTo(60);
        assertThat(median(byWorkload.get("W3"), "peak_in_flight")).isGreaterThanOrEqualTo(1);
        assertThat(median(byWorkload.get("W3W"), "complete")).as("the worker alone, fed through the lane topic")
                .isEqualTo(60);
        assertThat(median(byWorkload.get("W4"), "samples")).isEqualTo(20);
        assertThat(median(byWorkload.get("W6"), "accept_p50_ms")).isPositive();
        assertThat(median(byWorkload.get("W6"), "concurrent_accepted")).as("whole storyboards of 200 items")
                .isPositive().matches(accepted -> accepted % 200 == 0);
        assertThat(median(byWorkload.get("W6P"), "concurrent_accepted")).as("a producer alone accepts whole storyboards")
                .isPositive().matches(accepted -> accepted % 200 == 0);

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("workload").contains("median", "target"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("W2 retries").contains("drain_s"));
    }

    private static double median(JsonNode workload, String metric) {
        JsonNode value = workload.path("metrics").path(metric).path("median");
        assertThat(value.isMissingNode()).as("%s of %s", metric, workload.path("workload").asString()).isFalse();
        return value.asDouble();
    }
}
