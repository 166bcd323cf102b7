package io.genfleet.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessResourcesTest {

    @Test
    void readsThePeakRssInBytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  812344 kB", "VmRSS:\t  700000 kB");
        assertThat(ProcessResources.parseKilobytes(status, "VmHWM:")).hasValue(812_344L * 1024);
        assertThat(ProcessResources.parseKilobytes(status, "VmSwap:")).isEmpty();
    }

    @Test
    void readsChildrenCpuAfterACommandNameWithSpacesAndParentheses() {
        // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17) ...
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1500 300 250 50 20 0 90 0 5 0";
        assertThat(ProcessResources.parseChildrenCpuNanos(stat)).hasValue(300 * 10_000_000L);
    }

    @Test
    void thisProcessHasCpuTimeAndALoadAverage() {
        assertThat(ProcessResources.processCpuNanos()).isPositive();
        assertThat(ProcessResources.loadAverage()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void threadsAreAttributedToTheFleetsPartsByName() {
        assertThat(ThreadCpu.component("genfleet-status-aggregator-x-StreamThread-1")).isEqualTo("aggregator");
        assertThat(ThreadCpu.component("worker-loop-genfleet.image.requests")).isEqualTo("worker");
        assertThat(ThreadCpu.component("org.springframework.kafka.KafkaListenerEndpointContainer#0-0-C-1")).isEqualTo("worker");
        assertThat(ThreadCpu.component("kafka-producer-network-thread | producer-genfleet-producer-local-1")).isEqualTo("producer");
        assertThat(ThreadCpu.component("data-plane-kafka-request-handler-3")).isEqualTo("broker");
        assertThat(ThreadCpu.component("http-nio-127.0.0.1-8080-exec-1")).isEqualTo("http_and_bench");
        assertThat(ThreadCpu.component("main")).isEqualTo("other");
    }
}
