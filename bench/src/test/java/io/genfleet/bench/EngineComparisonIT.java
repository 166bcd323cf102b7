package io.genfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * W7 end to end at a toy size on its own embedded broker: both engines consume every scenario's records, every record
 * is committed in each engine's group (read from the broker), and the figures are the ones the scenarios imply.
 */
class EngineComparisonIT {

    private static final int RECORDS = 120;
    /** C: spring-kafka then polls 50 / 6 = 8 records per consumer, so 6 x 8 = 48 calls at most. */
    private static final int IN_FLIGHT = 50;
    private static final List<String> ENGINES = List.of("spring_kafka", "genfleet_loop");
    /** W7's default spring-kafka concurrency: one consumer per partition of the pass topics. */
    private static final int SPRING_CONSUMERS = 6;

    @Test
    void bothEnginesCommitEveryRecordOfEveryScenarioAndStayWithinTheirBudget() throws Exception {
        Path workDir = Files.createTempDirectory("genfleet-bench-w7-it-");
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int exit = BenchCommand.execute(new String[] {
                "--workloads", "W7", "--repeat", "1", "--w7-records", Integer.toString(RECORDS),
                "--in-flight", Integer.toString(IN_FLIGHT), "--jit-wait", "0s", "--work-dir", workDir.toString()},
                new PrintStream(report, true, StandardCharsets.UTF_8));

        List<String> lines = report.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).as("the run succeeded").isZero();
        JsonNode w7 = lines.stream().filter(line -> line.startsWith("{")).map(line -> Json.mapper().readTree(line))
                .filter(json -> json.path("workload").asString().equals("W7")).findFirst().orElseThrow();
        assertThat(w7.path("runs").asInt()).isEqualTo(1);

        for (String scenario : List.of("uniform", "slow_tail", "no_op")) {
            for (String engine : ENGINES) {
                String prefix = scenario + "_" + engine + "_";
                assertThat(median(w7, prefix + "committed")).as("%s: every record committed", prefix)
                        .isEqualTo(RECORDS);
                assertThat(median(w7, prefix + "wall_s")).as(prefix).isPositive()
                        .isGreaterThanOrEqualTo(median(w7, prefix + "acked_s"));
                assertThat(median(w7, prefix + "records_per_s")).as(prefix).isPositive();
                assertThat(median(w7, prefix + "cpu_us_per_record")).as(prefix).isPositive();
                assertThat(median(w7, prefix + "process_cpu_us_per_record")).as(prefix).isPositive();
            }
        }
        for (String engine : ENGINES) {
            // Every call of the uniform scenario takes 200 ms; the slow tail holds a 3 s call (record 0's block of 100).
            assertThat(median(w7, "uniform_" + engine + "_acked_s")).as(engine).isGreaterThanOrEqualTo(0.2);
            assertThat(median(w7, "slow_tail_" + engine + "_acked_s")).as(engine).isGreaterThanOrEqualTo(3.0);
        }
        // Calls that answer at once overlap only across consumer threads: the loop's one consumer makes them one at a
        // time; spring-kafka's six consumers (one per partition) may each be inside one at the same moment.
        assertThat(median(w7, "no_op_genfleet_loop_peak_in_flight")).isEqualTo(1);
        assertThat(median(w7, "no_op_spring_kafka_peak_in_flight")).isBetween(1.0, (double) SPRING_CONSUMERS);
        // Both engines get the same budget of C calls in flight; neither goes over it.
        assertThat(median(w7, "uniform_genfleet_loop_peak_in_flight")).isBetween(1.0, (double) IN_FLIGHT);
        assertThat(median(w7, "uniform_spring_kafka_peak_in_flight")).isBetween(1.0, 48.0);
        assertThat(median(w7, "duplicate_calls")).as("a settled group repeats nothing").isZero();

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("W7 engines").contains("uniform_"));
    }

    private static double median(JsonNode workload, String metric) {
        JsonNode value = workload.path("metrics").path(metric).path("median");
        assertThat(value.isMissingNode()).as("%s of %s", metric, workload.path("workload").asString()).isFalse();
        return value.asDouble();
    }
}
