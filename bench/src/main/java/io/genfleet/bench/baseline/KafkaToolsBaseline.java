package io.genfleet.bench.baseline;

import io.genfleet.bench.fleet.BenchTopics;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.system.ProcessResources;
import io.genfleet.bench.workload.RunEnvironment;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The raw broker limit on the same broker: Kafka's {@code ProducerPerformance} writes {@code records} records
 * of {@code recordSize} bytes (about a status event) with acks=all and idempotence (the worker's producer
 * settings), then {@code ConsumerPerformance} reads them back; each tool in its own JVM.
 */
public final class KafkaToolsBaseline {

    private final int records;
    private final int recordSize;
    private final int partitions;

    public KafkaToolsBaseline(int records, int recordSize, int partitions) {
        this.records = records;
        this.recordSize = recordSize;
        this.partitions = partitions;
    }

    public Map<String, Object> parameters() {
        return Map.of("records", records, "record_size_bytes", recordSize, "partitions", partitions,
                "producer", "acks=all, enable.idempotence=true, other settings default");
    }

    public Measurement run(String runId, RunEnvironment environment, int replicationFactor) {
        String topic = "bench-" + runId + ".baseline";
        BenchTopics.create(environment.bootstrapServers(), topic, partitions, replicationFactor);
        OptionalLong childCpuBefore = ProcessResources.finishedChildrenCpuNanos();
        long brokerCpuBefore = ProcessResources.processCpuNanos();
        ToolOutput.ProducerSummary produced = ToolOutput.producer(ToolProcess.run(
                "org.apache.kafka.tools.ProducerPerformance", List.of(
                        "--topic", topic, "--num-records", Integer.toString(records),
                        "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + environment.bootstrapServers(), "acks=all",
                        "enable.idempotence=true"), 600));
        long producerCpu = cpuSince(brokerCpuBefore, childCpuBefore, environment.brokerInProcess());
        OptionalLong childCpuMiddle = ProcessResources.finishedChildrenCpuNanos();
        long brokerCpuMiddle = ProcessResources.processCpuNanos();
        ToolOutput.ConsumerSummary consumed = ToolOutput.consumer(ToolProcess.run(
                "org.apache.kafka.tools.ConsumerPerformance", List.of(
                        "--bootstrap-server", environment.bootstrapServers(), "--topic", topic,
                        "--messages", Integer.toString(records), "--timeout", "60000"), 600));
        long consumerCpu = cpuSince(brokerCpuMiddle, childCpuMiddle, environment.brokerInProcess());
        Measurement measurement = new Measurement()
                .put("producer_records_per_s", produced.recordsPerSecond())
                .put("producer_mb_per_s", produced.megabytesPerSecond())
                .put("producer_avg_latency_ms", produced.avgLatencyMs())
                .put("producer_p99_latency_ms", produced.p99LatencyMs())
                .put("consumer_records_per_s", consumed.fetchRecordsPerSecond());
        if (producerCpu >= 0) {
            measurement.put("producer_cpu_us_per_record", producerCpu / 1e3 / records);
        }
        if (consumerCpu >= 0) {
            measurement.put("consumer_cpu_us_per_record", consumerCpu / 1e3 / records);
        }
        return measurement;
    }

    /** The tool's JVM plus (embedded) the broker's work in this JVM; -1 when /proc cannot tell. */
    private static long cpuSince(long processBefore, OptionalLong childrenBefore, boolean brokerInProcess) {
        OptionalLong childrenAfter = ProcessResources.finishedChildrenCpuNanos();
        if (childrenBefore.isEmpty() || childrenAfter.isEmpty()) {
            return -1;
        }
        long child = childrenAfter.getAsLong() - childrenBefore.getAsLong();
        return child + (brokerInProcess ? ProcessResources.processCpuNanos() - processBefore : 0);
    }


    public List<String> notes(RunEnvironment environment) {
        return List.of("each tool runs in its own JVM; CPU per record = the tool's JVM"
                        + (environment.brokerInProcess() ? " + this JVM (the embedded broker)" : "")
                        + " while it ran",
                "consumer_records_per_s is ConsumerPerformance's fetch.nMsg.sec (without the group join)");
    }
}
