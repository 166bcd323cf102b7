package io.genfleet.bench.fleet;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;

/**
 * The broker every workload of one benchmark run uses: an embedded KRaft broker in this JVM (the default;
 * its CPU and memory are then part of the process figures), or an existing cluster.
 */
public final class BenchBroker implements AutoCloseable {

    private final EmbeddedKafkaBroker embedded;
    private final String bootstrapServers;

    private BenchBroker(EmbeddedKafkaBroker embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    public static BenchBroker embedded(Path dataDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
        return new BenchBroker(broker, broker.bootstrapServers());
    }

    public static BenchBroker external(String bootstrapServers) {
        return new BenchBroker(null, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when the broker runs in this JVM, so process CPU and RSS include it. */
    public boolean inProcess() {
        return embedded != null;
    }

    /** Replication of the benchmark's topics: 1 on the single embedded broker, the cluster's default otherwise. */
    public int replicationFactor() {
        return inProcess() ? 1 : -1;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
