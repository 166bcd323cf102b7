package io.genfleet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawLimitTest {

    @Test
    void throughputIsPutAsAFractionOfTheBaselinesMedianProducerRate() {
        WorkloadReport baseline = new WorkloadReport("baseline", "tools", Map.of(), List.of(
                new Measurement().put("producer_records_per_s", 10_000),
                new Measurement().put("producer_records_per_s", 20_000),
                new Measurement().put("producer_records_per_s", 40_000)), List.of(), List.of());
        WorkloadReport w1 = new WorkloadReport("W1", "overhead", Map.of(), List.of(
                new Measurement().put("items_per_s", 500)), List.of(), List.of());
        WorkloadReport w4 = new WorkloadReport("W4", "freshness", Map.of(), List.of(
                new Measurement().put("freshness_p99_ms", 50)), List.of(), List.of());

        RawLimit.annotate(List.of(baseline, w1, w4));

        assertThat(w1.summary(RawLimit.METRIC).median()).isEqualTo(0.025);
        assertThat(w4.metrics()).doesNotContain(RawLimit.METRIC);
    }

    @Test
    void withoutABaselineNothingIsAdded() {
        WorkloadReport w1 = new WorkloadReport("W1", "overhead", Map.of(), List.of(
                new Measurement().put("items_per_s", 500)), List.of(), List.of());
        RawLimit.annotate(List.of(w1));
        assertThat(w1.metrics()).containsExactly("items_per_s");
    }
}
