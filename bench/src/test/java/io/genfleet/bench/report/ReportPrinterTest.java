package io.genfleet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportPrinterTest {

    private final WorkloadReport report = new WorkloadReport("W9", "example", Map.of("items", 10),
            List.of(new Measurement().put("items_per_s", 100).put("lateness_ms", 7),
                    new Measurement().put("items_per_s", 300).put("lateness_ms", Double.NaN),
                    new Measurement().put("items_per_s", 200)),
            List.of(Target.atLeast("items_per_s", 150), Target.atMost("lateness_ms", 5)),
            List.of("a note"));

    @Test
    void theJsonLineHasMedianMinMaxAndJudgesTargetsOnTheMedian() {
        JsonNode json = Json.mapper().readTree(ReportPrinter.jsonLine(report));
        assertThat(json.path("workload").asString()).isEqualTo("W9");
        assertThat(json.path("runs").asInt()).isEqualTo(3);
        assertThat(json.path("metrics").path("items_per_s").path("median").asDouble()).isEqualTo(200);
        assertThat(json.path("metrics").path("items_per_s").path("min").asDouble()).isEqualTo(100);
        assertThat(json.path("metrics").path("items_per_s").path("max").asDouble()).isEqualTo(300);
        assertThat(json.path("metrics").path("lateness_ms").path("median").asDouble()).isEqualTo(7);
        assertThat(json.path("targets").get(0).path("met").asBoolean()).isTrue();
        assertThat(json.path("targets").get(1).path("met").asBoolean()).isFalse();
        assertThat(ReportPrinter.jsonLine(report)).doesNotContain("\n").doesNotContain("NaN");
    }

    @Test
    void theTableHasOneRowPerMetricWithItsTarget() {
        String table = ReportPrinter.table(List.of(report));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("workload").contains("median", "min", "max", "target", "met");
        assertThat(lines.get(2)).startsWith("W9 example").contains("items_per_s", "200", ">= 150", "yes");
        assertThat(lines.get(3)).contains("lateness_ms", "<= 5", "NO");
    }

    @Test
    void numbersArePrintedForPeople() {
        assertThat(Format.number(20_345.6)).isEqualTo("20346");
        assertThat(Format.number(14.04)).isEqualTo("14.0");
        assertThat(Format.number(0.2)).isEqualTo("0.200");
        assertThat(Format.number(0.00123)).isEqualTo("0.001230");
        assertThat(Format.number(Double.NaN)).isEqualTo("n/a");
    }
}
