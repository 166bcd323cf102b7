package io.genfleet.bench.fleet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fleet of one workload run: its own topics ({@code prefix}), its own Streams application id and state,
 * so runs never see each other's records or restore each other's stores.
 *
 * @param runId     unique within the benchmark; names the topics and the Streams application
 * @param workDir   Streams state and logs of this run
 * @param settings  Spring properties: the benchmark's common ones, then the workload's, then the user's
 * @param shape     which services the process runs
 */
public record FleetConfig(String runId, Path workDir, Map<String, String> settings, FleetShape shape) {

    public FleetConfig {
        if (!runId.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("run id must be lower-case letters, digits and dashes: " + runId);
        }
        settings = Map.copyOf(settings);
    }

    public String topicPrefix() {
        return "bench-" + runId + ".";
    }

    Map<String, Object> springProperties(BenchBroker broker, int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("genfleet.producer.status-url", "http://127.0.0.1:" + port);
        properties.put("genfleet.topics.prefix", topicPrefix());
        properties.put("genfleet.topics.replication-factor", broker.replicationFactor());
        properties.put("genfleet.aggregator.state-dir", workDir.resolve("streams").toString());
        properties.put("spring.kafka.streams.application-id", "genfleet-status-aggregator-bench-" + runId);
        // Standalone's shutdown phase: in-flight generations finish before the context closes.
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "45s");
        properties.putAll(settings);
        return properties;
    }
}
