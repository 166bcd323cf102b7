package io.genfleet.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolOutputTest {

    @Test
    void readsProducerPerformancesFinalSummary() {
        List<String> output = List.of(
                "120001 records sent, 23994.4 records/sec (4.58 MB/sec), 512.3 ms avg latency, 1030.0 ms max latency.",
                "500000 records sent, 98871.8 records/sec (18.86 MB/sec), 301.12 ms avg latency, 1201.00 ms max latency, "
                        + "254 ms 50th, 950 ms 95th, 1100 ms 99th, 1190 ms 99.9th.");
        ToolOutput.ProducerSummary summary = ToolOutput.producer(output);
        assertThat(summary.records()).isEqualTo(500_000);
        assertThat(summary.recordsPerSecond()).isEqualTo(98_871.8);
        assertThat(summary.megabytesPerSecond()).isEqualTo(18.86);
        assertThat(summary.avgLatencyMs()).isEqualTo(301.12);
        assertThat(summary.p99LatencyMs()).isEqualTo(1100);
    }

    @Test
    void readsConsumerPerformancesValuesByTheirHeader() {
        List<String> output = List.of("some warning",
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                        + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-11-28 02:00:00:000, 2026-11-28 02:00:05:000, 95.3674, 19.0735, 500000, 100000.0000, 3012, 1988, "
                        + "47.9715, 251509.0543");
        ToolOutput.ConsumerSummary summary = ToolOutput.consumer(output);
        assertThat(summary.records()).isEqualTo(500_000);
        assertThat(summary.recordsPerSecond()).isEqualTo(100_000);
        assertThat(summary.fetchRecordsPerSecond()).isEqualTo(251_509.0543);
    }

    @Test
    void outputWithoutASummaryIsAnError() {
        assertThatThrownBy(() -> ToolOutput.producer(List.of("ERROR something"))).hasMessageContaining("no ProducerPerformance");
        assertThatThrownBy(() -> ToolOutput.consumer(List.of())).hasMessageContaining("no ConsumerPerformance");
    }
}
